import { createLogger, runWithContext } from '@oversight/observability';
import { PrismaClient } from '../generated/prisma/client';
import { recordClockEntry } from './clock-log';
import { nameUuid } from './name-uuid';

export interface ClockActivityInput {
  /** The clock row is keyed by its workflow id, which is deterministic, so retries find it. */
  workflowId: string;
  correlationId: string;
  /** When the clock was met, if the signal said (ISO instant). */
  metAt?: string;
}

/**
 * The clock row is written in the same transaction that starts the workflow's consumer step; if it
 * is missing, that transaction has not committed yet: fail, so Temporal retries the activity.
 */
class ClockRowMissingError extends Error {
  override readonly name = 'ClockRowMissingError';
}

const log = createLogger('ReviewClockActivities');

/** Activities do the I/O for the clock workflow; each is idempotent (safe to retry). */
export function createReviewClockActivities(prisma: PrismaClient) {
  return {
    async recordClockMet({ workflowId, correlationId, metAt }: ClockActivityInput): Promise<void> {
      await runWithContext({ correlationId }, async () => {
        const { count } = await prisma.reviewClock.updateMany({
          where: { workflowId, status: 'RUNNING' },
          data: { status: 'MET', metAt: metAt ? new Date(metAt) : new Date() },
        });
        if (
          count === 0 &&
          !(await prisma.reviewClock.findUnique({ where: { workflowId }, select: { id: true } }))
        )
          throw new ClockRowMissingError(workflowId);
        log.info({ workflowId }, 'review clock met');
      });
    },
    /**
     * Marks the clock BREACHED and escalates it to the manager: a decision-log entry and a
     * `review-status-changed` event (action `<KIND>_CLOCK_BREACHED`), which the manager's queues, the
     * audit trail and any notifier read. Both ids derive from the workflow id, so a retry writes nothing twice.
     */
    async recordClockBreached({ workflowId, correlationId }: ClockActivityInput): Promise<void> {
      await runWithContext({ correlationId }, async () => {
        await prisma.$transaction(async (tx) => {
          const clock = await tx.reviewClock.findUnique({ where: { workflowId } });
          if (!clock) throw new ClockRowMissingError(workflowId);
          const { count } = await tx.reviewClock.updateMany({
            where: { workflowId, status: 'RUNNING' },
            data: { status: 'BREACHED', breachedAt: new Date() },
          });
          // The completion clock escalates through its own activity (COMPLETION_TARGET_BREACHED_ESCALATED).
          if (count === 0 || clock.kind === 'COMPLETION') return;
          const dueOn = clock.dueOn.toISOString().slice(0, 10);
          await recordClockEntry(tx, {
            id: nameUuid(`${workflowId}/BREACHED`),
            applicationId: clock.applicationId,
            action: `${clock.kind}_CLOCK_BREACHED`,
            reason: `${BREACH_WORDS[clock.kind]} was due ${dueOn}: escalated to the manager`,
            dueOn,
            correlationId,
            details: { clock: clock.kind },
          });
        });
        log.warn({ workflowId }, 'review clock breached');
      });
    },
  };
}

const BREACH_WORDS: Record<string, string> = {
  ACKNOWLEDGEMENT: 'The acknowledgement',
  COMPLETION: 'The completion target',
  INFORMATION_REQUEST: "The applicant's reply to the request for information",
  CASE_FILE_REQUEST: "The force's case file",
  RECOMMENDATION_RESPONSE: "The force's response to the recommendations",
};

export type ReviewClockActivities = ReturnType<typeof createReviewClockActivities>;
