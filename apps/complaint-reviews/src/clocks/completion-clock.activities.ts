import { createLogger, runWithContext } from '@oversight/observability';
import { PrismaClient } from '../generated/prisma/client';
import { recordClockEntry } from './clock-log';
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
        await prisma.$transaction((tx) =>
          recordClockEntry(tx, {
            id,
            applicationId: input.applicationId,
            action: ACTIONS[input.event],
            reason: `Completion target ${input.dueOn}${input.event === 'ESCALATED' ? ' missed: escalated to the manager' : ' is near'}`,
            eventReason:
              input.event === 'ESCALATED' ? 'Completion target breached' : 'Completion target near',
            dueOn: input.dueOn,
            correlationId: input.correlationId,
          }),
        );
        log.info({ workflowId: input.workflowId, event: input.event }, 'completion clock event recorded');
      });
    },
  };
}

export type CompletionClockActivities = ReturnType<typeof createCompletionClockActivities>;
