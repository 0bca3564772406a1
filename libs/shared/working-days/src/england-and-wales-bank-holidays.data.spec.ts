import {
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  ENGLAND_AND_WALES_COVERED_YEARS,
} from './england-and-wales-bank-holidays.data';
import { addCalendarDays, dayOfWeek, isoDate, yearOf } from './iso-date.util';

// Independent of the data file: the anonymous Gregorian computus (Meeus/Jones/Butcher).
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

const dates = new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date));

// Source: GOV.UK bank holidays, England and Wales (https://www.gov.uk/bank-holidays).
describe('England and Wales bank holidays 2018–2028', () => {
  it.each([
    [2018, '2018-04-01'],
    [2019, '2019-04-21'],
    [2020, '2020-04-12'],
    [2021, '2021-04-04'],
    [2022, '2022-04-17'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
  ])('%i: Easter Sunday %s, with Good Friday and Easter Monday in the list', (year, easter) => {
    expect(easterSunday(year)).toBe(easter);
    expect(dates.has(addCalendarDays(easter, -2))).toBe(true);
    expect(dates.has(addCalendarDays(easter, 1))).toBe(true);
  });

  it.each([
    [2018, 8],
    [2019, 8],
    [2020, 8],
    [2021, 8],
    [2022, 10], // Platinum Jubilee + State Funeral
    [2023, 9], // Coronation
    [2024, 8],
    [2025, 8],
    [2026, 8],
    [2027, 8],
    [2028, 8],
  ])('%i has %i bank holidays', (year, count) => {
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((h) => yearOf(h.date) === year)).toHaveLength(count);
  });

  it('every bank holiday falls on a weekday (weekend dates are replaced by substitute days)', () => {
    const weekend = ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((h) => [0, 6].includes(dayOfWeek(h.date)));
    expect(weekend).toEqual([]);
  });

  it('has no duplicate dates and covers exactly 2018–2028', () => {
    expect(dates.size).toBe(ENGLAND_AND_WALES_BANK_HOLIDAYS.length);
    expect([...ENGLAND_AND_WALES_COVERED_YEARS]).toEqual([
      2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028,
    ]);
  });

  it.each([
    ['2020-05-08', true, 'Early May moved to Friday for VE Day 75'],
    ['2020-05-04', false, 'the usual first Monday of May 2020 was not a holiday'],
    ['2022-06-02', true, 'Spring bank holiday moved to Thursday'],
    ['2022-06-03', true, 'Platinum Jubilee'],
    ['2022-05-30', false, 'the usual last Monday of May 2022 was not a holiday'],
    ['2022-09-19', true, 'State Funeral of Queen Elizabeth II'],
    ['2023-05-08', true, 'Coronation of King Charles III'],
    ['2022-01-03', true, "New Year's Day 2022 fell on a Saturday"],
    ['2023-01-02', true, "New Year's Day 2023 fell on a Sunday"],
    ['2028-01-03', true, "New Year's Day 2028 falls on a Saturday"],
    ['2020-12-28', true, 'Boxing Day 2020 fell on a Saturday'],
    ['2021-12-27', true, 'Christmas 2021 fell on a Saturday'],
    ['2021-12-28', true, 'Boxing Day 2021 fell on a Sunday'],
    ['2022-12-26', true, 'Boxing Day 2022 (Christmas fell on a Sunday)'],
    ['2022-12-27', true, 'Christmas substitute 2022'],
    ['2026-12-28', true, 'Boxing Day 2026 falls on a Saturday'],
    ['2027-12-27', true, 'Christmas 2027 falls on a Saturday'],
    ['2027-12-28', true, 'Boxing Day 2027 falls on a Sunday'],
  ])('%s in list: %p (%s)', (date, expected) => {
    expect(dates.has(date)).toBe(expected);
  });

  // Standing pattern: Early May = first Monday of May, Spring = last Monday of May, Summer = last
  // Monday of August, except where GOV.UK announced a move.
  const announcedMoves = new Set(['2020-05-04', '2022-05-30']);
  it.each(ENGLAND_AND_WALES_COVERED_YEARS.map((y) => [y]))(
    '%i: Monday holidays follow the standing pattern',
    (year) => {
      const firstMonday = (month: number) => {
        let d = isoDate(year, month, 1);
        while (dayOfWeek(d) !== 1) d = addCalendarDays(d, 1);
        return d;
      };
      const lastMonday = (month: number) => {
        let d = addCalendarDays(isoDate(year, month + 1, 1), -1);
        while (dayOfWeek(d) !== 1) d = addCalendarDays(d, -1);
        return d;
      };
      const expected = [firstMonday(5), lastMonday(5), lastMonday(8)].filter((d) => !announcedMoves.has(d));
      expect(expected.filter((d) => !dates.has(d))).toEqual([]);
    },
  );
});
