import { InvalidCalendarDateError } from './oocr.errors';

/**
 * A calendar date 'YYYY-MM-DD' with no time and no time zone. Legal periods here count whole days,
 * so a Date (an instant) would only add time-zone bugs; all arithmetic is on integer day numbers.
 */
export type IsoDate = string;

export interface CalendarDateParts {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function parseIsoDate(value: IsoDate): CalendarDateParts {
  if (!isIsoDate(value)) throw new InvalidCalendarDateError(value);
  return {
    year: Number(value.slice(0, 4)),
    month: Number(value.slice(5, 7)),
    day: Number(value.slice(8, 10)),
  };
}

export function formatIsoDate({ year, month, day }: CalendarDateParts): IsoDate {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const formatted = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (!isIsoDate(formatted)) throw new InvalidCalendarDateError(formatted);
  return formatted;
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant, "chrono-compatible low-level date
// algorithms"): exact integer arithmetic, no reliance on the host's Date or time zone.
function toDayNumber(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function fromDayNumber(dayNumber: number): IsoDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return formatIsoDate({ year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day });
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

export function addWeeks(date: IsoDate, weeks: number): IsoDate {
  return addDays(date, weeks * 7);
}

/**
 * Calendar-month arithmetic: the same day-of-month `months` later, or the last day of the target month when it
 * has no such day (31 Aug + 6 months = 28/29 Feb). This is the "corresponding date" rule of Dodds v Walker [1981]
 * 1 WLR 1027 (HL), with "month" meaning calendar month (Interpretation Act 1978, Sch 1). It never rolls over into
 * the following month, which would silently lengthen a limitation period.
 */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return formatIsoDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function compareIsoDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const diff = toDayNumber(a) - toDayNumber(b);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

export function isAfter(a: IsoDate, b: IsoDate): boolean {
  return compareIsoDates(a, b) > 0;
}

export function isBefore(a: IsoDate, b: IsoDate): boolean {
  return compareIsoDates(a, b) < 0;
}

/**
 * When someone born on 29 February has a birthday in a common year. English law has no express rule; the usual
 * reading of the Family Law Reform Act 1969 s9 (an age is attained at the start of the anniversary) is 1 March.
 */
export type LeapDayBirthdayRule = 'MARCH_1' | 'FEB_28';

/** Completed years of age on `onDate`; negative when `onDate` is before the date of birth. */
export function ageOnDate(
  dateOfBirth: IsoDate,
  onDate: IsoDate,
  leapDayBirthday: LeapDayBirthdayRule = 'MARCH_1',
): number {
  const born = parseIsoDate(dateOfBirth);
  const on = parseIsoDate(onDate);
  let birthdayMonth = born.month;
  let birthdayDay = born.day;
  if (born.month === 2 && born.day === 29 && !isLeapYear(on.year)) {
    [birthdayMonth, birthdayDay] = leapDayBirthday === 'MARCH_1' ? [3, 1] : [2, 28];
  }
  const hadBirthdayThisYear =
    on.month > birthdayMonth || (on.month === birthdayMonth && on.day >= birthdayDay);
  return on.year - born.year - (hadBirthdayThisYear ? 0 : 1);
}
