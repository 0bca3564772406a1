import { checkLocationPeriod, checkLocationPoints, locationRetentionCutoff } from './location.rule';

const now = new Date('2026-12-07T10:00:00Z');
const fittedAt = new Date('2026-12-01T00:00:00Z');
const fix = { recordedAt: '2026-12-06T21:15:00Z', latitude: 51.38, longitude: 0.52, source: 'GPS' };

describe('location fixes (domain.md 4.4.6; vru-notes 3.2 position sources)', () => {
  it.each<[string, Partial<typeof fix>, string[]]>([
    ['a GPS fix yesterday evening', {}, []],
    ['an RF beacon fix', { source: 'RF_BEACON' }, []],
    ['an unknown source', { source: 'SATNAV' }, ['TAG_LOCATION_SOURCE']],
    ['latitude out of range', { latitude: 91 }, ['TAG_LOCATION_LATITUDE']],
    ['longitude out of range', { longitude: -180.5 }, ['TAG_LOCATION_LONGITUDE']],
    ['not an instant', { recordedAt: 'yesterday' }, ['TAG_LOCATION_TIME']],
    ['in the future', { recordedAt: '2026-12-07T11:00:00Z' }, ['TAG_LOCATION_IN_FUTURE']],
    ['within the clock skew', { recordedAt: '2026-12-07T10:05:00Z' }, []],
    ['before the fit', { recordedAt: '2026-11-30T23:59:00Z' }, ['TAG_LOCATION_BEFORE_FIT']],
  ])('%s', (_label, over, rules) => {
    expect(checkLocationPoints([{ ...fix, ...over }], { now, fittedAt }).map((v) => v.rule)).toEqual(rules);
  });

  it('refuses an event with more fixes than a day of minute fixes allows', () => {
    const many = Array.from({ length: 5001 }, () => fix);
    expect(checkLocationPoints(many, { now, fittedAt }).map((v) => v.rule)).toEqual([
      'TAG_LOCATION_TOO_MANY_POINTS',
    ]);
  });
});

describe('the period a reader may ask for (domain.md 3.1.3: the previous days; 4.4.6: minimisation)', () => {
  const ctx = { today: '2026-12-07' as const, maxDays: 7 };
  it.each<[string, { from?: string; to?: string }, string[], string | null, string | null]>([
    ['default: yesterday and today', {}, [], '2026-12-06', '2026-12-07'],
    ['seven days', { from: '2026-12-01', to: '2026-12-07' }, [], '2026-12-01', '2026-12-07'],
    ['eight days', { from: '2026-11-30', to: '2026-12-07' }, ['TAG_LOCATION_PERIOD_TOO_LONG'], null, null],
    ['backwards', { from: '2026-12-05', to: '2026-12-04' }, ['TAG_LOCATION_PERIOD'], null, null],
    ['ends after today', { from: '2026-12-06', to: '2026-12-08' }, ['TAG_LOCATION_PERIOD'], null, null],
    ['impossible date', { from: '2026-02-30', to: '2026-03-01' }, ['TAG_LOCATION_PERIOD'], null, null],
  ])('%s', (_label, q, rules, from, to) => {
    const r = checkLocationPeriod(q, ctx);
    expect(r.violations.map((v) => v.rule)).toEqual(rules);
    if (from) expect({ from: r.from, to: r.to }).toEqual({ from, to });
  });
});

describe('retention cutoff (domain.md 4.4.6 [U]: short, configurable)', () => {
  it.each<[number, string]>([
    [30, '2026-11-07T10:00:00.000Z'],
    [1, '2026-12-06T10:00:00.000Z'],
  ])('%i days', (days, cutoff) => {
    expect(locationRetentionCutoff(now, days).toISOString()).toBe(cutoff);
  });
  it('refuses a retention that is not a whole number of days', () => {
    expect(() => locationRetentionCutoff(now, 0)).toThrow(RangeError);
    expect(() => locationRetentionCutoff(now, 1.5)).toThrow(RangeError);
  });
});
