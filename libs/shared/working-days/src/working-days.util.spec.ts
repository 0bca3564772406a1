import { defaultEnglandAndWalesCalendar } from './bank-holiday.calendar';
import {
  addWorkingDays,
  bankHolidayTitle,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  subtractWorkingDays,
  workingDaysBetween,
} from './working-days.util';
import { InvalidDayCountError } from './working-days.errors';

const ew = defaultEnglandAndWalesCalendar();

// Working days = Monday–Friday excluding England and Wales bank holidays; the unit of the
// local review standards in domain.md 1.4.7 [S] (acknowledge in 5, complete in 28 working days).
describe('isWorkingDay', () => {
  it.each([
    // Easter 2025: Good Friday 18 Apr, Easter Monday 21 Apr
    ['2025-04-17', true, 'Maundy Thursday'],
    ['2025-04-18', false, 'Good Friday'],
    ['2025-04-19', false, 'Saturday'],
    ['2025-04-20', false, 'Easter Sunday'],
    ['2025-04-21', false, 'Easter Monday'],
    ['2025-04-22', true, 'Tuesday after Easter'],
    // Easter 2024 straddles March/April
    ['2024-03-29', false, 'Good Friday 2024'],
    ['2024-04-01', false, 'Easter Monday 2024'],
    // Christmas 2021: both days at the weekend, substitutes Mon 27 and Tue 28
    ['2021-12-24', true, 'Christmas Eve is not a bank holiday'],
    ['2021-12-27', false, 'Christmas substitute'],
    ['2021-12-28', false, 'Boxing Day substitute'],
    ['2021-12-29', true, 'Wednesday'],
    ['2025-12-25', false, 'Christmas Day'],
    ['2025-12-26', false, 'Boxing Day'],
    ['2025-12-29', true, 'Monday after Christmas'],
    ['2022-09-19', false, 'State Funeral'],
    ['2025-06-02', true, 'ordinary Monday'],
  ])('%s → %p (%s)', (date, expected) => {
    expect(isWorkingDay(date, ew)).toBe(expected);
  });

  it('names the holiday', () => {
    expect(bankHolidayTitle('2023-05-08', ew)).toMatch(/coronation/i);
    expect(bankHolidayTitle('2023-05-09', ew)).toBeUndefined();
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2025-06-02', 1, '2025-06-03', 'Mon + 1'],
    ['2025-06-06', 1, '2025-06-09', 'Fri + 1 skips the weekend'],
    ['2025-06-07', 1, '2025-06-09', 'Sat + 1 = Mon (start day never counts)'],
    ['2025-06-02', 5, '2025-06-09', 'Mon + 5 = next Mon'],
    ['2025-04-16', 2, '2025-04-22', 'Wed before Easter + 2 skips Good Friday to Easter Monday'],
    ['2025-04-17', 1, '2025-04-22', 'Maundy Thursday + 1 = Tuesday after Easter'],
    ['2025-12-23', 3, '2025-12-30', 'Christmas 2025'],
    ['2021-12-24', 1, '2021-12-29', 'Christmas 2021 with two substitute days'],
    ['2022-12-23', 1, '2022-12-28', 'Christmas 2022 with a substitute day'],
    ['2025-04-01', 28, '2025-05-14', '28 working days across Easter and Early May'],
    ['2022-05-30', 5, '2022-06-08', 'Jubilee week 2022'],
    ['2025-06-02', 0, '2025-06-02', 'n = 0 on a working day is the day itself'],
    ['2025-06-07', 0, '2025-06-09', 'n = 0 on a Saturday rolls forward to Monday'],
    ['2025-04-18', 0, '2025-04-22', 'n = 0 on Good Friday rolls past Easter'],
  ])('%s + %i = %s (%s)', (date, n, expected) => {
    expect(addWorkingDays(date, n, ew)).toBe(expected);
  });

  it.each([[-1], [1.5], [Number.NaN]])('refuses n = %p', (n) => {
    expect(() => addWorkingDays('2025-06-02', n, ew)).toThrow(InvalidDayCountError);
  });
});

describe('subtractWorkingDays', () => {
  it.each([
    ['2025-06-09', 1, '2025-06-06', 'Mon - 1 = Fri'],
    ['2025-04-22', 1, '2025-04-17', 'Tue after Easter - 1 = Maundy Thursday'],
    ['2025-12-29', 2, '2025-12-23', 'back across Boxing Day and Christmas'],
    ['2025-06-07', 0, '2025-06-06', 'n = 0 on a Saturday rolls back to Friday'],
  ])('%s - %i = %s (%s)', (date, n, expected) => {
    expect(subtractWorkingDays(date, n, ew)).toBe(expected);
  });
});

describe('workingDaysBetween (from excluded, to included)', () => {
  it.each([
    ['2025-06-02', '2025-06-06', 4, 'Mon to Fri'],
    ['2025-06-02', '2025-06-02', 0, 'same day'],
    ['2025-06-06', '2025-06-09', 1, 'Fri to Mon'],
    ['2025-04-17', '2025-04-22', 1, 'over Easter'],
    ['2025-12-24', '2025-12-31', 3, 'over Christmas'],
    ['2025-06-06', '2025-06-02', -4, 'reversed is negative'],
    // 261 weekdays in 2025, less 1 Jan (excluded as `from`) and the other 7 bank holidays
    ['2025-01-01', '2025-12-31', 253, 'whole of 2025'],
  ])('%s → %s = %i (%s)', (from, to, expected) => {
    expect(workingDaysBetween(from, to, ew)).toBe(expected);
  });

  it.each([
    ['2025-04-14', 7],
    ['2025-12-20', 3],
    ['2022-05-28', 12],
    ['2024-03-28', 28],
  ])('inverts addWorkingDays from %s (+%i)', (from, n) => {
    expect(workingDaysBetween(from, addWorkingDays(from, n, ew), ew)).toBe(n);
  });
});

it('nextWorkingDayOnOrAfter skips a bank holiday weekend', () => {
  // GOV.UK E&W: Summer bank holiday 2025 is Monday 25 August
  expect(nextWorkingDayOnOrAfter('2025-08-23', ew)).toBe('2025-08-26');
});
