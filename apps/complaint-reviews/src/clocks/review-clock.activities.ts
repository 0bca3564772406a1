import { createLogger, runWithContext } from '@oversight/observability';
import { PrismaClient } from '../generated/prisma/client';

export interface ClockActivityInput {
  /** The clock row is keyed by its workflow id, which is deterministic, so retries find it. */
  workflowId: string;
  correlationId: string;
}

const log = createLogger('ReviewClockActivities');

/** Activities do the I/O for the clock workflow; each is idempotent (safe to retry). */
export function createReviewClockActivities(prisma: PrismaClient) {
  return {
    async recordClockMet({ workflowId, correlationId }: ClockActivityInput): Promise<void> {
      await runWithContext({ correlationId }, async () => {
        await prisma.reviewClock.updateMany({ where: { workflowId, status: 'RUNNING' }, data: { status: 'MET', metAt: new Date() } });
        log.info({ workflowId }, 'review clock met');
      });
    },
    async recordClockBreached({ workflowId, correlationId }: ClockActivityInput): Promise<void> {
      await runWithContext({ correlationId }, async () => {
        await prisma.reviewClock.updateMany({ where: { workflowId, status: 'RUNNING' }, data: { status: 'BREACHED', breachedAt: new Date() } });
        log.warn({ workflowId }, 'review clock breached');
      });
    },
  };
}

export type ReviewClockActivities = ReturnType<typeof createReviewClockActivities>;
