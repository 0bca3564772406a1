import {
  nextReferralStatus,
  REFERRAL_ACTIONS,
  REFERRAL_STATUSES,
  ReferralAction,
  ReferralStatus,
} from './referral-lifecycle.rule';

/** The whole table (domain.md 3.3.2 discussion before the offer; 3.3.5 agreement before the swap; 3.4.4). */
const ALLOWED: Record<ReferralAction, Partial<Record<ReferralStatus, ReferralStatus>>> = {
  RECORD_DISCUSSION: { REFERRED: 'DISCUSSED', DISCUSSED: 'DISCUSSED' },
  DECIDE_ELIGIBLE: { DISCUSSED: 'ELIGIBLE' },
  DECIDE_NOT_ELIGIBLE: { DISCUSSED: 'NOT_ELIGIBLE' },
  RECORD_CONSENT: { ELIGIBLE: 'CONSENTED' },
  RECORD_REFUSAL: { ELIGIBLE: 'DECLINED' },
  RECORD_SWAP: { CONSENTED: 'SWAPPED' },
  RECORD_FOLLOW_UP: { SWAPPED: 'FOLLOWED_UP' },
  WITHDRAW: { REFERRED: 'WITHDRAWN', DISCUSSED: 'WITHDRAWN', ELIGIBLE: 'WITHDRAWN', CONSENTED: 'WITHDRAWN' },
};

const cases = REFERRAL_ACTIONS.flatMap((a) =>
  REFERRAL_STATUSES.map((s) => [s, a, ALLOWED[a][s] ?? 'SKRS_TRANSITION_NOT_ALLOWED'] as const),
);

describe('referral lifecycle (domain.md 3.3.2, 3.3.5, 3.4.4)', () => {
  it.each(cases)('%s + %s → %s', (from, action, expected) => {
    const r = nextReferralStatus(from, action);
    expect(r.ok ? r.status : r.violation.rule).toBe(expected);
  });

  it('3.3.2: no eligibility decision straight from REFERRED (the discussion comes first)', () => {
    expect(nextReferralStatus('REFERRED', 'DECIDE_ELIGIBLE').ok).toBe(false);
  });
  it('3.3.5: no swap before consent', () => {
    expect(nextReferralStatus('ELIGIBLE', 'RECORD_SWAP').ok).toBe(false);
  });
});
