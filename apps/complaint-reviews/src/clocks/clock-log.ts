import { ActorKind, buildEvent, Processing, Topics } from '@oversight/contracts';
import { appendToOutbox } from '@oversight/messaging';
import { Prisma } from '../generated/prisma/client';

/** The actor of what the clocks record by themselves. */
export const CLOCK_ACTOR = 'complaint-reviews';

/**
 * What a clock records by itself (a warning, a breach escalated to the manager): a decision-log entry
 * and its `review-status-changed` event, both with the given id, in the caller's transaction. The id
 * is derived from the workflow, so a retried activity finds the entry and writes nothing twice.
 * Returns false when it was already recorded.
 */
export async function recordClockEntry(
  tx: Prisma.TransactionClient,
  entry: {
    id: string;
    applicationId: string;
    action: string;
    reason: string;
    eventReason?: string;
    dueOn: string;
    correlationId: string;
    details?: Record<string, unknown>;
  },
): Promise<boolean> {
  if (await tx.decisionLogEntry.findUnique({ where: { id: entry.id }, select: { id: true } })) return false;
  const app = await tx.reviewApplication.findUniqueOrThrow({ where: { id: entry.applicationId } });
  await tx.decisionLogEntry.create({
    data: {
      id: entry.id,
      applicationId: app.id,
      action: entry.action,
      actor: CLOCK_ACTOR,
      reason: entry.reason,
      details: {
        dueOn: entry.dueOn,
        assignedTo: app.assignedTo,
        ...(entry.details ?? {}),
      } as Prisma.InputJsonValue,
    },
  });
  const event = buildEvent(
    Topics.reviewStatusChanged,
    {
      eventId: entry.id,
      aggregateId: app.id,
      actor: { subject: CLOCK_ACTOR, kind: ActorKind.SERVICE },
      correlationId: entry.correlationId,
      processing: Processing.NONE,
    },
    {
      applicationId: app.id,
      reference: app.reference,
      action: entry.action,
      fromStatus: app.status,
      toStatus: app.status,
      reason: (entry.eventReason ?? entry.reason).slice(0, 500),
      effectiveOn: entry.dueOn,
      team: app.team,
      complainantPersonId: app.complainantId,
    },
  );
  await appendToOutbox(tx, Topics.reviewStatusChanged, event);
  return true;
}
