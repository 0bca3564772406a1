import { endOfLondonDay, isCalendarDate, todayInLondon } from './is-calendar-date.validator';

describe('calendar dates', () => {
  it.each([
    ['2026-04-01', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-4-1', false],
    ['01/04/2026', false],
    [20260401, false],
  ])('isCalendarDate(%p) = %p', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });

  it('ends a winter day at midnight GMT and a summer day at 23:00 UTC (BST)', () => {
    expect(endOfLondonDay('2026-01-15').toISOString()).toBe('2026-01-16T00:00:00.000Z');
    expect(endOfLondonDay('2026-07-15').toISOString()).toBe('2026-07-15T23:00:00.000Z');
  });

  it('gives the London date, not the UTC date, just after midnight in summer', () => {
    expect(todayInLondon(new Date('2026-07-15T23:30:00Z'))).toBe('2026-07-16');
  });
});
