import { addMonths, checkOutcome, OutcomeMeasures, outcomePeriodDays } from './outcome.rule';

const ok: OutcomeMeasures = {
  suspectedOffences: 2,
  violentOffences: 1,
  daysMissingFromHome: 3,
  reEngagedWithServices: true,
  inEducationOrTraining: false,
  familyConnection: true,
  wellbeing: 4,
};
const fitted = { fittedOn: '2026-06-01', removedOn: '2026-07-13', today: '2026-12-07' };

describe('outcomes at closure and 3/6/9 months after removal (issue 11 item 8; vru-notes 3.1 measured outcomes)', () => {
  it.each<[string, Parameters<typeof checkOutcome>[1], Partial<OutcomeMeasures>, string[]]>([
    ['baseline once fitted', { ...fitted, point: 'BEFORE', removedOn: null }, {}, []],
    [
      'baseline before fitting',
      { ...fitted, point: 'BEFORE', fittedOn: null, removedOn: null },
      {},
      ['TAG_OUTCOME_NOT_FITTED'],
    ],
    ['closure after removal', { ...fitted, point: 'CLOSURE' }, {}, []],
    [
      'closure while the tag is on',
      { ...fitted, point: 'CLOSURE', removedOn: null },
      {},
      ['TAG_OUTCOME_BEFORE_REMOVAL'],
    ],
    ['3 months on the day', { ...fitted, point: 'MONTHS_3', today: '2026-10-13' }, {}, []],
    [
      '3 months a day early',
      { ...fitted, point: 'MONTHS_3', today: '2026-10-12' },
      {},
      ['TAG_OUTCOME_TOO_EARLY'],
    ],
    ['9 months too early', { ...fitted, point: 'MONTHS_9' }, {}, ['TAG_OUTCOME_TOO_EARLY']],
    ['negative count', { ...fitted, point: 'CLOSURE' }, { suspectedOffences: -1 }, ['TAG_OUTCOME_COUNT']],
    [
      'fractional count',
      { ...fitted, point: 'CLOSURE' },
      { daysMissingFromHome: 1.5 },
      ['TAG_OUTCOME_COUNT'],
    ],
    [
      'violent more than all',
      { ...fitted, point: 'CLOSURE' },
      { suspectedOffences: 1, violentOffences: 2 },
      ['TAG_OUTCOME_VIOLENT_EXCEEDS_ALL'],
    ],
    [
      'missing longer than the episode',
      { ...fitted, point: 'CLOSURE', periodDays: 42 },
      { daysMissingFromHome: 43 },
      ['TAG_OUTCOME_DAYS_MISSING'],
    ],
    ['wellbeing out of range', { ...fitted, point: 'CLOSURE' }, { wellbeing: 6 }, ['TAG_OUTCOME_WELLBEING']],
    ['wellbeing not assessed', { ...fitted, point: 'CLOSURE' }, { wellbeing: null }, []],
    ['unknown point', { ...fitted, point: 'LATER' as never }, {}, ['TAG_OUTCOME_POINT']],
  ])('%s', (_, ctx, measures, rules) => {
    expect(checkOutcome({ ...ok, ...measures }, ctx).map((v) => v.rule)).toEqual(rules);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-07-13', 9, '2027-04-13'],
  ])('%s + %i months = %s (clamped to the month end)', (d, m, want) => expect(addMonths(d, m)).toBe(want));

  it('periods: a follow-up covers the three months before it, closure the episode', () => {
    expect(outcomePeriodDays('MONTHS_3', '2026-06-01', '2026-07-13')).toBe(92);
    expect(outcomePeriodDays('CLOSURE', '2026-06-01', '2026-07-13')).toBe(42);
    expect(outcomePeriodDays('BEFORE', '2026-06-01', null)).toBe(366);
  });
});
