import { createLogger, runWithContext } from '@oversight/observability';
import { asDate } from '../common/dates';
import { deterministicUuid } from '../common/deterministic-id';
import { PrismaClient } from '../generated/prisma/client';

const log = createLogger('ReferralActivities');

/** The I/O of the referral follow-up workflow; each activity adds its task once, whatever the retries. */
export function createReferralActivities(prisma: PrismaClient) {
  return {
    /** Returns whether the referral is still open: when it is not, the workflow ends (it may have missed the signal). */
    async remindReferralOpen(a: {
      referralId: string;
      disposalId: string;
      officerId: string;
      reminderNumber: number;
      dueOn: string;
      correlationId: string;
    }): Promise<{ open: boolean }> {
      return runWithContext({ correlationId: a.correlationId }, () =>
        prisma.$transaction(async (tx) => {
          const referral = await tx.reviewReferral.findUnique({
            where: { id: a.referralId },
            select: { status: true },
          });
          if (referral?.status !== 'OPEN') return { open: false };
          const d = await tx.disposal.findUniqueOrThrow({
            where: { id: a.disposalId },
            select: { reference: true },
          });
          await tx.officerTask.createMany({
            data: [
              {
                id: deterministicUuid(`referral-reminder:${a.referralId}:${a.reminderNumber}`),
                kind: 'REFERRAL_REMINDER',
                disposalId: a.disposalId,
                assignee: a.officerId,
                dueOn: asDate(a.dueOn),
                summary: `${d.reference}: actions referred back by CJ Operations are still open (reminder ${a.reminderNumber})`,
              },
            ],
            skipDuplicates: true,
          });
          await tx.reviewReferral.updateMany({
            where: { id: a.referralId, remindersSent: { lt: a.reminderNumber } },
            data: { remindersSent: a.reminderNumber },
          });
          log.info({ referralId: a.referralId, reminder: a.reminderNumber }, 'referral reminder raised');
          return { open: true };
        }),
      );
    },

    async escalateOverdueReferral(a: {
      referralId: string;
      disposalId: string;
      dueOn: string;
      correlationId: string;
    }): Promise<{ open: boolean }> {
      return runWithContext({ correlationId: a.correlationId }, async () => {
        const referral = await prisma.reviewReferral.findUnique({
          where: { id: a.referralId },
          select: { status: true },
        });
        if (referral?.status !== 'OPEN') return { open: false };
        const d = await prisma.disposal.findUniqueOrThrow({
          where: { id: a.disposalId },
          select: { reference: true },
        });
        await prisma.officerTask.createMany({
          data: [
            {
              id: deterministicUuid(`referral-overdue:${a.referralId}`),
              kind: 'REFERRAL_OVERDUE',
              disposalId: a.disposalId,
              assignee: 'CJ_OPS_SUPERVISOR',
              dueOn: asDate(a.dueOn),
              summary: `${d.reference}: referred-back actions were due ${a.dueOn} and are still open`,
            },
          ],
          skipDuplicates: true,
        });
        log.warn({ referralId: a.referralId }, 'referral overdue: supervisor task raised');
        return { open: true };
      });
    },
  };
}

export type ReferralActivities = ReturnType<typeof createReferralActivities>;
