import { isIsoDate, type IsoDate } from '@oversight/working-days';
import type { RuleViolation } from './rule-result.model';

/**
 * When outcomes are recorded (issue 11 item 8; vru-notes 3.1 "Measured outcomes": the Kent evaluation compared
 * suspected offences before the tag with 4–6 months after removal, and days missing from home up to 9 months after):
 * a baseline before the tag, at closure, and 3, 6 and 9 months after removal.
 */
export const OUTCOME_POINTS = ['BEFORE', 'CLOSURE', 'MONTHS_3', 'MONTHS_6', 'MONTHS_9'] as const;
export type OutcomePoint = (typeof OUTCOME_POINTS)[number];

/** The follow-up's months after removal; null for the baseline and closure. */
export function outcomeMonths(point: OutcomePoint): number | null {
  return point === 'MONTHS_3' ? 3 : point === 'MONTHS_6' ? 6 : point === 'MONTHS_9' ? 9 : null;
}

/** Calendar months later, the day clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(d: IsoDate, months: number): IsoDate {
  const [y, m, day] = d.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** The measures of the Kent evaluation (vru-notes 3.1): counts over the period the point covers, and yes/no findings. */
export interface OutcomeMeasures {
  suspectedOffences: number;
  violentOffences: number;
  daysMissingFromHome: number;
  reEngagedWithServices: boolean;
  inEducationOrTraining: boolean;
  familyConnection: boolean;
  /** 1 (poor) to 5 (good), when assessed. */
  wellbeing?: number | null;
}

export interface OutcomeContext {
  point: OutcomePoint;
  /** The day the tag was fitted, null when never fitted. */
  fittedOn: IsoDate | null;
  /** The day the tag came off, null while it is on. */
  removedOn: IsoDate | null;
  today: IsoDate;
  /** The days the measures cover (e.g. 91 for the 3 months since removal); days missing cannot exceed it. */
  periodDays?: number;
}

const isCount = (n: unknown): n is number =>
  Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 10_000;

/** Whether outcomes may be recorded at this point now, and whether the measures make sense. */
export function checkOutcome(m: OutcomeMeasures, c: OutcomeContext): RuleViolation[] {
  const v: RuleViolation[] = [];
  if (!OUTCOME_POINTS.includes(c.point))
    return [
      {
        rule: 'TAG_OUTCOME_POINT',
        field: 'point',
        message: `point must be one of ${OUTCOME_POINTS.join(', ')}`,
      },
    ];
  if (c.point === 'BEFORE') {
    if (!c.fittedOn)
      v.push({
        rule: 'TAG_OUTCOME_NOT_FITTED',
        field: 'point',
        message: 'the baseline is recorded once the tag is fitted',
      });
  } else if (!c.removedOn || !isIsoDate(c.removedOn))
    v.push({
      rule: 'TAG_OUTCOME_BEFORE_REMOVAL',
      field: 'point',
      message: `${c.point} outcomes are recorded after the tag is removed`,
    });
  else {
    const months = outcomeMonths(c.point);
    if (months !== null && c.today < addMonths(c.removedOn, months))
      v.push({
        rule: 'TAG_OUTCOME_TOO_EARLY',
        field: 'point',
        message: `${c.point} outcomes are due on ${addMonths(c.removedOn, months)} (${months} months after removal on ${c.removedOn})`,
      });
  }
  for (const f of ['suspectedOffences', 'violentOffences', 'daysMissingFromHome'] as const)
    if (!isCount(m[f]))
      v.push({ rule: 'TAG_OUTCOME_COUNT', field: f, message: `${f} must be a whole number ≥ 0` });
  if (isCount(m.violentOffences) && isCount(m.suspectedOffences) && m.violentOffences > m.suspectedOffences)
    v.push({
      rule: 'TAG_OUTCOME_VIOLENT_EXCEEDS_ALL',
      field: 'violentOffences',
      message: 'violentOffences are a subset of suspectedOffences: they cannot be more',
    });
  const period = c.periodDays ?? 366;
  if (isCount(m.daysMissingFromHome) && m.daysMissingFromHome > period)
    v.push({
      rule: 'TAG_OUTCOME_DAYS_MISSING',
      field: 'daysMissingFromHome',
      message: `daysMissingFromHome cannot exceed the ${period} days the period covers`,
    });
  if (
    m.wellbeing !== undefined &&
    m.wellbeing !== null &&
    !(Number.isInteger(m.wellbeing) && m.wellbeing >= 1 && m.wellbeing <= 5)
  )
    v.push({
      rule: 'TAG_OUTCOME_WELLBEING',
      field: 'wellbeing',
      message: 'wellbeing must be 1 (poor) to 5 (good)',
    });
  return v;
}

/** The days the measures at a point cover: the baseline and closure look back over the episode; follow-ups since the last point. */
export function outcomePeriodDays(
  point: OutcomePoint,
  fittedOn: IsoDate | null,
  removedOn: IsoDate | null,
): number {
  const months = outcomeMonths(point);
  if (months !== null && removedOn) {
    const from = addMonths(removedOn, months - 3);
    const to = addMonths(removedOn, months);
    return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
  }
  if (point === 'CLOSURE' && fittedOn && removedOn)
    return Math.max(
      1,
      Math.round((Date.parse(`${removedOn}T00:00:00Z`) - Date.parse(`${fittedOn}T00:00:00Z`)) / 86_400_000),
    );
  return 366;
}
