import { REASON_NOT_HEADER_SAFE } from '../../web/access-reason';
import { locationSourceText, readLocationPeriod, reasonProblem, recipientProblem } from './location-request';

// Location fixes are read for a short period only, with a reason, and exported to a named recipient (issue 11 item
// 7; domain.md 4.4.6: data minimisation, at most TAG_LOCATION_MAX_DAYS_PER_READ = 7 days per read).
describe('location data request', () => {
  const today = '2026-12-07';
  it.each([
    [{}, '2026-12-06', '2026-12-07'], // yesterday and today, as the API
    [{ from: '2026-12-01', to: '2026-12-07' }, '2026-12-01', '2026-12-07'], // 7 days, both ends included
    [{ from: '2026-12-07', to: '2026-12-07' }, '2026-12-07', '2026-12-07'], // one day
    [{ to: '2026-11-30' }, '2026-11-29', '2026-11-30'], // the day before the last one by default
    [{ from: ' 2026-12-05 ' }, '2026-12-05', '2026-12-07'],
  ])('%j → %s to %s', (q, from, to) => {
    expect(readLocationPeriod(q, today)).toEqual({ from, to, problems: [] });
  });

  it.each([
    [
      { from: '2026-11-30', to: '2026-12-07' },
      [{ id: 'from', text: 'Choose at most 7 days of location data' }],
    ],
    [
      { from: '2026-12-07', to: '2026-12-06' },
      [{ id: 'from', text: 'The first day must be on or before the last day' }],
    ],
    [{ from: '2026-12-07', to: '2026-12-08' }, [{ id: 'to', text: 'The last day cannot be after today' }]],
    [
      { from: '2026-02-30', to: '07/12/2026' },
      [
        { id: 'from', text: 'Enter the first day as a date like 2026-12-06' },
        { id: 'to', text: 'Enter the last day as a date like 2026-12-07' },
      ],
    ],
  ])('%j is refused against its field', (q, problems) => {
    expect(readLocationPeriod(q, today).problems).toEqual(problems);
  });

  // The length and Latin-1 rules are web/access-reason's (table-tested there); here, what this page says and where.
  it.each([
    ['chk', { id: 'reason', text: 'Enter why you need the location data, in 5 to 500 characters' }],
    ['Reviewing 🙂 data', { id: 'reason', text: REASON_NOT_HEADER_SAFE }],
    ["Reviewing yesterday's data", undefined],
  ])('reason %j: %j', (reason, problem) => {
    expect(reasonProblem(reason)).toEqual(problem);
  });

  it.each([
    ['', false],
    ['PC', false],
    ['Kent Police disclosure unit', true],
    ['x'.repeat(201), false],
  ])('recipient %j accepted: %s', (recipient, ok) => {
    expect(recipientProblem(recipient) === undefined).toBe(ok);
  });

  it.each([
    ['GPS', 'GPS'],
    ['RF_BEACON', 'RF beacon'],
    ['GSM', 'Mobile network'],
    ['WIFI', 'Wi-Fi'],
    ['SATELLITE', 'SATELLITE'],
  ])('source %s is shown as %s', (source, text) => {
    expect(locationSourceText(source)).toBe(text);
  });
});
