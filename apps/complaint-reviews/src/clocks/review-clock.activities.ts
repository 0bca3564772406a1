import { ActorKind } from '@oversight/contracts';
import { createLogger, runWithContext } from '@oversight/observability';
import { Prisma, PrismaClient } from '../generated/prisma/client';
import { longDate, requestLetter } from '../letters/letter-request';
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

/** Who the clocks write to and sign as (from the service's configuration). */
export interface ClockLetterSettings {
  FORCE_NAME: string;
  FORCE_PSD_EMAIL: string;
  REVIEW_BODY_NAME: string;
}

/** Activities do the I/O for the clock workflow; each is idempotent (safe to retry). */
export function createReviewClockActivities(prisma: PrismaClient, letters: ClockLetterSettings) {
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
          const escalated = await recordClockEntry(tx, {
            id: nameUuid(`${workflowId}/BREACHED`),
            applicationId: clock.applicationId,
            action: `${clock.kind}_CLOCK_BREACHED`,
            reason: `${BREACH_WORDS[clock.kind]} was due ${dueOn}: escalated to the manager`,
            dueOn,
            correlationId,
            details: { clock: clock.kind },
          });
          if (escalated && clock.kind === 'RECOMMENDATION_RESPONSE')
            await remindForce(tx, clock.applicationId, dueOn, letters);
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

/**
 * The force's written response to the recommendations is overdue: write to its PSD listing those
 * still unanswered (1.4.5 [U]). Once per clock, in the escalation's transaction.
 */
async function remindForce(
  tx: Prisma.TransactionClient,
  applicationId: string,
  respondBy: string,
  letters: ClockLetterSettings,
): Promise<void> {
  const app = await tx.reviewApplication.findUniqueOrThrow({
    where: { id: applicationId },
    include: {
      recommendations: { where: { status: 'AWAITING_FORCE_RESPONSE' }, orderBy: { createdAt: 'asc' } },
    },
  });
  if (!app.recommendations.length) return;
  const service = { subject: 'complaint-reviews', displayName: 'complaint-reviews', roles: [] };
  await requestLetter(tx, service, {
    application: app,
    template: 'complaint-review.recommendation-response-overdue',
    recipient: {
      kind: 'FORCE',
      name: `Professional Standards Department, ${letters.FORCE_NAME}`,
      email: letters.FORCE_PSD_EMAIL,
      language: 'ENGLISH',
    },
    personalisation: {
      force_name: letters.FORCE_NAME,
      force_reference: app.forceComplaintReference,
      reference: app.reference,
      respond_by: longDate(respondBy),
      recommendations: app.recommendations.map((r, i) => `${i + 1}. ${r.text}`).join('\n'),
      review_body_name: letters.REVIEW_BODY_NAME,
    },
    why: "Reminding the appropriate authority that its response to the review's recommendations is overdue",
    actor: { subject: 'complaint-reviews', kind: ActorKind.SERVICE },
  });
}
