import { buildEvent, Processing, Topics } from '@oversight/contracts';
import { appendToOutbox } from '@oversight/messaging';
import { createLogger, runWithContext } from '@oversight/observability';
import { Role } from '@oversight/auth';
import { defaultEnglandAndWalesCalendar, isWorkingDay, subtractWorkingDays } from '@oversight/working-days';
import { SERVICE_ACTOR } from '../common/actor';
import { asDate, day, dayOrNull } from '../common/dates';
import { deterministicUuid } from '../common/deterministic-id';
import { PrismaClient } from '../generated/prisma/client';
import type { EpisodeDayWork } from '../workflows/episode.types';

const log = createLogger('EpisodeActivities');

export function dataReviewTaskId(referralId: string, day: string): string {
  return deterministicUuid(`data-review:${referralId}:${day}`);
}

/** The I/O of the episode workflow: each activity writes its tasks once (deterministic ids), whatever the retries. */
export function createEpisodeActivities(prisma: PrismaClient) {
  return {
    async recordEpisodeDay(a: {
      referralId: string;
      reference: string;
      day: string;
      plannedEnd: string;
      work: EpisodeDayWork;
      correlationId: string;
    }): Promise<{ plannedEnd: string; endedEarlyOn: string | null; removedOn: string | null }> {
      return runWithContext({ correlationId: a.correlationId }, () =>
        prisma.$transaction(async (tx) => {
          const tasks: Array<{ id: string; kind: string; assignee: string; summary: string }> = [];
          const cal = defaultEnglandAndWalesCalendar();
          // domain.md 3.1.3: a practitioner reviews the previous day's data (not a live alarm), on working days.
          if (isWorkingDay(a.day, cal))
            tasks.push({
              id: dataReviewTaskId(a.referralId, a.day),
              kind: 'DATA_REVIEW',
              assignee: Role.VruPractitioner,
              summary: `${a.reference}: review the tag data since ${subtractWorkingDays(a.day, 1, cal)} and check it was charged`,
            });
          if (a.work.contact)
            tasks.push({
              id: deterministicUuid(`contact:${a.referralId}:${a.day}`),
              kind: 'CONTACT',
              assignee: Role.VruPractitioner,
              summary: `${a.reference}: phone contact due (cadence by risk level)`,
            });
          if (a.work.endReminder)
            tasks.push({
              id: deterministicUuid(`end-reminder:${a.referralId}:${a.plannedEnd}`),
              kind: 'PLANNED_END_REMINDER',
              assignee: Role.VruPractitioner,
              summary: `${a.reference}: planned end on ${a.plannedEnd}: arrange the removal`,
            });
          if (a.work.endDue) {
            tasks.push({
              id: deterministicUuid(`removal:${a.referralId}`),
              kind: 'REMOVAL',
              assignee: Role.VruPractitioner,
              summary: `${a.reference}: the episode ended on ${a.plannedEnd}: remove the tag and return it`,
            });
            await markRemovalDue(tx, a.referralId, 'PLANNED_END', a.plannedEnd, a.correlationId);
          }
          if (a.work.removalOverdue)
            tasks.push({
              id: deterministicUuid(`removal-overdue:${a.referralId}`),
              kind: 'REMOVAL_OVERDUE',
              assignee: Role.VruManager,
              summary: `${a.reference}: the tag is still on after its removal was due`,
            });
          if (tasks.length)
            await tx.task.createMany({
              data: tasks.map((t) => ({ ...t, referralId: a.referralId, dueOn: asDate(a.day) })),
              skipDuplicates: true,
            });
          const e = await tx.episode.update({
            where: { referralId: a.referralId },
            data: { workflowStatus: `day ${a.day}` },
            select: { plannedEnd: true, removedOn: true, endDueReason: true, endDueOn: true },
          });
          return {
            plannedEnd: day(e.plannedEnd),
            endedEarlyOn: e.endDueReason && e.endDueReason !== 'PLANNED_END' ? dayOrNull(e.endDueOn) : null,
            removedOn: dayOrNull(e.removedOn),
          };
        }),
      );
    },

    async raiseFollowUp(a: {
      referralId: string;
      reference: string;
      months: number;
      dueOn: string;
      correlationId: string;
    }): Promise<void> {
      await runWithContext({ correlationId: a.correlationId }, async () => {
        await prisma.task.createMany({
          data: [
            {
              id: deterministicUuid(`follow-up:${a.referralId}:${a.months}`),
              kind: 'FOLLOW_UP',
              referralId: a.referralId,
              assignee: Role.VruPractitioner,
              dueOn: asDate(a.dueOn),
              summary: `${a.reference}: record outcomes ${a.months} months after removal`,
              detail: { months: a.months },
            },
          ],
          skipDuplicates: true,
        });
        log.info({ referralId: a.referralId, months: a.months }, 'follow-up raised');
      });
    },
  };
}

export type EpisodeActivities = ReturnType<typeof createEpisodeActivities>;

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** FITTED → REMOVAL_DUE, once (the planned end or an early ending), with its decision-log row and event. */
export async function markRemovalDue(
  tx: Tx,
  referralId: string,
  reason: string,
  onDay: string,
  correlationId: string,
  actor: { subject: string; kind?: number; roles?: string[]; team?: string } = SERVICE_ACTOR,
) {
  const { count } = await tx.referral.updateMany({
    where: { id: referralId, status: 'FITTED' },
    data: { status: 'REMOVAL_DUE', endReason: reason, version: { increment: 1 } },
  });
  if (count === 0) return false;
  await tx.episode.updateMany({
    where: { referralId, status: 'ACTIVE' },
    data: { status: 'REMOVAL_DUE', endDueReason: reason, endDueOn: new Date(`${onDay}T00:00:00Z`) },
  });
  const r = await tx.referral.findUniqueOrThrow({
    where: { id: referralId },
    select: { reference: true, pool: true, tagSerial: true },
  });
  await tx.decisionLog.create({
    data: {
      referralId,
      action: 'END_DUE',
      fromStatus: 'FITTED',
      toStatus: 'REMOVAL_DUE',
      actor: actor.subject,
      reason,
    },
  });
  await appendToOutbox(
    tx,
    Topics.tagReferralUpdated,
    buildEvent(
      Topics.tagReferralUpdated,
      { aggregateId: referralId, actor, correlationId, processing: Processing.ALTERATION },
      {
        referralId,
        reference: r.reference,
        action: 'END_DUE',
        fromStatus: 'FITTED',
        toStatus: 'REMOVAL_DUE',
        reason,
        tagSerial: r.tagSerial ?? '',
        pool: r.pool,
      },
    ),
  );
  return true;
}
