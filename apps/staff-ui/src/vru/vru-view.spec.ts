import { pick, riskRank, tagReferralActions, TAG_REFERRAL_STATUSES } from './vru-view';

// Which forms a VRU page offers (the services still decide): vru-notes 3.5 (referral state machine), domain.md
// 3.4.1 (consent of the young person, and of a guardian under 18).
describe('tag referral actions', () => {
  const C = ['VRU_COORDINATOR'];
  const P = ['VRU_PRACTITIONER'];
  const M = ['VRU_MANAGER'];
  const R = ['PARTNER_REFERRER'];
  const both = ['SUBJECT', 'GUARDIAN'];
  it.each([
    [C, 'RECEIVED', both, [], true, []],
    [C, 'MORE_INFO_REQUESTED', both, [], false, []], // the referrer answers first
    [M, 'RECEIVED', both, [], false, []], // only coordinators triage
    [R, 'RECEIVED', both, [], false, []],
    [C, 'CONSENT_PENDING', both, [], false, ['SUBJECT', 'GUARDIAN']],
    [P, 'CONSENT_PENDING', both, [{ party: 'SUBJECT' }], false, ['GUARDIAN']],
    [P, 'CONSENT_PENDING', both, [{ party: 'SUBJECT', withdrawnAt: '2026-12-01T10:00:00Z' }], false, both], // withdrawn
    [M, 'CONSENT_PENDING', both, [], false, []], // managers do not record consent
    [R, 'CONSENT_PENDING', both, [], false, []],
    [C, 'AWAITING_DEVICE', both, [], false, []],
  ] as const)(
    '%j on %s (needs %j, has %j) → triage %s, consent from %j',
    (roles, status, required, consents, triage, parties) => {
      expect(
        tagReferralActions(roles, { status, requiredConsents: [...required], consents: [...consents] }),
      ).toEqual({ triage, consentParties: parties });
    },
  );
});

describe('query string values', () => {
  it.each([
    ['FITTED', 'FITTED'],
    ['fitted', undefined],
    ['<script>', undefined],
    [undefined, undefined],
  ])('status %j → %j', (value, expected) => {
    expect(pick(value, TAG_REFERRAL_STATUSES)).toBe(expected);
  });
  it('risk sorts highest first', () => {
    expect(['LOW', 'HIGH', 'MEDIUM', 'OTHER'].map(riskRank)).toEqual([3, 1, 2, undefined]);
  });
});
