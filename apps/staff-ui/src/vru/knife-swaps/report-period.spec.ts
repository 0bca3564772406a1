import { isCalendarDate, readReportPeriod } from './report-period';

describe('VRU report period', () => {
  const today = '2026-12-07';
  it.each([
    [{}, { ok: true, from: '2026-01-01', to: '2026-12-07' }], // the year so far
    [
      { from: '2025-04-01', to: '2026-03-31' },
      { ok: true, from: '2025-04-01', to: '2026-03-31' },
    ],
    [{ from: ' 2026-06-01 ' }, { ok: true, from: '2026-06-01', to: '2026-12-07' }],
    [
      { from: '2026-12-07', to: '2026-12-07' },
      { ok: true, from: '2026-12-07', to: '2026-12-07' },
    ], // one day
  ])('%j → %j', (q, expected) => {
    expect(readReportPeriod(q, today)).toEqual(expected);
  });

  it.each([
    [
      { from: '2026-12-31', to: '2026-01-01' },
      { from: 'The start of the period must be on or before its end' },
    ],
    [{ from: '2026-02-30' }, { from: 'Enter the start of the period as a date like 2026-01-01' }],
    [{ to: '31/12/2026' }, { to: 'Enter the end of the period as a date like 2026-12-31' }],
  ])('%j is refused against its field', (q, errors) => {
    const r = readReportPeriod(q, today);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.failure.errors).toEqual(errors);
      expect(r.failure.errorList.map((e) => e.href)).toEqual(Object.keys(errors).map((k) => `#${k}`));
    }
  });

  it.each([
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
  ])('%s is a calendar date: %s', (v, ok) => expect(isCalendarDate(v)).toBe(ok));
});
