import { Injectable } from '@nestjs/common';
import { Principal, Role } from '@oversight/auth';
import { buildEvent, Processing, Topics } from '@oversight/contracts';
import { ConflictError, NotFoundError, RuleViolationError } from '@oversight/domain-errors';
import { appendToOutbox } from '@oversight/messaging';
import { todayInLondon } from '@oversight/nest-platform';
import { currentCorrelationId } from '@oversight/observability';
import { checkOutcome, outcomeMonths, OutcomePoint, outcomePeriodDays } from '@oversight/tag-rules';
import { randomUUID } from 'node:crypto';
import { userActor } from '../common/actor';
import { dayOrNull } from '../common/dates';
import { PrismaService } from '../infrastructure/prisma.service';
import { OutcomeDto } from '../referrals/referral.dto';

const VRU_STAFF: readonly Role[] = [Role.VruCoordinator, Role.VruManager, Role.VruPractitioner];

/**
 * Records the outcomes at one point of an episode (issue 11 item 8): a baseline once fitted, at closure, and 3, 6 and
 * 9 months after removal. Once per point; the matching task (closure or follow-up) is done with it; an event tells
 * the rest of the system. Bad measures or a point not yet due are refused with the rule, nothing written.
 */
@Injectable()
export class RecordOutcome {
  constructor(private readonly prisma: PrismaService) {}

  async execute(referralId: string, dto: OutcomeDto, p: Principal) {
    if (!p.roles.some((r) => VRU_STAFF.includes(r))) throw new NotFoundError('Referral', referralId);
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM referral WHERE id = ${referralId}::uuid FOR UPDATE`;
      const r = await tx.referral.findUnique({ where: { id: referralId }, include: { episode: true } });
      if (!r) throw new NotFoundError('Referral', referralId);
      const point = dto.point as OutcomePoint;
      const fittedOn = dayOrNull(r.episode?.fittedOn ?? null);
      const removedOn = dayOrNull(r.episode?.removedOn ?? null);
      const violations = checkOutcome(
        { ...dto, wellbeing: dto.wellbeing ?? null },
        {
          point,
          fittedOn,
          removedOn,
          today: todayInLondon(),
          periodDays: outcomePeriodDays(point, fittedOn, removedOn),
        },
      );
      if (violations.length) throw new RuleViolationError(violations);
      const existing = await tx.outcome.findUnique({ where: { referralId_point: { referralId, point } } });
      if (existing) throw new ConflictError(`The ${point} outcomes of ${r.reference} are already recorded`);
      const id = randomUUID();
      await tx.outcome.create({
        data: {
          id,
          referralId,
          point,
          suspectedOffences: dto.suspectedOffences,
          violentOffences: dto.violentOffences,
          daysMissingFromHome: dto.daysMissingFromHome,
          reEngagedWithServices: dto.reEngagedWithServices,
          inEducationOrTraining: dto.inEducationOrTraining,
          familyConnection: dto.familyConnection,
          wellbeing: dto.wellbeing ?? null,
          note: dto.note ?? null,
          recordedBy: p.subject,
        },
      });
      const months = outcomeMonths(point);
      const openTasks = await tx.task.findMany({
        where: {
          referralId,
          doneAt: null,
          kind: point === 'CLOSURE' ? 'OUTCOME_AT_CLOSURE' : months !== null ? 'FOLLOW_UP' : '-',
        },
        select: { id: true, detail: true },
      });
      const done = openTasks
        .filter((t) => months === null || (t.detail as { months?: number } | null)?.months === months)
        .map((t) => t.id);
      if (done.length)
        await tx.task.updateMany({
          where: { id: { in: done } },
          data: { doneAt: new Date(), doneBy: p.subject },
        });
      await tx.decisionLog.create({
        data: {
          referralId,
          action: 'OUTCOME',
          fromStatus: r.status,
          toStatus: r.status,
          actor: p.subject,
          reason: point,
        },
      });
      await appendToOutbox(
        tx,
        Topics.tagReferralUpdated,
        buildEvent(
          Topics.tagReferralUpdated,
          {
            aggregateId: r.id,
            actor: userActor(p),
            correlationId: currentCorrelationId(),
            processing: Processing.ALTERATION,
          },
          {
            referralId: r.id,
            reference: r.reference,
            action: 'OUTCOME_RECORDED',
            fromStatus: r.status,
            toStatus: r.status,
            reason: point,
            tagSerial: r.tagSerial ?? '',
            pool: r.pool,
            fittedOn: fittedOn ?? '',
            plannedEndOn: '',
            riskLevel: r.riskLevel,
          },
        ),
      );
      return { id, referralId, point, tasksDone: done.length };
    });
  }
}
