import {
  addCalendarMonths,
  addDays,
  addWeeks,
  ageOnDate,
  compareIsoDates,
  daysBetween,
  isIsoDate,
  parseIsoDate,
  type LeapDayBirthdayRule,
} from './calendar-date.util';
import { InvalidCalendarDateError } from './oocr.errors';

describe('calendar dates', () => {
  // domain.md 2.6.4/2.6.5: dates are ISO calendar dates; malformed input must be detectable.
  it.each([
    ['2026-01-05', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-1-05', false],
    ['2026-01-05T00:00:00Z', false],
    ['', false],
    [20260105, false],
  ])('isIsoDate(%p) is %p', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  // domain.md 2.6 (style.md practice 10): programmer errors are named Error subclasses.
  it('throws a named domain error for a malformed date given to a helper', () => {
    expect(() => parseIsoDate('2026-02-30')).toThrow(InvalidCalendarDateError);
    expect(() => addDays('05/01/2026', 1)).toThrow(
      expect.objectContaining({ name: 'InvalidCalendarDateError' }),
    );
  });

  // domain.md 2.1.10 [S]/[U], 2.1.13 [S]: day arithmetic behind both clocks, across leap years.
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-05', 0, '2026-01-05'],
    ['1999-12-31', 366, '2000-12-31'],
  ])('addDays(%s, %i) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  // domain.md 2.1.10 / 2.1.13: the integer day arithmetic must match the Gregorian calendar exactly.
  it('agrees with UTC Date arithmetic over two centuries', () => {
    for (let dayNumber = -25_567; dayNumber < 47_482; dayNumber += 97) {
      const expected = new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
      expect(addDays('1970-01-01', dayNumber)).toBe(expected);
      expect(daysBetween('1970-01-01', expected)).toBe(dayNumber);
    }
  });

  // domain.md 2.1.10 [S]/[U]: 16 weeks from issue.
  it.each([
    ['2026-01-05', 16, '2026-04-27'],
    ['2026-01-05', 20, '2026-05-25'],
    ['2024-01-01', 16, '2024-04-22'],
  ])('addWeeks(%s, %i) = %s', (date, weeks, expected) => {
    expect(addWeeks(date, weeks)).toBe(expected);
  });

  // domain.md 2.1.13 [S]: calendar months, clamped to month end (Dodds v Walker).
  it.each([
    ['2026-01-15', 6, '2026-07-15'],
    ['2025-08-31', 6, '2026-02-28'],
    ['2023-08-31', 6, '2024-02-29'],
    ['2026-03-31', 6, '2026-09-30'],
    ['2026-07-01', 6, '2027-01-01'],
    ['2025-12-31', 2, '2026-02-28'],
    ['2026-05-31', -3, '2026-02-28'],
  ])('addCalendarMonths(%s, %i) = %s', (date, months, expected) => {
    expect(addCalendarMonths(date, months)).toBe(expected);
  });

  // domain.md 2.6.5: days remaining to the last date to lay an information.
  it.each([
    ['2026-01-05', '2026-04-27', 112],
    ['2026-04-27', '2026-01-05', -112],
    ['2024-02-28', '2024-03-01', 2],
  ])('daysBetween(%s, %s) = %i', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  // domain.md 2.6.4: ordering of due dates.
  it.each([
    ['2026-01-05', '2026-01-06', -1],
    ['2026-01-06', '2026-01-06', 0],
    ['2027-01-01', '2026-12-31', 1],
  ])('compareIsoDates(%s, %s) = %i', (a, b, expected) => {
    expect(compareIsoDates(a, b)).toBe(expected);
  });

  // domain.md 2.1.1 [P] / 2.3.2 [P]: age bands depend on completed years at the disposal date.
  it.each<[string, string, LeapDayBirthdayRule, number]>([
    ['2008-06-15', '2026-06-14', 'MARCH_1', 17],
    ['2008-06-15', '2026-06-15', 'MARCH_1', 18],
    ['2008-06-15', '2026-12-31', 'MARCH_1', 18],
    ['2008-02-29', '2026-02-28', 'MARCH_1', 17],
    ['2008-02-29', '2026-02-28', 'FEB_28', 18],
    ['2008-02-29', '2026-03-01', 'MARCH_1', 18],
    ['2008-02-29', '2026-02-27', 'FEB_28', 17],
    ['2008-02-29', '2028-02-28', 'MARCH_1', 19],
    ['2008-02-29', '2028-02-29', 'MARCH_1', 20],
    ['2016-01-01', '2015-12-31', 'MARCH_1', -1],
  ])('born %s, on %s (%s): age %i', (dob, on, rule, expected) => {
    expect(ageOnDate(dob, on, rule)).toBe(expected);
  });
});
