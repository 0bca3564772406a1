import {
  addWorkingDays,
  defaultEnglandAndWalesCalendar,
  shippedEnglandAndWalesCalendar,
  useEnglandAndWalesCalendar,
} from '@oversight/working-days';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installBankHolidays } from './bank-holidays';

/** GOV.UK's format, with 2029 (beyond the shipped list) and a made-up extra holiday in 2026. */
const update = {
  'england-and-wales': {
    division: 'england-and-wales',
    events: [
      { title: 'New Year’s Day', date: '2026-01-01' },
      { title: 'Good Friday', date: '2026-04-03' },
      { title: 'Easter Monday', date: '2026-04-06' },
      { title: 'Early May bank holiday', date: '2026-05-04' },
      { title: 'Spring bank holiday', date: '2026-05-25' },
      { title: 'Summer bank holiday', date: '2026-08-31' },
      { title: 'An extra holiday', date: '2026-11-23' },
      { title: 'Christmas Day', date: '2026-12-25' },
      { title: 'Boxing Day', date: '2026-12-28' },
      { title: 'New Year’s Day', date: '2029-01-01' },
      { title: 'Christmas Day', date: '2029-12-25' },
      { title: 'Boxing Day', date: '2029-12-26' },
    ],
  },
};

describe('installBankHolidays (BANK_HOLIDAYS_FILE): an operator updates the list without a release', () => {
  afterEach(() => useEnglandAndWalesCalendar(shippedEnglandAndWalesCalendar()));

  it('keeps the shipped list when no file is set', () => {
    expect(installBankHolidays(undefined)).toEqual([
      2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028,
    ]);
    expect(defaultEnglandAndWalesCalendar()).toBe(shippedEnglandAndWalesCalendar());
  });

  it('applies the file: its years replace the shipped ones, new years are added', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bank-holidays-'));
    const file = join(dir, 'bank-holidays.json');
    writeFileSync(file, JSON.stringify(update));
    expect(addWorkingDays('2026-11-20', 1, defaultEnglandAndWalesCalendar())).toBe('2026-11-23');
    expect(installBankHolidays(file)).toContain(2029);
    // Friday 20 November 2026 + 1 working day skips the weekend and the new holiday on the 23rd.
    expect(addWorkingDays('2026-11-20', 1, defaultEnglandAndWalesCalendar())).toBe('2026-11-24');
    expect(addWorkingDays('2029-12-24', 1, defaultEnglandAndWalesCalendar())).toBe('2029-12-27');
  });

  it('refuses a file it cannot read as GOV.UK bank holidays, so the service does not start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bank-holidays-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ scotland: { events: [] } }));
    expect(() => installBankHolidays(file)).toThrow(/england-and-wales/);
    expect(() => installBankHolidays(join(dir, 'missing.json'))).toThrow(/ENOENT/);
    expect(defaultEnglandAndWalesCalendar()).toBe(shippedEnglandAndWalesCalendar());
  });
});
