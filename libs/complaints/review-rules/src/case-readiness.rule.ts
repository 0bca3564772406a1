import type { RuleRef, ValidityItem } from './review.vocabulary';

/** Where a case stands on the checks that come before a decision or a closure without one. */
export interface CaseStanding {
  /** From the eligibility gates (1.1.1–1.1.3): REVIEW, NOT_ELIGIBLE, LEGACY_APPEAL, or NOT_ASSESSED (a date missing). */
  readonly eligibilityRoute: 'REVIEW' | 'NOT_ELIGIBLE' | 'LEGACY_APPEAL' | 'NOT_ASSESSED';
  /** The relevant review body once the checklist is done (1.3.1), else null. */
  readonly reviewBody: 'LOCAL_POLICING_BODY' | 'IOPC' | null;
  readonly validityMissing: readonly ValidityItem[];
  /** The recorded reason to go on despite missing items (1.2.6 [U], 1.5.4), if any. */
  readonly proceedDespiteMissingReason: string | null;
  /** Whether a request for the missing information was sent (1.2.6). */
  readonly informationRequested: boolean;
  /** The reply-by date given in that request, when one was sent. */
  readonly informationReplyDueOn?: string | null;
  readonly awaitingExtensionDecision: boolean;
}

export type ReadinessProblemCode =
  | 'AWAITING_EXTENSION_DECISION'
  | 'IOPC_IS_REVIEW_BODY'
  | 'REVIEW_BODY_NOT_ASSESSED'
  | 'NOT_ELIGIBLE_FOR_REVIEW'
  | 'VALIDITY_UNRESOLVED';

export interface ReadinessProblem {
  readonly code: ReadinessProblemCode;
  readonly message: string;
  readonly rule: RuleRef;
}

/**
 * Whether a review can be decided (upheld / not upheld). Each earlier step must have been taken, so a
 * decision never skips the checks the domain requires before it: the time limit (a late application
 * needs its extension decision, 1.2.5), who reviews (1.3.1: the checklist done and the OPCC the body),
 * eligibility (1.1.1–1.1.3: an ineligible application is closed, not decided) and validity (1.2.6 / 1.5.4:
 * missing items are either supplied or waived with a recorded reason).
 */
export function checkReadyForDecision(c: CaseStanding): readonly ReadinessProblem[] {
  const problems: ReadinessProblem[] = [];
  if (c.awaitingExtensionDecision)
    problems.push({
      code: 'AWAITING_EXTENSION_DECISION',
      message: 'The application is out of time: record the extension decision first.',
      rule: '1.2.5',
    });
  if (c.reviewBody === 'IOPC')
    problems.push({
      code: 'IOPC_IS_REVIEW_BODY',
      message: 'The IOPC is the review body for this application.',
      rule: '1.3.1',
    });
  else if (c.reviewBody === null)
    problems.push({
      code: 'REVIEW_BODY_NOT_ASSESSED',
      message: 'Complete the relevant-review-body checklist first: the IOPC may be the review body.',
      rule: '1.3.1, 1.5.5',
    });
  if (c.eligibilityRoute === 'NOT_ELIGIBLE' || c.eligibilityRoute === 'LEGACY_APPEAL')
    problems.push({
      code: 'NOT_ELIGIBLE_FOR_REVIEW',
      message:
        c.eligibilityRoute === 'LEGACY_APPEAL'
          ? 'The complaint predates 1 February 2020: it follows the appeal route; close the application instead.'
          : 'The application is not eligible for a review: close it (with the reason) instead.',
      rule: c.eligibilityRoute === 'LEGACY_APPEAL' ? '1.1.3' : '1.1.1, 1.1.2',
    });
  if (c.validityMissing.length > 0 && !c.proceedDespiteMissingReason?.trim())
    problems.push({
      code: 'VALIDITY_UNRESOLVED',
      message: `Missing: ${c.validityMissing.join(', ')}. Record what the applicant supplied, or proceed despite the missing items with a reason.`,
      rule: '1.2.6, 1.5.4',
    });
  return problems;
}

/** Why a case can be closed without a review decision (the out-of-time refusal has its own action). */
export const CLOSURE_REASONS = ['INSUFFICIENT_INFORMATION', 'NOT_ELIGIBLE', 'LEGACY_APPEAL_ROUTE'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export type ClosureProblemCode =
  | 'UNKNOWN_CLOSURE_REASON'
  | 'INFORMATION_NOT_REQUESTED'
  | 'REPLY_DATE_NOT_PASSED'
  | 'NOTHING_MISSING'
  | 'ELIGIBLE'
  | 'NOT_LEGACY';

export interface ClosureProblem {
  readonly code: ClosureProblemCode;
  readonly message: string;
  readonly rule: RuleRef;
}

/**
 * Whether a case may be closed for the given reason. Nothing is closed automatically: a person decides,
 * and only where the facts on record support it. Missing items never close a case by themselves
 * (1.5.4): the applicant must have been asked first (1.2.6), and the reply date must have passed unless
 * a reason to close early is recorded.
 */
export function checkClosure(
  reason: string,
  c: CaseStanding,
  when: { readonly today?: string; readonly earlyCloseReason?: string | null } = {},
): readonly ClosureProblem[] {
  switch (reason) {
    case 'INSUFFICIENT_INFORMATION': {
      const problems: ClosureProblem[] = [];
      if (c.validityMissing.length === 0)
        problems.push({
          code: 'NOTHING_MISSING',
          message: 'Nothing is missing from the application.',
          rule: '1.2.6',
        });
      else if (!c.informationRequested)
        problems.push({
          code: 'INFORMATION_NOT_REQUESTED',
          message: 'Ask the applicant for the missing information before closing for want of it.',
          rule: '1.2.6, 1.5.4',
        });
      // The applicant has until the reply date to answer (issue 10 item 3); closing before then needs
      // a recorded reason to close early (e.g. the applicant says there is nothing more to send).
      else if (
        c.informationReplyDueOn &&
        when.today !== undefined &&
        when.today <= c.informationReplyDueOn &&
        !when.earlyCloseReason?.trim()
      )
        problems.push({
          code: 'REPLY_DATE_NOT_PASSED',
          message: `The applicant has until ${c.informationReplyDueOn} to reply: close after that date, or record earlyCloseReason (e.g. the applicant says there is nothing more to send).`,
          rule: '1.2.6, 1.5.4',
        });
      return problems;
    }
    case 'NOT_ELIGIBLE':
      return c.eligibilityRoute === 'NOT_ELIGIBLE'
        ? []
        : [
            {
              code: 'ELIGIBLE',
              message: `The eligibility gates give ${c.eligibilityRoute}, not NOT_ELIGIBLE.`,
              rule: '1.1.1, 1.1.2',
            },
          ];
    case 'LEGACY_APPEAL_ROUTE':
      return c.eligibilityRoute === 'LEGACY_APPEAL'
        ? []
        : [
            {
              code: 'NOT_LEGACY',
              message: 'The complaint was made on or after 1 February 2020.',
              rule: '1.1.3',
            },
          ];
    default:
      return [
        {
          code: 'UNKNOWN_CLOSURE_REASON',
          message: `reason must be one of ${CLOSURE_REASONS.join(', ')}`,
          rule: '1.5.8',
        },
      ];
  }
}
