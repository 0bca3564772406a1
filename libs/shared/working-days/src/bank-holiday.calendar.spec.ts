import {
  createBankHolidayCalendar,
  defaultEnglandAndWalesCalendar,
  parseGovUkBankHolidays,
  withBankHolidays,
  withGovUkBankHolidays,
} from './bank-holiday.calendar';
import { isWorkingDay } from './working-days.util';
import { InvalidBankHolidayDataError, OutsideBankHolidayCoverageError } from './working-days.errors';

// Operators refresh the list from GOV.UK (https://www.gov.uk/bank-holidays.json) without a code change.
const govUkSample = {
  'england-and-wales': {
    division: 'england-and-wales',
    events: [
      { date: '2029-01-01', title: "New Year's Day", notes: '', bunting: true },
      { date: '2029-03-30', title: 'Good Friday', notes: '', bunting: false },
      { date: '2029-04-02', title: 'Easter Monday', notes: '', bunting: true },
    ],
  },
  scotland: {
    division: 'scotland',
    events: [{ date: '2029-01-02', title: '2nd January', notes: '', bunting: true }],
  },
};

describe('GOV.UK bank-holidays.json loading', () => {
  it('reads the england-and-wales division and ignores the others', () => {
    expect(parseGovUkBankHolidays(govUkSample)).toEqual([
      { date: '2029-01-01', title: "New Year's Day" },
      { date: '2029-03-30', title: 'Good Friday' },
      { date: '2029-04-02', title: 'Easter Monday' },
    ]);
  });

  it('accepts the raw JSON text', () => {
    expect(parseGovUkBankHolidays(JSON.stringify(govUkSample))).toHaveLength(3);
  });

  it.each([
    ['not JSON', '{oops'],
    ['not an object', []],
    ['division missing', { scotland: govUkSample.scotland }],
    ['events not a list', { 'england-and-wales': { events: {} } }],
    ['empty events', { 'england-and-wales': { events: [] } }],
    ['bad date', { 'england-and-wales': { events: [{ date: '29/03/2029', title: 'Good Friday' }] } }],
    ['impossible date', { 'england-and-wales': { events: [{ date: '2029-02-30', title: 'x' }] } }],
    ['missing title', { 'england-and-wales': { events: [{ date: '2029-03-30' }] } }],
  ])('rejects %s with InvalidBankHolidayDataError', (_label, json) => {
    expect(() => parseGovUkBankHolidays(json)).toThrow(InvalidBankHolidayDataError);
  });

  it('extends coverage to the years in the update', () => {
    const calendar = withGovUkBankHolidays(govUkSample);
    expect(calendar.coveredYears.has(2029)).toBe(true);
    expect(isWorkingDay('2029-03-30', calendar)).toBe(false);
    expect(isWorkingDay('2029-03-29', calendar)).toBe(true);
    // shipped years are kept
    expect(isWorkingDay('2025-12-25', calendar)).toBe(false);
  });
});

describe('withBankHolidays merge', () => {
  it('replaces every entry of a year the update mentions, so a moved holiday leaves no phantom', () => {
    const moved = withBankHolidays(defaultEnglandAndWalesCalendar(), [
      { date: '2026-05-08', title: 'Early May bank holiday (moved)' },
    ]);
    expect(isWorkingDay('2026-05-08', moved)).toBe(false);
    expect(isWorkingDay('2026-05-04', moved)).toBe(true); // old Early May date dropped
    expect([...moved.holidays.keys()].filter((d) => d.startsWith('2026'))).toEqual(['2026-05-08']);
    expect([...moved.holidays.keys()].filter((d) => d.startsWith('2025'))).toHaveLength(8);
  });

  it('does not mutate the calendar it was given', () => {
    const base = defaultEnglandAndWalesCalendar();
    withBankHolidays(base, [{ date: '2025-07-01', title: 'Invented' }]);
    expect(base.holidays.has('2025-07-01')).toBe(false);
    expect(base.holidays.has('2025-05-05')).toBe(true);
  });
});

describe('coverage', () => {
  it.each([['2017-12-29'], ['2029-01-02']])('refuses %s outside 2018–2028 by default', (date) => {
    expect(() => isWorkingDay(date, defaultEnglandAndWalesCalendar())).toThrow(
      OutsideBankHolidayCoverageError,
    );
  });

  it('can be told to treat unknown years as weekends only', () => {
    const lenient = createBankHolidayCalendar([{ date: '2025-12-25', title: 'Christmas Day' }], {
      outsideCoverage: 'WEEKENDS_ONLY',
    });
    expect(isWorkingDay('2030-12-25', lenient)).toBe(true);
    expect(isWorkingDay('2030-12-28', lenient)).toBe(false); // Saturday
  });
});
