import { consentComplete, requiredConsents } from './consent.rule';
import { contactDueDates, contactEveryDays } from './contact-cadence.rule';
import { checkEpisodeLength, plannedEndDate } from './episode-length.rule';
import {
  canMoveTag,
  nextReferralStatus,
  openActions,
  REFERRAL_STATUSES,
  ReferralAction,
  ReferralStatus,
  TAG_STATUSES,
  TagStatus,
} from './lifecycle.rule';
import { tagRulesConfig, TagRulesConfigError } from './tag-rules.config';
import { orderWaitingList } from './waiting-list.rule';

describe('consent (domain.md 3.1.3, 3.1.6 [U], 3.4.2)', () => {
  it.each([
    ['2009-12-05', ['SUBJECT', 'GUARDIAN']], // 16
    ['2008-12-05', ['SUBJECT', 'GUARDIAN']], // 17, a day short of 18
    ['2008-12-04', ['SUBJECT']], // 18 today
    ['2003-01-01', ['SUBJECT']],
  ])('born %s needs %j', (dob, parties) => expect(requiredConsents(dob, '2026-12-04')).toEqual(parties));
  it('the guardian threshold is configuration', () => {
    expect(requiredConsents('2009-12-05', '2026-12-04', { guardianConsentBelowAge: 16 })).toEqual([
      'SUBJECT',
    ]);
  });
  it('complete only when every required party consented', () => {
    expect(consentComplete(['SUBJECT', 'GUARDIAN'], ['SUBJECT'])).toBe(false);
    expect(consentComplete(['SUBJECT', 'GUARDIAN'], ['GUARDIAN', 'SUBJECT'])).toBe(true);
  });
});

describe('episode length (domain.md 3.1.3 [S], 3.4.3)', () => {
  const rule = (req: Parameters<typeof checkEpisodeLength>[0]) =>
    checkEpisodeLength(req).violations.map((v) => v.rule);
  it.each<[Parameters<typeof checkEpisodeLength>[0], string[]]>([
    [{ byManager: false }, []], // 42 days by default
    [{ days: 42, byManager: false }, []],
    [{ days: 7, byManager: false }, []], // shorter is a plan, not an exception
    [{ days: 0, byManager: false }, ['TAG_EPISODE_TOO_SHORT']],
    [{ days: 43, byManager: false }, ['TAG_EPISODE_REASON_REQUIRED']],
    [{ days: 56, reason: 'exams', byManager: false }, []],
    [{ days: 57, reason: 'exams', byManager: false }, ['TAG_EPISODE_NEEDS_MANAGER']],
    [{ days: 57, byManager: true }, ['TAG_EPISODE_MANAGER_REASON_REQUIRED']],
    [{ days: 234, managerReason: 'court date', byManager: true }, []],
    [{ days: 235, managerReason: 'court date', byManager: true }, ['TAG_EPISODE_TOO_LONG']],
  ])('%j → %j', (req, expected) => expect(rule(req)).toEqual(expected));
  it('defaults to 42 days and the planned end is fit + length', () => {
    expect(checkEpisodeLength({ byManager: false }).days).toBe(42);
    expect(plannedEndDate('2026-12-04', 42)).toBe('2027-01-15');
  });
  it('refuses an impossible configuration', () => {
    expect(() =>
      tagRulesConfig({ episode: { defaultDays: 60, extendedDays: 56, managerMaxDays: 234, minDays: 1 } }),
    ).toThrow(TagRulesConfigError);
    expect(() => tagRulesConfig({ contactEveryDays: { HIGH: 7, MEDIUM: 3, LOW: 2 } })).toThrow(
      /more often|frequent/,
    );
  });
});

describe('contact cadence by risk (domain.md 3.1.3 [S], 3.4.3)', () => {
  it.each([
    ['HIGH', 2],
    ['MEDIUM', 3],
    ['LOW', 7],
  ] as const)('%s every %d days', (risk, days) => expect(contactEveryDays(risk)).toBe(days));
  it('due dates run from the fit to the planned end', () => {
    expect(contactDueDates('2026-12-01', '2026-12-15', 'LOW')).toEqual(['2026-12-08', '2026-12-15']);
    expect(contactDueDates('2026-12-01', '2027-01-12', 'HIGH')).toHaveLength(21);
  });
});

describe('waiting list: risk, then date (issue 11 §4)', () => {
  it('orders higher risk first, then the longest wait', () => {
    const list = orderWaitingList([
      { id: 'a', risk: 'LOW', waitingSince: '2026-11-01T10:00:00.000Z' },
      { id: 'b', risk: 'HIGH', waitingSince: '2026-11-20T10:00:00.000Z' },
      { id: 'c', risk: 'HIGH', waitingSince: '2026-11-10T10:00:00.000Z' },
      { id: 'd', risk: 'MEDIUM', waitingSince: '2026-10-01T10:00:00.000Z' },
    ]);
    expect(list.map((e) => e.id)).toEqual(['c', 'b', 'd', 'a']);
  });
});

describe('tag lifecycle (vru-notes 3.2)', () => {
  const allowed: Array<[TagStatus, TagStatus]> = [
    ['IN_STOCK', 'ALLOCATED'],
    ['ALLOCATED', 'FITTED'],
    ['ALLOCATED', 'IN_STOCK'],
    ['FITTED', 'REMOVED'],
    ['FITTED', 'LOST'],
    ['REMOVED', 'INSPECTED'],
    ['INSPECTED', 'IN_STOCK'],
    ['INSPECTED', 'DAMAGED'],
    ['INSPECTED', 'LOST'],
    ['IN_STOCK', 'DAMAGED'],
    ['IN_STOCK', 'LOST'],
    ['REMOVED', 'LOST'],
  ];
  it.each(TAG_STATUSES.flatMap((f) => TAG_STATUSES.map((t) => [f, t] as [TagStatus, TagStatus])))(
    '%s → %s',
    (from, to) => expect(canMoveTag(from, to)).toBe(allowed.some(([f, t]) => f === from && t === to)),
  );
});

describe('referral lifecycle (vru-notes 3.5, domain.md 3.4.1–3.4.3)', () => {
  const table: Array<[ReferralStatus, ReferralAction, ReferralStatus | null]> = [
    ['RECEIVED', 'ACCEPT', 'CONSENT_PENDING'],
    ['RECEIVED', 'DECLINE', 'DECLINED'],
    ['RECEIVED', 'REQUEST_INFO', 'MORE_INFO_REQUESTED'],
    ['MORE_INFO_REQUESTED', 'PROVIDE_INFO', 'RECEIVED'],
    ['MORE_INFO_REQUESTED', 'ACCEPT', null], // the information comes first
    ['CONSENT_PENDING', 'CONSENT_COMPLETE', 'AWAITING_DEVICE'],
    ['CONSENT_PENDING', 'ALLOCATE', null], // no tag before consent (3.4.2)
    ['AWAITING_DEVICE', 'ALLOCATE', 'ALLOCATED'],
    ['ALLOCATED', 'FIT', 'FITTED'],
    ['ALLOCATED', 'WITHDRAW', 'WITHDRAWN'],
    ['FITTED', 'WITHDRAW', 'REMOVAL_DUE'], // ends early, the tag must come back (3.4.2)
    ['FITTED', 'END_DUE', 'REMOVAL_DUE'],
    ['REMOVAL_DUE', 'REMOVE', 'REMOVED'],
    ['REMOVED', 'CLOSE', 'CLOSED'],
    ['DECLINED', 'ACCEPT', null],
    ['CLOSED', 'WITHDRAW', null],
    ['WITHDRAWN', 'ALLOCATE', null],
  ];
  it.each(table)('%s + %s → %s', (from, action, to) => expect(nextReferralStatus(from, action)).toBe(to));
  it('every status is in the table; terminal ones have no move', () => {
    for (const s of REFERRAL_STATUSES) expect(openActions(s)).toBeDefined();
    expect(openActions('DECLINED')).toEqual([]);
    expect(openActions('CLOSED')).toEqual([]);
  });
});
