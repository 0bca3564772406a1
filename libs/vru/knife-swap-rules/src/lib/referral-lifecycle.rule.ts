import { RuleViolation } from './rule-result.model';

/**
 * The referral lifecycle (domain.md 3.3.1–3.3.2, 3.4.4): referred → pre-offer discussion → eligibility →
 * consent → swap → follow-up → closed. A referral can be withdrawn while nothing has been swapped.
 */
export const REFERRAL_STATUSES = [
  'REFERRED',
  'DISCUSSED',
  'ELIGIBLE',
  'NOT_ELIGIBLE',
  'CONSENTED',
  'DECLINED',
  'SWAPPED',
  'FOLLOWED_UP',
  'WITHDRAWN',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_ACTIONS = [
  'RECORD_DISCUSSION',
  'DECIDE_ELIGIBLE',
  'DECIDE_NOT_ELIGIBLE',
  'RECORD_CONSENT',
  'RECORD_REFUSAL',
  'RECORD_SWAP',
  'RECORD_FOLLOW_UP',
  'WITHDRAW',
] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

export const REFERRAL_TRANSITIONS: Readonly<
  Record<ReferralAction, { from: readonly ReferralStatus[]; to: ReferralStatus }>
> = {
  // The discussion may be recorded again (a second visit) until eligibility is decided.
  RECORD_DISCUSSION: { from: ['REFERRED', 'DISCUSSED'], to: 'DISCUSSED' },
  DECIDE_ELIGIBLE: { from: ['DISCUSSED'], to: 'ELIGIBLE' },
  DECIDE_NOT_ELIGIBLE: { from: ['DISCUSSED'], to: 'NOT_ELIGIBLE' },
  RECORD_CONSENT: { from: ['ELIGIBLE'], to: 'CONSENTED' },
  RECORD_REFUSAL: { from: ['ELIGIBLE'], to: 'DECLINED' },
  RECORD_SWAP: { from: ['CONSENTED'], to: 'SWAPPED' },
  RECORD_FOLLOW_UP: { from: ['SWAPPED'], to: 'FOLLOWED_UP' },
  WITHDRAW: { from: ['REFERRED', 'DISCUSSED', 'ELIGIBLE', 'CONSENTED'], to: 'WITHDRAWN' },
};

export type TransitionResult = { ok: true; status: ReferralStatus } | { ok: false; violation: RuleViolation };

export function nextReferralStatus(current: ReferralStatus, action: ReferralAction): TransitionResult {
  const t = REFERRAL_TRANSITIONS[action];
  if (t.from.includes(current)) return { ok: true, status: t.to };
  return {
    ok: false,
    violation: {
      rule: 'SKRS_TRANSITION_NOT_ALLOWED',
      field: 'status',
      message: `A referral that is ${current} cannot take ${action} (it needs to be ${t.from.join(' or ')}).`,
    },
  };
}

/** Statuses whose referral is still being worked on (queues and the "open" filter). */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = [
  'REFERRED',
  'DISCUSSED',
  'ELIGIBLE',
  'CONSENTED',
  'SWAPPED',
];
