import { Principal } from '@oversight/auth';
import { ActorKind, buildEvent, Processing, Topics } from '@oversight/contracts';
import { appendToOutbox } from '@oversight/messaging';
import { currentCorrelationId } from '@oversight/observability';
import { Prisma } from '../generated/prisma/client';

export interface LoggedChange {
  application: { id: string; reference: string; team: string; complainantId: string };
  action: string;
  fromStatus: string;
  toStatus: string;
  reason?: string;
  effectiveOn: string;
  details?: Record<string, unknown>;
}

export function actorOf(principal: Principal) {
  return { subject: principal.subject, kind: ActorKind.USER, roles: principal.roles, team: principal.team };
}

/**
 * Records one change of a review: a decision-log row (who, when, what, why) and its
 * `complaints.review-status-changed.v1` event, in the caller's transaction, so neither exists without
 * the change itself.
 */
export async function logChange(
  tx: Prisma.TransactionClient,
  principal: Principal,
  change: LoggedChange,
): Promise<void> {
  const { application: app } = change;
  await tx.decisionLogEntry.create({
    data: {
      applicationId: app.id,
      action: change.action,
      actor: principal.subject,
      reason: change.reason ?? null,
      details: {
        fromStatus: change.fromStatus,
        toStatus: change.toStatus,
        effectiveOn: change.effectiveOn,
        ...(change.details ?? {}),
      } as Prisma.InputJsonValue,
    },
  });
  const event = buildEvent(
    Topics.reviewStatusChanged,
    {
      aggregateId: app.id,
      actor: actorOf(principal),
      correlationId: currentCorrelationId(),
      processing: Processing.ALTERATION,
    },
    {
      applicationId: app.id,
      reference: app.reference,
      action: change.action,
      fromStatus: change.fromStatus,
      toStatus: change.toStatus,
      reason: (change.reason ?? '').slice(0, 500),
      effectiveOn: change.effectiveOn,
      team: app.team,
      complainantPersonId: app.complainantId,
    },
  );
  await appendToOutbox(tx, Topics.reviewStatusChanged, event);
}
