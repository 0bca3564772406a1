import { createLogger } from '@oversight/observability';
import { locationRetentionCutoff } from '@oversight/tag-rules';
import { PrismaService } from '../infrastructure/prisma.service';
import { logLocationAccess } from './location-access-log';

const log = createLogger('LocationRetention');

/** Transaction-level advisory lock: one sweep at a time across every instance of the service. */
export const LOCATION_RETENTION_LOCK_KEY = 'tag-referrals.location-retention';
/** Points erased per sweep at most; a bigger backlog is finished by the next sweeps. */
const BATCH = 100_000;

export interface RetentionSweepResult {
  ran: boolean;
  why?: string;
  cutoff: string;
  deletedPoints: number;
  episodes: number;
}

/**
 * Erases location fixes recorded before the retention cutoff (domain.md 4.4.6 [U]: short, configurable;
 * TAG_LOCATION_RETENTION_DAYS), and logs the erasure per episode (how many points, which episode, the cutoff;
 * never the points) in the same transaction, in the service's s62 log and the shared audit trail.
 *
 * Runs once across instances: under a transaction advisory lock (a second instance at the same moment gets
 * `ran: false`), and a scheduled sweep is skipped when another instance already ran one within the interval
 * (`location.retention_run`). An operator's sweep (`trigger: 'OPERATOR'`) skips only the interval check.
 */
export async function sweepExpiredLocations(
  prisma: PrismaService,
  opts: { retentionDays: number; trigger: 'SCHEDULE' | 'OPERATOR'; minIntervalMinutes?: number; now?: Date },
): Promise<RetentionSweepResult> {
  const now = opts.now ?? new Date();
  const cutoff = locationRetentionCutoff(now, opts.retentionDays);
  const result = await prisma.$transaction(
    async (tx) => {
      const [{ ok }] = await tx.$queryRaw<Array<{ ok: boolean }>>`
        SELECT pg_try_advisory_xact_lock(hashtext(${LOCATION_RETENTION_LOCK_KEY})) AS ok`;
      if (!ok) return { ran: false, why: 'another instance is sweeping', deletedPoints: 0, episodes: 0 };
      if (opts.trigger === 'SCHEDULE' && opts.minIntervalMinutes) {
        const [recent] = await tx.$queryRaw<Array<{ n: number }>>`
          SELECT count(*)::int AS n FROM location.retention_run
           WHERE trigger = 'SCHEDULE' AND started_at > ${new Date(now.getTime() - opts.minIntervalMinutes * 60_000 * 0.9)}`;
        if (recent.n > 0)
          return { ran: false, why: 'another instance ran this interval', deletedPoints: 0, episodes: 0 };
      }
      const gone = await tx.$queryRaw<Array<{ referral_id: string; n: number; first: Date; last: Date }>>`
        WITH gone AS (
          DELETE FROM location.location_point
           WHERE id IN (SELECT id FROM location.location_point WHERE recorded_at < ${cutoff} LIMIT ${BATCH})
          RETURNING referral_id, recorded_at)
        SELECT referral_id::text, count(*)::int AS n, min(recorded_at) AS first, max(recorded_at) AS last
          FROM gone GROUP BY referral_id ORDER BY referral_id`;
      for (const g of gone)
        await logLocationAccess(tx, {
          processing: 'ERASURE',
          referralId: g.referral_id,
          principal: null,
          justification: `retention: location points recorded before ${cutoff.toISOString()} (TAG_LOCATION_RETENTION_DAYS=${opts.retentionDays}, ${opts.trigger.toLowerCase()} sweep)`,
          pointCount: g.n,
          periodFrom: g.first,
          periodTo: g.last,
          route: 'location retention sweep (tag-referrals)',
        });
      const deletedPoints = gone.reduce((s, g) => s + g.n, 0);
      await tx.$executeRaw`
        INSERT INTO location.retention_run (cutoff, trigger, deleted_points, episodes)
        VALUES (${cutoff}, ${opts.trigger}, ${deletedPoints}, ${gone.length})`;
      return { ran: true, deletedPoints, episodes: gone.length };
    },
    { timeout: 120_000 },
  );
  if (result.ran)
    log.info({ cutoff: cutoff.toISOString(), ...result, trigger: opts.trigger }, 'location retention sweep');
  return { ...result, cutoff: cutoff.toISOString() };
}
