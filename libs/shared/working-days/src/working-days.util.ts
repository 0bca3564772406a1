import type { BankHolidayCalendar } from './bank-holiday.calendar';
import { addCalendarDays, compareIsoDates, isWeekend, yearOf, type IsoDate } from './iso-date.util';
import { InvalidDayCountError, OutsideBankHolidayCoverageError } from './working-days.errors';

export function isBankHoliday(date: IsoDate, calendar: BankHolidayCalendar): boolean {
  assertCovered(date, calendar);
  return calendar.holidays.has(date);
}

export function bankHolidayTitle(date: IsoDate, calendar: BankHolidayCalendar): string | undefined {
  assertCovered(date, calendar);
  return calendar.holidays.get(date);
}

/** Monday to Friday and not an England and Wales bank holiday. */
export function isWorkingDay(date: IsoDate, calendar: BankHolidayCalendar): boolean {
  // Coverage is checked even for weekends so an out-of-range date fails the same way every time.
  return !isBankHoliday(date, calendar) && !isWeekend(date);
}

/** `date` itself if it is a working day, else the first working day after it. */
export function nextWorkingDayOnOrAfter(date: IsoDate, calendar: BankHolidayCalendar): IsoDate {
  let day = date;
  while (!isWorkingDay(day, calendar)) day = addCalendarDays(day, 1);
  return day;
}

/**
 * The n-th working day after `date`; `date` itself never counts, so a Saturday start plus 1 is
 * Monday, the same as a Friday start plus 1.
 *
 * n = 0 returns `date` if it is a working day, else the next working day: "due today" on a
 * Sunday can only be met on Monday. This keeps `addWorkingDays` always landing on a working day.
 */
export function addWorkingDays(date: IsoDate, n: number, calendar: BankHolidayCalendar): IsoDate {
  assertDayCount(n);
  if (n === 0) return nextWorkingDayOnOrAfter(date, calendar);
  let day = date;
  let remaining = n;
  while (remaining > 0) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(day, calendar)) remaining -= 1;
  }
  return day;
}

/**
 * The n-th working day before `date` (`date` itself never counts). n = 0 returns `date` if it is a
 * working day, else the previous working day, mirroring addWorkingDays. Used for warning dates
 * ("5 working days before the due date").
 */
export function subtractWorkingDays(date: IsoDate, n: number, calendar: BankHolidayCalendar): IsoDate {
  assertDayCount(n);
  let day = date;
  if (n === 0) {
    while (!isWorkingDay(day, calendar)) day = addCalendarDays(day, -1);
    return day;
  }
  let remaining = n;
  while (remaining > 0) {
    day = addCalendarDays(day, -1);
    if (isWorkingDay(day, calendar)) remaining -= 1;
  }
  return day;
}

/**
 * Working days in the half-open range (from, to]: `from` is excluded and `to` included, so that
 * `workingDaysBetween(d, addWorkingDays(d, n)) === n` for n ≥ 1. Receipt on a Monday and reply on
 * the Friday is 4 working days. Negative when `to` is before `from`.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, calendar: BankHolidayCalendar): number {
  const order = compareIsoDates(from, to);
  if (order === 0) return 0;
  if (order > 0) return -workingDaysBetween(to, from, calendar);
  let count = 0;
  for (let day = addCalendarDays(from, 1); compareIsoDates(day, to) <= 0; day = addCalendarDays(day, 1)) {
    if (isWorkingDay(day, calendar)) count += 1;
  }
  return count;
}

function assertDayCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new InvalidDayCountError(n);
}

function assertCovered(date: IsoDate, calendar: BankHolidayCalendar): void {
  if (calendar.outsideCoverage === 'THROW' && !calendar.coveredYears.has(yearOf(date))) {
    throw new OutsideBankHolidayCoverageError(date, [...calendar.coveredYears]);
  }
}
