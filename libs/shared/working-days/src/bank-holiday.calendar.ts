import {
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  ENGLAND_AND_WALES_COVERED_YEARS,
} from './england-and-wales-bank-holidays.data';
import { isIsoDate, yearOf, type IsoDate } from './iso-date.util';
import { InvalidBankHolidayDataError } from './working-days.errors';

export interface BankHoliday {
  readonly date: IsoDate;
  readonly title: string;
}

/** GOV.UK division keys in https://www.gov.uk/bank-holidays.json. */
export type GovUkDivision = 'england-and-wales' | 'scotland' | 'northern-ireland';

/**
 * What to do with a date in a year the calendar has no list for. 'THROW' is the default because
 * quietly treating an unknown year as having no bank holidays shortens deadlines.
 */
export type OutsideCoveragePolicy = 'THROW' | 'WEEKENDS_ONLY';

export interface BankHolidayCalendar {
  readonly division: string;
  /** date → title */
  readonly holidays: ReadonlyMap<IsoDate, string>;
  /** Years whose list is complete; see OutsideCoveragePolicy. */
  readonly coveredYears: ReadonlySet<number>;
  readonly outsideCoverage: OutsideCoveragePolicy;
}

export interface CreateCalendarOptions {
  readonly division?: string;
  /** Defaults to every year that has at least one holiday in `holidays`. */
  readonly coveredYears?: readonly number[];
  readonly outsideCoverage?: OutsideCoveragePolicy;
}

export function createBankHolidayCalendar(
  holidays: readonly BankHoliday[],
  options: CreateCalendarOptions = {},
): BankHolidayCalendar {
  const map = new Map<IsoDate, string>();
  for (const holiday of holidays) {
    assertBankHoliday(holiday);
    map.set(holiday.date, holiday.title);
  }
  const years = options.coveredYears ?? [...map.keys()].map(yearOf);
  return Object.freeze({
    division: options.division ?? 'england-and-wales',
    holidays: new Map([...map.entries()].sort(([a], [b]) => a.localeCompare(b))),
    coveredYears: new Set(years),
    outsideCoverage: options.outsideCoverage ?? 'THROW',
  });
}

const DEFAULT_CALENDAR = createBankHolidayCalendar(ENGLAND_AND_WALES_BANK_HOLIDAYS, {
  division: 'england-and-wales',
  coveredYears: ENGLAND_AND_WALES_COVERED_YEARS,
});

let processCalendar: BankHolidayCalendar = DEFAULT_CALENDAR;

/**
 * The England and Wales calendar this process counts with: the shipped list (2018–2028), or the one an
 * operator installed at start-up with `useEnglandAndWalesCalendar` (e.g. GOV.UK's latest file).
 * Calendars are immutable, so one shared instance is safe. Read it at the time of use, not once at
 * module load, so an installed update applies everywhere.
 */
export function defaultEnglandAndWalesCalendar(): BankHolidayCalendar {
  return processCalendar;
}

/** The list as shipped with this release, whatever has been installed since. */
export function shippedEnglandAndWalesCalendar(): BankHolidayCalendar {
  return DEFAULT_CALENDAR;
}

/**
 * Installs an updated England and Wales calendar for this process (call once at start-up, before any
 * date is counted). Refuses a calendar of another division.
 */
export function useEnglandAndWalesCalendar(calendar: BankHolidayCalendar): void {
  if (calendar.division !== DEFAULT_CALENDAR.division)
    throw new InvalidBankHolidayDataError(
      `expected the ${DEFAULT_CALENDAR.division} calendar, got ${calendar.division}.`,
    );
  processCalendar = calendar;
}

export function bankHolidaysOf(calendar: BankHolidayCalendar): BankHoliday[] {
  return [...calendar.holidays.entries()].map(([date, title]) => ({ date, title }));
}

/**
 * Merge an updated list into a calendar. The update is authoritative for every year it mentions:
 * that year's old entries are dropped, not unioned, because one-off moves (Early May 2020, Spring
 * 2022) would otherwise leave the original date behind as a phantom holiday. Years the update
 * does not mention are kept.
 */
export function withBankHolidays(
  calendar: BankHolidayCalendar,
  update: readonly BankHoliday[],
): BankHolidayCalendar {
  update.forEach(assertBankHoliday);
  const replacedYears = new Set(update.map((h) => yearOf(h.date)));
  const kept = bankHolidaysOf(calendar).filter((h) => !replacedYears.has(yearOf(h.date)));
  return createBankHolidayCalendar([...kept, ...update], {
    division: calendar.division,
    coveredYears: [...new Set([...calendar.coveredYears, ...replacedYears])],
    outsideCoverage: calendar.outsideCoverage,
  });
}

/**
 * Read GOV.UK's bank-holidays.json (`{ "england-and-wales": { "events": [{ "date", "title" }] } }`).
 * Takes `unknown` because the file comes from outside (an upload or a fetch) and is checked here.
 */
export function parseGovUkBankHolidays(
  json: unknown,
  division: GovUkDivision = 'england-and-wales',
): BankHoliday[] {
  const root = typeof json === 'string' ? parseJson(json) : json;
  if (!isRecord(root)) throw new InvalidBankHolidayDataError('expected a JSON object.');
  const section = root[division];
  if (!isRecord(section)) throw new InvalidBankHolidayDataError(`no "${division}" section.`);
  const events = section['events'];
  if (!Array.isArray(events)) throw new InvalidBankHolidayDataError(`"${division}.events" is not a list.`);
  if (events.length === 0) throw new InvalidBankHolidayDataError(`"${division}.events" is empty.`);
  return events.map((event, index) => {
    if (!isRecord(event)) throw new InvalidBankHolidayDataError(`event ${index} is not an object.`);
    const { date, title } = event;
    if (!isIsoDate(date)) {
      throw new InvalidBankHolidayDataError(
        `event ${index} has date ${JSON.stringify(date)}; expected YYYY-MM-DD.`,
      );
    }
    if (typeof title !== 'string' || title.trim() === '') {
      throw new InvalidBankHolidayDataError(`event ${index} (${date}) has no title.`);
    }
    return { date, title };
  });
}

/** Convenience for operators: apply a GOV.UK file on top of a calendar (the shipped one by default). */
export function withGovUkBankHolidays(
  json: unknown,
  base: BankHolidayCalendar = defaultEnglandAndWalesCalendar(),
  division: GovUkDivision = 'england-and-wales',
): BankHolidayCalendar {
  return withBankHolidays(base, parseGovUkBankHolidays(json, division));
}

function assertBankHoliday(holiday: BankHoliday): void {
  if (!isIsoDate(holiday.date)) {
    throw new InvalidBankHolidayDataError(`${JSON.stringify(holiday.date)} is not a YYYY-MM-DD date.`);
  }
  if (typeof holiday.title !== 'string' || holiday.title.trim() === '') {
    throw new InvalidBankHolidayDataError(`holiday on ${holiday.date} has no title.`);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error: unknown) {
    throw new InvalidBankHolidayDataError(
      `not valid JSON (${error instanceof Error ? error.message : 'parse error'}).`,
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
