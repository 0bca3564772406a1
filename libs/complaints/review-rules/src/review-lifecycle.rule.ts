import type { RuleRef } from './review.vocabulary';

/**
 * A review's lifecycle as one table: for every state, every action a person can take on the case is
 * either allowed or refused with the rule that refuses it. The service checks it in one place (when a
 * case is loaded for an action), so no action can move a case the rules do not allow; the checks that
 * need more than the state (what is missing, dates, readiness) stay in their own rules.
 */

/** Where a case stands. The open statuses split by the eligibility gates (1.1.1–1.1.3). */
export const REVIEW_STATES = [
  'RECEIVED',
  'UNDER_REVIEW',
  'NOT_ELIGIBLE',
  'LEGACY_APPEAL',
  'DECIDED',
  'CLOSED',
  'WITHDRAWN',
  'PASSED_TO_IOPC',
] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const REVIEW_ACTIONS = [
  'ACKNOWLEDGE',
  'ASSIGN',
  'SEND_RECEIPT_NOTIFICATION',
  'REQUEST_CASE_FILE',
  'REQUEST_INFORMATION',
  'RECORD_INFORMATION_RECEIVED',
  'PROCEED_DESPITE_MISSING_ITEMS',
  'DECIDE_EXTENSION',
  'ASSESS_REVIEW_BODY',
  'STOP_CLOCK',
  'RESTART_CLOCK',
  'WITHDRAW',
  'CLOSE',
  'DECIDE',
  'RECORD_DECISION_NOT_TO_ACT',
  'RECORD_FORCE_RESPONSE',
] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export interface Refusal {
  readonly code: string;
  readonly rule: RuleRef;
  readonly message: string;
}

export type TransitionRule = 'ALLOWED' | Refusal;

/** The case's state from its status and the eligibility route of its latest assessment. */
export function reviewState(
  status: 'RECEIVED' | 'UNDER_REVIEW' | 'DECIDED' | 'CLOSED' | 'WITHDRAWN' | 'PASSED_TO_IOPC',
  eligibilityRoute: string | null,
): ReviewState {
  if (status === 'RECEIVED' || status === 'UNDER_REVIEW') {
    if (eligibilityRoute === 'NOT_ELIGIBLE') return 'NOT_ELIGIBLE';
    if (eligibilityRoute === 'LEGACY_APPEAL') return 'LEGACY_APPEAL';
  }
  return status;
}

const notEligible: Refusal = {
  code: 'NOT_ELIGIBLE_FOR_REVIEW',
  rule: '1.1.1, 1.1.2',
  message:
    'The application is not eligible for a review (the complaint was not handled under Schedule 3, or the IOPC investigated it): close it as NOT_ELIGIBLE, or record the information that changes that.',
};
const legacy: Refusal = {
  code: 'LEGACY_APPEAL_ROUTE',
  rule: '1.1.3',
  message:
    'The complaint predates 1 February 2020 and follows the 2012 appeal route: close it as LEGACY_APPEAL_ROUTE, or record the information that changes that.',
};
const noClockYet: Refusal = {
  code: 'COMPLETION_CLOCK_NOT_RUNNING',
  rule: '1.4.7 [S]',
  message:
    'The completion clock runs once the OPCC is confirmed as the review body: assess the review body first.',
};
const noRecommendations: Refusal = {
  code: 'NO_RECOMMENDATIONS_YET',
  rule: '1.4.3, 1.4.5 [U]',
  message: 'Recommendations exist only once the review is decided upheld.',
};
const finished = (state: ReviewState, rule: RuleRef, why: string): Refusal => ({
  code: `CASE_${state}`,
  rule,
  message: `The review is ${state}: ${why}`,
});
const decided = finished('DECIDED', '1.1.6, 1.4.3', 'its outcome is given and cannot be changed.');
const closed = finished('CLOSED', '1.5.8', 'it was closed without a review.');
const withdrawn = finished('WITHDRAWN', '1.2.7 [S]', 'the applicant withdrew it.');
const passed = finished(
  'PASSED_TO_IOPC',
  '1.2.4 [P]',
  'the IOPC is the review body and has the application.',
);

const A = 'ALLOWED' as const;

/**
 * Open and eligible (or not assessed yet): everything but what needs the completion clock or a decision's
 * recommendations. A decision is allowed by state; checkReadyForDecision then lists every step still
 * missing (review body, validity, extension decision) in one answer.
 */
const received: Record<ReviewAction, TransitionRule> = {
  ACKNOWLEDGE: A,
  ASSIGN: A,
  SEND_RECEIPT_NOTIFICATION: A,
  REQUEST_CASE_FILE: A,
  REQUEST_INFORMATION: A,
  RECORD_INFORMATION_RECEIVED: A,
  PROCEED_DESPITE_MISSING_ITEMS: A,
  DECIDE_EXTENSION: A,
  ASSESS_REVIEW_BODY: A,
  STOP_CLOCK: noClockYet,
  RESTART_CLOCK: noClockYet,
  WITHDRAW: A,
  CLOSE: A,
  DECIDE: A,
  RECORD_DECISION_NOT_TO_ACT: A,
  RECORD_FORCE_RESPONSE: noRecommendations,
};

/** Found ineligible: it can be closed, withdrawn or corrected, never accepted for review or decided. */
const ineligible = (why: Refusal): Record<ReviewAction, TransitionRule> => ({
  ...received,
  ASSESS_REVIEW_BODY: why,
  DECIDE: why,
  STOP_CLOCK: A,
  RESTART_CLOCK: A,
});

/** Finished: only the decision log (a decision not to act) and, once decided, the force's responses. */
const done = (why: Refusal): Record<ReviewAction, TransitionRule> => ({
  ...(Object.fromEntries(REVIEW_ACTIONS.map((a) => [a, why])) as Record<ReviewAction, TransitionRule>),
  RECORD_DECISION_NOT_TO_ACT: A,
});

export const REVIEW_TRANSITIONS: Readonly<
  Record<ReviewState, Readonly<Record<ReviewAction, TransitionRule>>>
> = {
  RECEIVED: received,
  UNDER_REVIEW: { ...received, STOP_CLOCK: A, RESTART_CLOCK: A, DECIDE: A },
  NOT_ELIGIBLE: ineligible(notEligible),
  LEGACY_APPEAL: ineligible(legacy),
  DECIDED: { ...done(decided), RECORD_FORCE_RESPONSE: A },
  CLOSED: done(closed),
  WITHDRAWN: done(withdrawn),
  PASSED_TO_IOPC: done(passed),
};

/** The table's answer: null when allowed, else the refusal with its rule. */
export function checkReviewTransition(state: ReviewState, action: ReviewAction): Refusal | null {
  const rule = REVIEW_TRANSITIONS[state]?.[action];
  if (rule === undefined)
    return { code: 'UNKNOWN_TRANSITION', rule: '1.5', message: `No rule for ${action} in state ${state}.` };
  return rule === 'ALLOWED' ? null : rule;
}
