import {
  addCalendarDays,
  calendarDaysBetween,
  dayOfWeek,
  fromEpochDay,
  isIsoDate,
  maxIsoDate,
  minIsoDate,
  parseIsoDate,
  toEpochDay,
} from './iso-date.util';
import { InvalidIsoDateError } from './working-days.errors';

// Plain UK calendar days, no time zone: the basis for every deadline in domain.md 1.2.1 [P] and 1.4.7 [S].
describe('iso-date.util', () => {
  it.each([
    ['2024-02-29', true], // leap year
    ['2023-02-29', false],
    ['1900-02-29', false], // century, not a leap year
    ['2000-02-29', true], // divisible by 400
    ['2025-04-31', false],
    ['2025-12-31', true],
    ['2025-13-01', false],
    ['2025-1-01', false],
    ['2025-01-01T00:00:00Z', false],
    ['', false],
    [20250101, false],
    [null, false],
  ])('isIsoDate(%p) is %p', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it('parseIsoDate refuses a non-date with a named error', () => {
    expect(() => parseIsoDate('2025-02-30')).toThrow(InvalidIsoDateError);
  });

  it.each([
    ['2025-04-01', 28, '2025-04-29'], // domain.md 1.2.2 [S] worked example: 1 April + 28 days
    ['2025-01-31', 1, '2025-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2025-03-30', 0, '2025-03-30'], // BST starts: still one calendar day per day
    ['2024-01-01', 366, '2025-01-01'],
  ])('addCalendarDays(%s, %i) = %s', (date, days, expected) => {
    expect(addCalendarDays(date, days)).toBe(expected);
  });

  it.each([
    ['2025-04-01', '2025-04-29', 28],
    ['2025-04-29', '2025-04-01', -28],
    ['2025-03-29', '2025-03-31', 2], // across the BST change
    ['2024-02-01', '2024-03-01', 29],
    ['2025-06-01', '2025-06-01', 0],
  ])('calendarDaysBetween(%s, %s) = %i', (from, to, expected) => {
    expect(calendarDaysBetween(from, to)).toBe(expected);
  });

  it.each([
    ['1970-01-01', 4],
    ['2025-04-18', 5], // Good Friday
    ['2025-04-20', 0], // Easter Sunday
    ['2025-12-25', 4],
    ['2022-09-19', 1],
    ['2000-01-01', 6],
  ])('dayOfWeek(%s) = %i', (date, expected) => {
    expect(dayOfWeek(date)).toBe(expected);
  });

  it('epoch-day arithmetic agrees with UTC Date for every day 2015–2032', () => {
    const start = Date.UTC(2015, 0, 1);
    for (let i = 0; i < 366 * 18; i += 1) {
      const expected = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
      const epochDay = Math.round((start + i * 86_400_000) / 86_400_000);
      expect(fromEpochDay(epochDay)).toBe(expected);
      expect(toEpochDay(expected)).toBe(epochDay);
    }
  });

  it('min and max pick by calendar order', () => {
    expect(maxIsoDate('2025-01-09', '2025-01-10', '2024-12-31')).toBe('2025-01-10');
    expect(minIsoDate('2025-01-09', '2025-01-10', '2024-12-31')).toBe('2024-12-31');
  });
});
