import type { OffenceClass } from './disposal.model';
import {
  checkTimeLimitAtIssue,
  prosecutionTimeLimitStatus,
  summaryOnlyLastDateToLay,
  type TimeLimitAtIssueInput,
} from './prosecution-time-limit.rule';
import { isClearToProceed } from './rule-result.model';

describe('summary-only prosecution time limit', () => {
  // domain.md 2.1.13 [S]: offence date + 6 calendar months; month-end clamp [U] (Dodds v Walker).
  it.each([
    ['2026-01-01', '2026-07-01'],
    ['2025-08-31', '2026-02-28'],
    ['2023-08-31', '2024-02-29'],
    ['2025-12-31', '2026-06-30'],
    ['2026-02-28', '2026-08-28'],
  ])('offence on %s: last date to lay an information %s', (offenceDate, expected) => {
    expect(summaryOnlyLastDateToLay(offenceDate)).toBe(expected);
  });

  const atIssue = (overrides: Partial<TimeLimitAtIssueInput>): TimeLimitAtIssueInput => ({
    offenceClass: 'SUMMARY_ONLY',
    offenceDate: '2026-01-01', // last date 2026-07-01
    issueDate: '2026-01-05',
    completionDueDate: '2026-04-27',
    ...overrides,
  });

  // domain.md 2.1.13 [S]/[U], 2.6.5: warn when completion + breach buffer (14 days [U]) passes the last date.
  it.each<[string, Partial<TimeLimitAtIssueInput>, string[]]>([
    ['16 weeks from a prompt caution', {}, []],
    ['completion + 14 days lands on the last date', { completionDueDate: '2026-06-17' }, []],
    [
      'completion + 14 days is a day late',
      { completionDueDate: '2026-06-18' },
      ['OOCR_SUMMARY_TIME_LIMIT_AT_RISK'],
    ],
    [
      'caution issued late',
      { offenceDate: '2025-10-01', issueDate: '2026-01-05' },
      ['OOCR_SUMMARY_TIME_LIMIT_AT_RISK'],
    ],
    [
      'caution issued after the limit',
      { offenceDate: '2025-06-01', issueDate: '2026-01-05' },
      ['OOCR_SUMMARY_TIME_LIMIT_EXPIRED'],
    ],
    ['either-way offence', { offenceClass: 'EITHER_WAY', offenceDate: '2025-06-01' }, []],
  ])('%s → %j', (_label, overrides, expected) => {
    const result = checkTimeLimitAtIssue(atIssue(overrides));
    expect(result.violations).toEqual([]);
    expect(result.warnings.map((w) => w.rule)).toEqual(expected);
  });

  // domain.md 2.6.5: breach-handling buffer [U] is configuration.
  it('uses the configured breach-handling buffer [U]', () => {
    const value = atIssue({ completionDueDate: '2026-06-10' });
    expect(checkTimeLimitAtIssue(value).warnings).toHaveLength(0);
    expect(
      checkTimeLimitAtIssue(value, { prosecutionTimeLimit: { breachHandlingBufferDays: 28 } }).warnings,
    ).toHaveLength(1);
  });

  // domain.md 2.6.5: the at-risk warning must be acknowledged with a reason.
  it('needs the warning acknowledged with a reason before proceeding', () => {
    const risky = atIssue({ completionDueDate: '2026-06-30' });
    expect(isClearToProceed(checkTimeLimitAtIssue(risky))).toBe(false);
    const acknowledged = checkTimeLimitAtIssue({
      ...risky,
      acknowledgements: [
        { rule: 'OOCR_SUMMARY_TIME_LIMIT_AT_RISK', reason: 'Victim prefers reparation over prosecution' },
      ],
    });
    expect(isClearToProceed(acknowledged)).toBe(true);
  });

  // domain.md 2.1.13 [S]: a malformed offence date is a violation, not an exception.
  it('reports malformed dates instead of throwing', () => {
    expect(checkTimeLimitAtIssue(atIssue({ offenceDate: 'last week' })).violations).toEqual([
      expect.objectContaining({ rule: 'OOCR_INVALID_INPUT', field: 'offenceDate' }),
    ]);
  });

  // domain.md 2.6.5: OK → APPROACHING (28 days [U]) → STATUTE_BARRED after the last date.
  it.each<[OffenceClass, string, string, number | null]>([
    ['SUMMARY_ONLY', '2026-06-02', 'OK', 29],
    ['SUMMARY_ONLY', '2026-06-03', 'APPROACHING', 28],
    ['SUMMARY_ONLY', '2026-07-01', 'APPROACHING', 0],
    ['SUMMARY_ONLY', '2026-07-02', 'STATUTE_BARRED', -1],
    ['EITHER_WAY', '2030-01-01', 'NOT_APPLICABLE', null],
  ])('%s offence on 2026-01-01, on %s: %s (%p days left)', (offenceClass, onDate, status, daysRemaining) => {
    expect(prosecutionTimeLimitStatus({ offenceClass, offenceDate: '2026-01-01' }, onDate)).toEqual({
      status,
      lastDateToLay: offenceClass === 'SUMMARY_ONLY' ? '2026-07-01' : null,
      daysRemaining,
    });
  });

  // domain.md 2.6.5: the escalation window [U] is configuration.
  it('uses the configured approaching window [U]', () => {
    const offence = { offenceClass: 'SUMMARY_ONLY' as const, offenceDate: '2026-01-01' };
    expect(prosecutionTimeLimitStatus(offence, '2026-05-01').status).toBe('OK');
    expect(
      prosecutionTimeLimitStatus(offence, '2026-05-01', {
        prosecutionTimeLimit: { approachingWithinDays: 70 },
      }).status,
    ).toBe('APPROACHING');
  });
});
