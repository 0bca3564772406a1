import { addDays, DEFAULT_SCHEDULE } from './schedule.rule';

describe('swap schedule ([U] defaults, configurable)', () => {
  it.each([
    ['2026-01-30', 28, '2026-02-27'],
    ['2026-12-20', 14, '2027-01-03'],
    ['2028-02-28', 1, '2028-02-29'],
  ])('%s + %i days = %s', (from, n, to) => expect(addDays(from, n)).toBe(to));
  it('defaults: destruction in 28 days, escalation 14 later, follow-up at 6 weeks', () => {
    expect(DEFAULT_SCHEDULE).toEqual({
      destructionDueDays: 28,
      escalateAfterDays: 14,
      followUpAfterDays: 42,
    });
  });
});
