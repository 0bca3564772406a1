import { addCalendarDays, isIsoDate, type IsoDate } from '@oversight/working-days';
import type { RuleViolation } from './rule-result.model';

/**
 * Location data from GPS tags (domain.md 4.4.6: high risk, short default retention, role-based access with
 * consultation logging; vru-notes 3.5: every view and export records the purpose; 3.2: the position sources).
 * Pure rules: which fixes are acceptable, which period a reader may ask for, when a fix expires.
 */
export const LOCATION_SOURCES = ['GPS', 'RF_BEACON', 'GSM', 'WIFI'] as const;
export type LocationSource = (typeof LOCATION_SOURCES)[number];

/** The most fixes one device event may carry: a fix a minute for a day is 1,440. */
export const MAX_POINTS_PER_EVENT = 5000;

export interface LocationPointInput {
  recordedAt: string;
  latitude: number;
  longitude: number;
  accuracyMetres?: number;
  source: string;
}

/**
 * Problems with the fixes of one device event (empty: all acceptable). A fix from the future (beyond
 * `skewMs` of clock drift) or from before the tag was fitted is not this person's trail on this episode.
 */
export function checkLocationPoints(
  points: readonly LocationPointInput[],
  ctx: { now: Date; fittedAt: Date; skewMs?: number },
): RuleViolation[] {
  if (points.length > MAX_POINTS_PER_EVENT)
    return [
      {
        rule: 'TAG_LOCATION_TOO_MANY_POINTS',
        field: 'locations',
        message: `at most ${MAX_POINTS_PER_EVENT} fixes per event, got ${points.length}`,
      },
    ];
  const skew = ctx.skewMs ?? 10 * 60_000;
  const v: RuleViolation[] = [];
  points.forEach((p, i) => {
    const at = new Date(p.recordedAt);
    const field = `locations[${i}]`;
    if (!p.recordedAt || Number.isNaN(at.getTime()))
      v.push({ rule: 'TAG_LOCATION_TIME', field, message: `recordedAt ${p.recordedAt} is not an instant` });
    else if (at.getTime() > ctx.now.getTime() + skew)
      v.push({
        rule: 'TAG_LOCATION_IN_FUTURE',
        field,
        message: `recordedAt ${p.recordedAt} is in the future`,
      });
    else if (at.getTime() < ctx.fittedAt.getTime())
      v.push({
        rule: 'TAG_LOCATION_BEFORE_FIT',
        field,
        message: `recordedAt ${p.recordedAt} is before the tag was fitted`,
      });
    if (!Number.isFinite(p.latitude) || p.latitude < -90 || p.latitude > 90)
      v.push({ rule: 'TAG_LOCATION_LATITUDE', field, message: `latitude ${p.latitude} is not in -90..90` });
    if (!Number.isFinite(p.longitude) || p.longitude < -180 || p.longitude > 180)
      v.push({
        rule: 'TAG_LOCATION_LONGITUDE',
        field,
        message: `longitude ${p.longitude} is not in -180..180`,
      });
    if (!(LOCATION_SOURCES as readonly string[]).includes(p.source))
      v.push({
        rule: 'TAG_LOCATION_SOURCE',
        field,
        message: `source ${p.source} is not one of ${LOCATION_SOURCES.join(', ')}`,
      });
  });
  return v;
}

/**
 * The period a reader asks for (calendar days, inclusive). Practitioners review the previous days' data
 * (domain.md 3.1.3), so a read is bounded to `maxDays`: data minimisation, not a browse of the whole trail.
 */
export function checkLocationPeriod(
  q: { from?: string; to?: string },
  ctx: { today: IsoDate; maxDays: number },
): { violations: RuleViolation[]; from: IsoDate; to: IsoDate } {
  const v: RuleViolation[] = [];
  const to = (q.to ?? ctx.today) as IsoDate;
  const from = (q.from ?? addCalendarDays(to, -1)) as IsoDate;
  if (!isIsoDate(from))
    v.push({ rule: 'TAG_LOCATION_PERIOD', field: 'from', message: 'from must be YYYY-MM-DD' });
  if (!isIsoDate(to)) v.push({ rule: 'TAG_LOCATION_PERIOD', field: 'to', message: 'to must be YYYY-MM-DD' });
  if (v.length) return { violations: v, from, to };
  if (from > to)
    v.push({ rule: 'TAG_LOCATION_PERIOD', field: 'from', message: `from (${from}) is after to (${to})` });
  else if (to > ctx.today)
    v.push({ rule: 'TAG_LOCATION_PERIOD', field: 'to', message: `to (${to}) is after today (${ctx.today})` });
  else if (addCalendarDays(from, ctx.maxDays - 1) < to)
    v.push({
      rule: 'TAG_LOCATION_PERIOD_TOO_LONG',
      field: 'from',
      message: `at most ${ctx.maxDays} days of location data per read (domain.md 4.4.6: data minimisation)`,
    });
  return { violations: v, from, to };
}

/**
 * The retention cutoff (domain.md 4.4.6 [U]: a short default retention, to be set by the DPIA): a fix recorded
 * before this instant has expired and is erased.
 */
export function locationRetentionCutoff(now: Date, retentionDays: number): Date {
  if (!Number.isInteger(retentionDays) || retentionDays < 1)
    throw new RangeError('location retention must be a whole number of days, at least 1');
  return new Date(now.getTime() - retentionDays * 86_400_000);
}
