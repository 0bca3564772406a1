import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@oversight/auth';
import { NotFoundError, RuleViolationError } from '@oversight/domain-errors';
import { CustodyAction, CustodyStatus, nextCustodyStatus } from '@oversight/knife-swap-rules';
import { todayInLondon } from '@oversight/nest-platform';
import { createLogger } from '@oversight/observability';
import { Client as TemporalClient } from '@temporalio/client';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { asDate, day } from '../common/dates';
import { emit, Processing, Topics } from '../common/events';
import { PrismaService } from '../infrastructure/prisma.service';
import { CUSTODY_DESTROYED_SIGNAL, swapWorkflowId } from '../workflows/swap.types';

export class CustodyStepDto {
  @IsIn(['TRANSFER', 'HAND_FOR_DESTRUCTION', 'DESTROY'])
  action!: CustodyAction;

  /** Who holds the knives from now on (TRANSFER, HAND_FOR_DESTRUCTION). */
  @IsOptional()
  @IsString()
  @MaxLength(120)
  holder?: string;

  /** The destruction certificate (DESTROY). */
  @IsOptional()
  @IsString()
  @MaxLength(60)
  certificateRef?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

/** The chain of custody of surrendered knives (issue 12 §6): each step checked by @oversight/knife-swap-rules. */
@Injectable()
export class CustodyService {
  private readonly log = createLogger('CustodyService');

  constructor(
    private readonly prisma: PrismaService,
    @Inject(TemporalClient) private readonly temporal: TemporalClient,
  ) {}

  /** Bags not yet destroyed, oldest due first; `overdue` only those past their destruction date. */
  async list(overdueOnly: boolean) {
    const today = todayInLondon();
    const rows = await this.prisma.custodyBag.findMany({
      where: {
        status: { not: 'DESTROYED' },
        ...(overdueOnly ? { destructionDueOn: { lt: asDate(today) } } : {}),
      },
      include: { swap: { select: { referral: { select: { reference: true } }, swappedOn: true } } },
      orderBy: [{ destructionDueOn: 'asc' }, { id: 'asc' }],
      take: 500,
    });
    return rows.map((b) => ({
      bagId: b.id,
      bagNumber: b.bagNumber,
      reference: b.swap.referral.reference,
      status: b.status,
      holder: b.holder,
      knifeCount: b.knifeCount,
      swappedOn: day(b.swap.swappedOn),
      destructionDueOn: day(b.destructionDueOn),
      overdue: day(b.destructionDueOn) < today,
      chased: b.chasedCount > 0,
      escalated: !!b.escalatedAt,
    }));
  }

  async step(bagId: string, dto: CustodyStepDto, p: Principal) {
    const out = await this.prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRawUnsafe<unknown[]>(
        `SELECT 1 FROM custody_bag WHERE id = $1::uuid FOR UPDATE`,
        bagId,
      );
      if (!locked.length) throw new NotFoundError('Custody bag', bagId);
      const bag = await tx.custodyBag.findUniqueOrThrow({ where: { id: bagId }, include: { swap: true } });
      const r = nextCustodyStatus(bag.status as CustodyStatus, dto);
      if (!r.ok) throw new RuleViolationError(r.violations);
      const holder = dto.action === 'DESTROY' ? bag.holder : dto.holder!.trim();
      await tx.custodyBag.update({
        where: { id: bagId },
        data: {
          status: r.status,
          holder,
          ...(dto.action === 'DESTROY'
            ? { certificateRef: dto.certificateRef!.trim(), destroyedOn: asDate(todayInLondon()) }
            : {}),
        },
      });
      await tx.custodyEvent.create({
        data: {
          id: randomUUID(),
          bagId,
          action: dto.action,
          statusAfter: r.status,
          holder,
          certificateRef: dto.certificateRef ?? null,
          note: dto.note ?? null,
          recordedBy: p.subject,
        },
      });
      if (r.status === 'DESTROYED')
        await tx.coordinatorTask.updateMany({
          where: { bagId, doneAt: null },
          data: { doneAt: new Date(), doneBy: p.subject },
        });
      await emit(tx, Topics.knifeCustodyUpdated, bagId, p, Processing.NONE, {
        bagId,
        bagNumber: bag.bagNumber,
        swapId: bag.swapId,
        referralId: bag.swap.referralId,
        status: r.status,
        holder,
        certificateRef: dto.certificateRef ?? '',
        destructionDueOn: day(bag.destructionDueOn),
        knifeCount: bag.knifeCount,
      });
      return { bagId, status: r.status, holder, swapId: bag.swapId };
    });
    if (out.status === 'DESTROYED') await this.signal(out.swapId, CUSTODY_DESTROYED_SIGNAL);
    return { bagId: out.bagId, status: out.status, holder: out.holder };
  }

  /** Ends a wait early; if the workflow is not there yet, its activity re-reads the record and finds it done. */
  async signal(swapId: string, name: string): Promise<void> {
    try {
      await this.temporal.workflow.getHandle(swapWorkflowId(swapId)).signal(name);
    } catch (err) {
      const n = (err as Error).name;
      if (n !== 'WorkflowNotFoundError')
        this.log.warn({ swapId, err: (err as Error).message }, 'signal not delivered');
    }
  }
}
