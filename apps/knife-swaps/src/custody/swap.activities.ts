import { Role } from '@oversight/auth';
import { runWithContext } from '@oversight/observability';
import { day } from '../common/dates';
import { deterministicUuid } from '../common/deterministic-id';
import { emit, Processing, Topics } from '../common/events';
import { requestHouseholdNotification } from '../common/notification-request';
import { PrismaService } from '../infrastructure/prisma.service';

export interface SwapRef {
  swapId: string;
  bagId: string;
  correlationId: string;
}

/**
 * What the swap workflow does when a wait runs out. Each re-reads the record in its own transaction and writes
 * rows with deterministic ids, so a retried activity does its work once.
 */
export function createSwapActivities(prisma: PrismaService, opts: { contactDetails: string }) {
  const bagStep = async (ref: SwapRef, kind: 'CHASED' | 'ESCALATED') =>
    prisma.$transaction(async (tx) => {
      const bag = await tx.custodyBag.findUniqueOrThrow({
        where: { id: ref.bagId },
        include: { swap: { include: { referral: { select: { reference: true, id: true } } } } },
      });
      if (bag.status === 'DESTROYED') return { open: false };
      const taskId = deterministicUuid(`${kind}:${bag.id}`);
      if (await tx.coordinatorTask.findUnique({ where: { id: taskId } })) return { open: true };
      const ref6 = bag.swap.referral.reference;
      await tx.coordinatorTask.create({
        data: {
          id: taskId,
          kind: kind === 'CHASED' ? 'CUSTODY_CHASE' : 'CUSTODY_ESCALATED',
          referralId: bag.swap.referral.id,
          bagId: bag.id,
          assignee: kind === 'CHASED' ? Role.VruCoordinator : Role.VruManager,
          summary:
            kind === 'CHASED'
              ? `${ref6}: bag ${bag.bagNumber} (${bag.knifeCount} knives) not destroyed by ${day(bag.destructionDueOn)}, held by ${bag.holder}: chase it`
              : `${ref6}: bag ${bag.bagNumber} still not destroyed (due ${day(bag.destructionDueOn)}, ${bag.status}, held by ${bag.holder})`,
          dueOn: bag.destructionDueOn,
        },
      });
      await tx.custodyBag.update({
        where: { id: bag.id },
        data: kind === 'CHASED' ? { chasedCount: { increment: 1 } } : { escalatedAt: new Date() },
      });
      await emit(
        tx,
        Topics.knifeCustodyUpdated,
        bag.id,
        'service',
        Processing.NONE,
        {
          bagId: bag.id,
          bagNumber: bag.bagNumber,
          swapId: bag.swapId,
          referralId: bag.swap.referral.id,
          status: kind,
          holder: bag.holder,
          certificateRef: '',
          destructionDueOn: day(bag.destructionDueOn),
          knifeCount: bag.knifeCount,
        },
        { correlationId: ref.correlationId, eventId: deterministicUuid(`event:${kind}:${bag.id}`) },
      );
      return { open: true };
    });

  return {
    async chaseUndestroyedKnives(ref: SwapRef): Promise<{ open: boolean }> {
      return runWithContext({ correlationId: ref.correlationId }, () => bagStep(ref, 'CHASED'));
    },
    async escalateUndestroyedKnives(ref: SwapRef): Promise<{ open: boolean }> {
      return runWithContext({ correlationId: ref.correlationId }, () => bagStep(ref, 'ESCALATED'));
    },
    /** The follow-up check-in is due: a task for the practitioners and a note to the household. */
    async followUpDue(ref: SwapRef): Promise<{ open: boolean }> {
      return runWithContext({ correlationId: ref.correlationId }, () =>
        prisma.$transaction(async (tx) => {
          const s = await tx.swap.findUniqueOrThrow({
            where: { id: ref.swapId },
            include: { referral: true },
          });
          if (s.followedUpOn) return { open: false };
          const taskId = deterministicUuid(`FOLLOW_UP_DUE:${s.id}`);
          if (await tx.coordinatorTask.findUnique({ where: { id: taskId } })) return { open: true };
          await tx.coordinatorTask.create({
            data: {
              id: taskId,
              kind: 'FOLLOW_UP_DUE',
              referralId: s.referralId,
              assignee: Role.VruPractitioner,
              summary: `${s.referral.reference}: follow-up check-in with the household is due`,
              dueOn: s.followUpDueOn,
            },
          });
          await requestHouseholdNotification(tx, {
            key: `follow-up:${s.id}`,
            templateKey: 'knife-swap.follow-up-check-in',
            referral: s.referral,
            personalisation: {
              name: s.referral.householderName,
              swapped_on: day(s.swappedOn),
              contact_details: opts.contactDetails,
            },
            why: 'SKRS follow-up check-in with the householder',
            correlationId: ref.correlationId,
          });
          return { open: true };
        }),
      );
    },
  };
}

export type SwapActivities = ReturnType<typeof createSwapActivities>;
