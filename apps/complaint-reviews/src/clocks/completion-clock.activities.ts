import { ActorKind, buildEvent, Processing, Topics } from '@oversight/contracts';
import { appendToOutbox } from '@oversight/messaging';
import { createLogger, runWithContext } from '@oversight/observability';
import { PrismaClient } from '../generated/prisma/client';
import { nameUuid } from './name-uuid';

export interface CompletionClockEventInput {
  workflowId: string;
  correlationId: string;
  applicationId: string;
  /** WARNING: the target is near; ESCALATED: it was breached and the manager is told. */
  event: 'WARNING' | 'ESCALATED';
  dueOn: string;
}

const ACTIONS = {
  WARNING: 'COMPLETION_TARGET_DUE_SOON',
  ESCALATED: 'COMPLETION_TARGET_BREACHED_ESCALATED',
} as const;
const log = createLogger('CompletionClockActivities');

/** Activities of the completion clock beyond those it shares with reviewClockWorkflow; idempotent. */
export function createCompletionClockActivities(prisma: PrismaClient) {
  return {
    /**
     * A decision-log entry and a `review-status-changed` event (action COMPLETION_TARGET_DUE_SOON or
     * COMPLETION_TARGET_BREACHED_ESCALATED): the manager's queues and any notifier read these.
     */
    async recordCompletionClockEvent(input: CompletionClockEventInput): Promise<void> {
      await runWithContext({ correlationId: input.correlationId }, async () => {
        const id = nameUuid(`${input.workflowId}/${input.event}/${input.dueOn}`);
        await prisma.$transaction(async (tx) => {
          if (await tx.decisionLogEntry.findUnique({ where: { id }, select: { id: true } })) return;
          const app = await tx.reviewApplication.findUniqueOrThrow({ where: { id: input.applicationId } });
          const action = ACTIONS[input.event];
          await tx.decisionLogEntry.create({
            data: {
              id,
              applicationId: app.id,
              action,
              actor: 'complaint-reviews',
              reason: `Completion target ${input.dueOn}${input.event === 'ESCALATED' ? ' missed: escalated to the manager' : ' is near'}`,
              details: { dueOn: input.dueOn, assignedTo: app.assignedTo },
            },
          });
          const event = buildEvent(
            Topics.reviewStatusChanged,
            {
              eventId: id,
              aggregateId: app.id,
              actor: { subject: 'complaint-reviews', kind: ActorKind.SERVICE },
              correlationId: input.correlationId,
              processing: Processing.NONE,
            },
            {
              applicationId: app.id,
              reference: app.reference,
              action,
              fromStatus: app.status,
              toStatus: app.status,
              reason: input.event === 'ESCALATED' ? 'Completion target breached' : 'Completion target near',
              effectiveOn: input.dueOn,
              team: app.team,
              complainantPersonId: app.complainantId,
            },
          );
          await appendToOutbox(tx, Topics.reviewStatusChanged, event);
        });
        log.info({ workflowId: input.workflowId, event: input.event }, 'completion clock event recorded');
      });
    },
  };
}

export type CompletionClockActivities = ReturnType<typeof createCompletionClockActivities>;
