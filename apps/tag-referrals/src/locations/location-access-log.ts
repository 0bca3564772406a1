import { Principal } from '@oversight/auth';
import { buildEvent, Processing, Topics } from '@oversight/contracts';
import { appendToOutbox } from '@oversight/messaging';
import { currentCorrelationId } from '@oversight/observability';
import { SERVICE_ACTOR, userActor } from '../common/actor';
import { Prisma } from '../generated/prisma/client';

export const LOCATION_RECORD_TYPE = 'vru-tag-location';

export type LocationProcessing = 'CONSULTATION' | 'DISCLOSURE' | 'ERASURE';

/**
 * Logs one consultation, disclosure or erasure of an episode's location data (DPA 2018 s62; domain.md 4.2.1,
 * 4.2.2): who, when, why, which episode, how many points, and for a disclosure who received it. Written in the
 * caller's transaction, twice: a row of the service's own log (`location.location_access`, counts in columns) and
 * an entry of the shared audit trail through the outbox (platform.access-recorded.v1, whose justification carries
 * the count and period, since the audit entry has no column for them). Never the points themselves.
 */
export async function logLocationAccess(
  tx: Prisma.TransactionClient,
  a: {
    processing: LocationProcessing;
    referralId: string;
    principal: Principal | null;
    justification: string;
    recipient?: string | null;
    pointCount: number;
    periodFrom: Date | null;
    periodTo: Date | null;
    route: string;
  },
): Promise<void> {
  const actor = a.principal ? userActor(a.principal) : SERVICE_ACTOR;
  await tx.$executeRaw`
    INSERT INTO location.location_access
      (referral_id, processing, actor, actor_roles, justification, recipient, point_count, period_from, period_to)
    VALUES (${a.referralId}::uuid, ${a.processing}, ${actor.subject}, ${actor.roles}::text[], ${a.justification},
            ${a.recipient ?? null}, ${a.pointCount}, ${a.periodFrom}, ${a.periodTo})`;
  const period =
    a.periodFrom && a.periodTo ? `, ${a.periodFrom.toISOString()} to ${a.periodTo.toISOString()}` : '';
  const processing =
    a.processing === 'ERASURE'
      ? Processing.ERASURE
      : a.processing === 'DISCLOSURE'
        ? Processing.DISCLOSURE
        : Processing.CONSULTATION;
  const event = buildEvent(
    Topics.accessRecorded,
    {
      aggregateId: a.referralId,
      actor,
      correlationId: currentCorrelationId(),
      processing,
      justification: `${a.justification} [${a.pointCount} location points${period}]`,
    },
    {
      recordType: LOCATION_RECORD_TYPE,
      recordId: a.referralId,
      route: a.route,
      statusCode: 200,
      recipient: a.recipient ?? '',
      allowed: true,
    },
  );
  await appendToOutbox(tx, Topics.accessRecorded, event);
}
