import { completionDueDate, latestCompletionDate, validateCompletionDueDate } from './completion-clock.rule';
import type { DisposalType } from './disposal.model';
import { OocrRuleNotApplicableError } from './oocr.errors';

describe('completion clock', () => {
  // domain.md 2.1.10 [S]/[U]: 16 weeks by default, 20 at most.
  it.each([
    ['2026-01-05', '2026-04-27', '2026-05-25'],
    ['2024-11-15', '2025-03-07', '2025-04-04'],
    ['2027-12-20', '2028-04-10', '2028-05-08'],
  ])('issued %s: due %s, latest %s', (issueDate, due, latest) => {
    expect(completionDueDate(issueDate)).toBe(due);
    expect(latestCompletionDate(issueDate)).toBe(latest);
  });

  // domain.md 2.3.6 [U]: youth figures not retrieved, so the youth clock is separately configurable.
  it('reads the period from config per disposal type', () => {
    const override = {
      disposalTypes: { YOUTH_CONDITIONAL_CAUTION: { completion: { defaultWeeks: 12, maxWeeks: 16 } } },
    };
    expect(completionDueDate('2026-01-05', 'YOUTH_CONDITIONAL_CAUTION', override)).toBe('2026-03-30');
    expect(completionDueDate('2026-01-05', 'ADULT_CONDITIONAL_CAUTION', override)).toBe('2026-04-27');
  });

  // domain.md 2.4.4 [S]: a community resolution has no completion period to compute.
  it('throws a named error when asked for the clock of a disposal that has none', () => {
    expect(() => completionDueDate('2026-01-05', 'COMMUNITY_RESOLUTION')).toThrow(OocrRuleNotApplicableError);
  });

  // domain.md 2.1.10 [S]/[U]: extension only with an exceptional reason, never beyond 20 weeks.
  it.each<[string, string, string | undefined, string[]]>([
    ['the default date', '2026-04-27', undefined, []],
    ['an earlier date', '2026-03-01', undefined, []],
    [
      'one day over 16 weeks, no reason',
      '2026-04-28',
      undefined,
      ['OOCR_COMPLETION_EXTENSION_REASON_REQUIRED'],
    ],
    [
      'one day over 16 weeks, blank reason',
      '2026-04-28',
      '   ',
      ['OOCR_COMPLETION_EXTENSION_REASON_REQUIRED'],
    ],
    ['20 weeks with a reason', '2026-05-25', 'Course provider cancelled two sessions', []],
    [
      '20 weeks and a day with a reason',
      '2026-05-26',
      'Course provider cancelled',
      ['OOCR_COMPLETION_BEYOND_MAXIMUM'],
    ],
    ['before issue', '2026-01-04', undefined, ['OOCR_COMPLETION_BEFORE_ISSUE']],
    ['a malformed date', '2026-02-30', undefined, ['OOCR_INVALID_INPUT']],
  ])('issued 2026-01-05, completion %s (%s) → %j', (_label, due, exceptionalReason, expected) => {
    const result = validateCompletionDueDate({
      disposalType: 'ADULT_CONDITIONAL_CAUTION',
      issueDate: '2026-01-05',
      completionDueDate: due,
      exceptionalReason,
    });
    expect(result.violations.map((v) => v.rule)).toEqual(expected);
  });

  // domain.md 2.1.10 [S]/[U], 2.3.6 [U], 2.4.4 [S]: which disposals have a completion clock.
  it.each<[DisposalType, string[]]>([
    ['COMMUNITY_RESOLUTION', ['OOCR_COMPLETION_CLOCK_NOT_APPLICABLE']],
    ['YOUTH_CONDITIONAL_CAUTION', []],
  ])('%s completion date → %j', (disposalType, expected) => {
    const result = validateCompletionDueDate({
      disposalType,
      issueDate: '2026-01-05',
      completionDueDate: '2026-04-27',
    });
    expect(result.violations.map((v) => v.rule)).toEqual(expected);
  });
});
