import { Principal, Role } from '@oversight/auth';
import { AccessDeniedError } from '@oversight/auth';
import { NotFoundError, RuleViolationError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { checkLocationPeriod } from '@oversight/tag-rules';
import { TagReferralsEnv } from '../config/tag-referrals.env';
import { PrismaService } from '../infrastructure/prisma.service';
import { logLocationAccess } from './location-access-log';

/** Who reviews location data (domain.md 3.1.3: the practitioners reviewing the previous days' data; the manager). */
export const LOCATION_VIEWERS = [Role.VruPractitioner, Role.VruManager] as const;
/** Who may export it (a disclosure to a named recipient): the VRU manager only. */
export const LOCATION_EXPORTERS = [Role.VruManager] as const;

const REASON = /^[^\r\n]{5,500}$/;
const RECIPIENT = /^[^\r\n]{3,200}$/;

export interface LocationQuery {
  from?: string;
  to?: string;
  recipient?: string;
}

export interface LocationPointView {
  recordedAt: string;
  latitude: number;
  longitude: number;
  accuracyMetres: number | null;
  source: string;
}

/**
 * One episode's location fixes for a short period (issue 11 item 7), to a role that reviews them, with a stated
 * reason, and logged as a consultation (view) or disclosure (export, with its recipient) in the same transaction
 * as the read: a read can never happen without its log entry, however the service was reached (the gateway
 * records the request as well). The fixes never leave through any other route, event or view.
 */
export async function readLocations(
  prisma: PrismaService,
  env: TagReferralsEnv,
  referralId: string,
  q: LocationQuery,
  p: Principal,
  reason: string | undefined,
  mode: 'VIEW' | 'EXPORT',
): Promise<{ referralId: string; reference: string; from: string; to: string; points: LocationPointView[] }> {
  const allowed = mode === 'EXPORT' ? LOCATION_EXPORTERS : LOCATION_VIEWERS;
  if (!p.roles.some((r) => (allowed as readonly Role[]).includes(r)))
    throw new AccessDeniedError(
      `${mode === 'EXPORT' ? 'Exporting' : 'Reading'} location data needs one of the roles: ${allowed.join(', ')}`,
    );
  const problems = [];
  if (!reason || !REASON.test(reason.trim()))
    problems.push({
      rule: 'TAG_LOCATION_REASON_REQUIRED',
      field: 'x-access-reason',
      message:
        'location data is released only with a reason: send it in the X-Access-Reason header (5-500 characters)',
    });
  if (mode === 'EXPORT' && (!q.recipient || !RECIPIENT.test(q.recipient.trim())))
    problems.push({
      rule: 'TAG_LOCATION_RECIPIENT_REQUIRED',
      field: 'recipient',
      message: 'an export is a disclosure: name who receives it in ?recipient= (3-200 characters)',
    });
  const period = checkLocationPeriod(q, {
    today: todayInLondon(),
    maxDays: env.TAG_LOCATION_MAX_DAYS_PER_READ,
  });
  problems.push(...period.violations);
  if (problems.length) throw new RuleViolationError(problems);
  // The UK calendar days asked for, as instants (a day starts at 00:00 Europe/London).
  const periodFrom = londonMidnight(period.from);
  const periodTo = londonMidnight(addDay(period.to));
  return prisma.$transaction(async (tx) => {
    const ep = await tx.episode.findUnique({
      where: { referralId },
      select: { referral: { select: { reference: true } } },
    });
    if (!ep) throw new NotFoundError('Tag episode', referralId);
    const rows = await tx.$queryRaw<
      Array<{
        recorded_at: Date;
        latitude: number;
        longitude: number;
        accuracy_metres: number | null;
        source: string;
      }>
    >`
      SELECT recorded_at, latitude, longitude, accuracy_metres, source
        FROM location.location_point
       WHERE referral_id = ${referralId}::uuid AND recorded_at >= ${periodFrom} AND recorded_at < ${periodTo}
       ORDER BY recorded_at, id`;
    await logLocationAccess(tx, {
      processing: mode === 'EXPORT' ? 'DISCLOSURE' : 'CONSULTATION',
      referralId,
      principal: p,
      justification: reason!.trim(),
      recipient: mode === 'EXPORT' ? q.recipient!.trim() : null,
      pointCount: rows.length,
      periodFrom,
      periodTo,
      route:
        mode === 'EXPORT'
          ? 'GET /referrals/:id/locations.csv (tag-referrals)'
          : 'GET /referrals/:id/locations (tag-referrals)',
    });
    return {
      referralId,
      reference: ep.referral.reference,
      from: period.from,
      to: period.to,
      points: rows.map((r) => ({
        recordedAt: r.recorded_at.toISOString(),
        latitude: r.latitude,
        longitude: r.longitude,
        accuracyMetres: r.accuracy_metres,
        source: r.source,
      })),
    };
  });
}

/** The CSV of an export: one fix a line. */
export function locationsCsv(r: { reference: string; points: LocationPointView[] }): string {
  const lines = ['reference,recorded_at,latitude,longitude,accuracy_metres,source'];
  for (const p of r.points)
    lines.push(
      [r.reference, p.recordedAt, p.latitude, p.longitude, p.accuracyMetres ?? '', p.source].join(','),
    );
  return `${lines.join('\n')}\n`;
}

const addDay = (d: string) => {
  const x = new Date(`${d}T12:00:00Z`);
  x.setUTCDate(x.getUTCDate() + 1);
  return x.toISOString().slice(0, 10);
};

/** 00:00 in Europe/London on a calendar day, as an instant (GMT or BST). */
function londonMidnight(day: string): Date {
  const utc = new Date(`${day}T00:00:00Z`);
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(
      utc,
    ),
  );
  return new Date(utc.getTime() - hour * 3_600_000);
}
