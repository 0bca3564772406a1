import { isCalendarDate } from '../knife-swaps/report-period';
import { accessReasonProblem, oneLine } from '../../web/access-reason';

/**
 * What a request for a tag episode's location fixes must carry before the page calls the API (issue 11 item 7;
 * table-tested in location-request.spec.ts). The API decides again (apps/tag-referrals: `checkLocationPeriod` of
 * @oversight/tag-rules, the reason and recipient checks); the page only refuses early, against the field to fix.
 */

/** Who reads location fixes: the practitioners reviewing the data and the manager (domain.md 3.1.3). */
export const LOCATION_VIEWERS = ['VRU_PRACTITIONER', 'VRU_MANAGER'];
/** Who exports them (a disclosure to a named recipient): the VRU manager only. */
export const LOCATION_EXPORTERS = ['VRU_MANAGER'];
/** The API's longest period per read or export (TAG_LOCATION_MAX_DAYS_PER_READ, default 7). */
export const LOCATION_MAX_DAYS = 7;

export interface LocationProblem {
  id: string;
  text: string;
}

const addDays = (day: string, n: number): string => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * The period asked for, by default yesterday and today (the API's default): calendar dates, forwards, not after
 * today, at most `maxDays` days with both ends included.
 */
export function readLocationPeriod(
  q: { from?: unknown; to?: unknown },
  today: string,
  maxDays = LOCATION_MAX_DAYS,
): { from: string; to: string; problems: LocationProblem[] } {
  const to = oneLine(q.to) || today;
  const from = oneLine(q.from) || addDays(isCalendarDate(to) ? to : today, -1);
  const problems: LocationProblem[] = [];
  if (!isCalendarDate(from))
    problems.push({ id: 'from', text: 'Enter the first day as a date like 2026-12-06' });
  if (!isCalendarDate(to)) problems.push({ id: 'to', text: 'Enter the last day as a date like 2026-12-07' });
  if (problems.length) return { from, to, problems };
  if (from > to) problems.push({ id: 'from', text: 'The first day must be on or before the last day' });
  else if (to > today) problems.push({ id: 'to', text: 'The last day cannot be after today' });
  else if (addDays(from, maxDays - 1) < to)
    problems.push({ id: 'from', text: `Choose at most ${maxDays} days of location data` });
  return { from, to, problems };
}

/** The reason for reading the fixes: 5 to 500 characters (recorded with every read, DPA 2018 s62), Latin-1 only. */
export function reasonProblem(reason: string): LocationProblem | undefined {
  const text = accessReasonProblem(reason, 'Enter why you need the location data, in 5 to 500 characters');
  return text ? { id: 'reason', text } : undefined;
}

/** The recipient of an export (a disclosure): 3 to 200 characters. */
export function recipientProblem(recipient: string): LocationProblem | undefined {
  return recipient.length < 3 || recipient.length > 200
    ? { id: 'recipient', text: 'Enter who receives the export, in 3 to 200 characters' }
    : undefined;
}

/** The API's field names (its `violations[].field`) → the page's inputs. */
export const LOCATION_API_FIELDS: Record<string, string> = {
  from: 'from',
  to: 'to',
  recipient: 'recipient',
  'x-access-reason': 'reason',
};

/** The source of a fix as staff say it (the API's TagLocationPoint sources); an unknown one as sent. */
export function locationSourceText(source: string): string {
  return (
    ({ GPS: 'GPS', RF_BEACON: 'RF beacon', GSM: 'Mobile network', WIFI: 'Wi-Fi' } as Record<string, string>)[
      source
    ] ?? source
  );
}

/** The key the reason is kept under in the session (beside the domestic-abuse knife-swap reasons). */
export const locationReasonKey = (referralId: string): string => `tag-locations:${referralId}`;
