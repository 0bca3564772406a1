import { createLogger, runWithContext } from '@oversight/observability';
import { asDate } from '../common/dates';
import { deterministicUuid } from '../common/deterministic-id';
import { longDate, requestNotification } from '../common/notification-request';
import { officerEmail, resolveOfficerEmailTemplate } from '../common/officer-contact';
import { PrismaClient } from '../generated/prisma/client';

export const OFFICER_REFERRAL_REMINDER_TEMPLATE = 'oocr.officer-referral-reminder';

const log = createLogger('ReferralActivities');

/** The I/O of the referral follow-up workflow; each activity adds its task (and email) once, whatever the retries. */
export function createReferralActivities(
  prisma: PrismaClient,
  opts: {
    /** OFFICER_EMAIL_TEMPLATE; when not given, resolveOfficerEmailTemplate() reads the (boot-checked) env. */
    officerEmailTemplate?: string;
  } = {},
) {
  const officerEmailTemplate = resolveOfficerEmailTemplate(opts.officerEmailTemplate);
  return {
    /**
     * Reminds the officer of open referred-back actions: a task row and an email to them (field officers do not
     * see the task list). Returns whether the referral is still open: when it is not, the workflow ends (it may
     * have missed the signal).
     */
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
            select: { reference: true, offenderId: true, issuingOfficerName: true },
          });
          const key = `referral-reminder:${a.referralId}:${a.reminderNumber}`;
          const { count } = await tx.officerTask.createMany({
            data: [
              {
                id: deterministicUuid(key),
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
          let officerTold = false;
          if (count === 1) {
            const open = await tx.referralAction.findMany({
              where: { referralId: a.referralId, status: 'OPEN' },
              orderBy: { seq: 'asc' },
              select: { seq: true, description: true },
            });
            officerTold = await requestNotification(tx, {
              notificationId: deterministicUuid(`${key}:officer`),
              templateKey: OFFICER_REFERRAL_REMINDER_TEMPLATE,
              contact: { email: officerEmail(a.officerId, officerEmailTemplate) },
              channels: ['EMAIL'],
              personalisation: {
                officer_name: d.issuingOfficerName || a.officerId,
                actions: open.length
                  ? open.map((x) => `${x.seq}. ${x.description}`).join('\n')
                  : 'see the review record',
                due_on: longDate(a.dueOn),
                reminder_number: String(a.reminderNumber),
                reference: d.reference,
              },
              reference: d.reference,
              dataSubjectId: d.offenderId,
              correlationId: a.correlationId,
              why: 'community resolution review: reminder to the issuing officer of referred-back actions',
            });
          }
          log.info(
            { referralId: a.referralId, reminder: a.reminderNumber, officerNotified: officerTold },
            'referral reminder raised',
          );
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
