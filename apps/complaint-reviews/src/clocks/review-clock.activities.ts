import { createLogger, runWithContext } from '@oversight/observability';
import { PrismaClient } from '../generated/prisma/client';

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
    async recordClockBreached({ workflowId, correlationId }: ClockActivityInput): Promise<void> {
      await runWithContext({ correlationId }, async () => {
        const { count } = await prisma.reviewClock.updateMany({
          where: { workflowId, status: 'RUNNING' },
          data: { status: 'BREACHED', breachedAt: new Date() },
        });
        if (
          count === 0 &&
          !(await prisma.reviewClock.findUnique({ where: { workflowId }, select: { id: true } }))
        )
          throw new ClockRowMissingError(workflowId);
        log.warn({ workflowId }, 'review clock breached');
      });
    },
  };
}

export type ReviewClockActivities = ReturnType<typeof createReviewClockActivities>;
