import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Principal, Role } from '@oversight/auth';
import { ConflictError, NotFoundError, RuleViolationError } from '@oversight/domain-errors';
import { createLogger } from '@oversight/observability';
import { canMoveTag, orderWaitingList, RiskLevel, TagStatus } from '@oversight/tag-rules';
import { todayInLondon } from '@oversight/nest-platform';
import { randomUUID } from 'node:crypto';
import { asDate } from '../common/dates';
import { TagSettings } from '../config/tag-settings';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infrastructure/prisma.service';

/** More of one consumable than any VRU store holds: a typing error, refused rather than stored. */
const MAX_CONSUMABLE_STOCK = 100_000;

type Tx = Prisma.TransactionClient;

/** Device pools (IOM, VRU), tags by serial with their lifecycle, consumables, the waiting list (issue 11 §4). */
@Injectable()
export class PoolsService implements OnApplicationBootstrap {
  private readonly log = createLogger('PoolsService');

  constructor(
    private readonly prisma: PrismaService,
    private readonly settings: TagSettings,
  ) {}

  /** Pool sizes are configuration: applied at start; a size below the tags in use stops the service. */
  async onApplicationBootstrap(): Promise<void> {
    for (const [code, capacity] of Object.entries(this.settings.rules.poolSizes)) {
      const name = code === 'IOM' ? 'Integrated Offender Management' : 'Violence Reduction Unit';
      const current = await this.prisma.pool.findUnique({ where: { code } });
      if (current && current.inUse > capacity)
        throw new Error(
          `TAG_POOL_${code}_SIZE=${capacity} is below the ${current.inUse} tags of that pool in use`,
        );
      await this.prisma.pool.upsert({
        where: { code },
        create: { code, name, capacity },
        update: { capacity },
      });
    }
    this.log.info(this.settings.rules.poolSizes, 'pools configured');
  }

  async pools() {
    const pools = await this.prisma.pool.findMany({ orderBy: { code: 'asc' } });
    const tags = await this.prisma.tag.groupBy({ by: ['poolCode', 'status'], _count: { _all: true } });
    const waiting = await this.prisma.referral.groupBy({
      by: ['pool'],
      where: { status: 'AWAITING_DEVICE' },
      _count: { _all: true },
    });
    const consumables = await this.prisma.consumable.findMany({
      orderBy: [{ kind: 'asc' }, { size: 'asc' }],
    });
    return {
      pools: pools.map((p) => ({
        code: p.code,
        name: p.name,
        capacity: p.capacity,
        inUse: p.inUse,
        free: p.capacity - p.inUse,
        tags: Object.fromEntries(
          tags.filter((t) => t.poolCode === p.code).map((t) => [t.status, t._count._all]),
        ),
        waiting: waiting.find((w) => w.pool === p.code)?._count._all ?? 0,
      })),
      consumables: consumables.map((c) => ({ kind: c.kind, size: c.size || null, quantity: c.quantity })),
    };
  }

  async registerTag(serial: string, pool: string, p: Principal) {
    if (!(await this.prisma.pool.findUnique({ where: { code: pool } })))
      throw new RuleViolationError([
        { rule: 'TAG_POOL_UNKNOWN', field: 'pool', message: 'pool must be IOM or VRU' },
      ]);
    try {
      await this.prisma.$transaction(async (tx) => {
        await tx.tag.create({ data: { serial, poolCode: pool, status: 'IN_STOCK' } });
        await tx.tagMovement.create({
          data: { serial, fromStatus: '-', toStatus: 'IN_STOCK', actor: p.subject, note: 'registered' },
        });
      });
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002')
        throw new ConflictError(`Tag ${serial} is already registered`);
      throw err;
    }
    return { serial, pool, status: 'IN_STOCK' };
  }

  async adjustConsumable(kind: string, size: string, change: number) {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.consumable.findUnique({ where: { kind_size: { kind, size } } });
      const quantity = (row?.quantity ?? 0) + change;
      if (quantity < 0) throw new ConflictError(`Only ${row?.quantity ?? 0} ${kind} ${size} in stock`);
      if (quantity > MAX_CONSUMABLE_STOCK)
        throw new ConflictError(
          `${kind} ${size} stock would be ${quantity}; a store holds at most ${MAX_CONSUMABLE_STOCK} of one kind`,
        );
      await tx.consumable.upsert({
        where: { kind_size: { kind, size } },
        create: { kind, size, quantity },
        update: { quantity },
      });
      return { kind, size: size || null, quantity };
    });
  }

  /**
   * A returned tag's inspection (new locking plates, damage noted: vru-notes 3.2): REMOVED → INSPECTED → in stock,
   * damaged or lost. The pool's place is freed; a tag back in stock is offered to the head of the waiting list.
   */
  async inspect(serial: string, outcome: TagStatus, note: string | undefined, p: Principal) {
    return this.prisma.$transaction(async (tx) => {
      const [t] = await tx.$queryRaw<
        Array<{ status: string; pool_code: string; referral_id: string | null }>
      >`
        SELECT status, pool_code, referral_id FROM tag WHERE serial = ${serial} FOR UPDATE`;
      if (!t) throw new NotFoundError('Tag', serial);
      if (!canMoveTag(t.status as TagStatus, 'INSPECTED') || !canMoveTag('INSPECTED', outcome))
        throw new ConflictError(`Tag ${serial} is ${t.status}: only a removed tag is inspected`);
      await tx.$queryRaw`SELECT 1 FROM pool WHERE code = ${t.pool_code} FOR UPDATE`;
      await tx.tagMovement.create({
        data: {
          serial,
          fromStatus: t.status,
          toStatus: 'INSPECTED',
          referralId: t.referral_id,
          actor: p.subject,
          note,
        },
      });
      await tx.tagMovement.create({
        data: {
          serial,
          fromStatus: 'INSPECTED',
          toStatus: outcome,
          referralId: t.referral_id,
          actor: p.subject,
          note,
        },
      });
      await tx.tag.update({
        where: { serial },
        data: { status: outcome, referralId: null, note: note ?? null, updatedAt: new Date() },
      });
      await tx.$executeRaw`UPDATE pool SET in_use = in_use - 1 WHERE code = ${t.pool_code}`;
      const head = outcome === 'IN_STOCK' ? (await this.waitingList(tx, t.pool_code))[0] : undefined;
      if (head)
        await tx.task.create({
          data: {
            id: randomUUID(),
            kind: 'TAG_AVAILABLE',
            referralId: head.id,
            assignee: Role.VruCoordinator,
            dueOn: asDate(todayInLondon()),
            summary: `${head.reference}: tag ${serial} is back in the ${t.pool_code} pool: allocate it (head of the waiting list)`,
          },
        });
      return { serial, status: outcome, offeredTo: head ? head.reference : null };
    });
  }

  async waitingList(db: Tx | PrismaService = this.prisma, pool?: string) {
    const rows = await db.referral.findMany({
      where: { status: 'AWAITING_DEVICE', ...(pool ? { pool } : {}) },
      select: {
        id: true,
        reference: true,
        pool: true,
        riskLevel: true,
        waitingSince: true,
        organisation: true,
      },
    });
    const now = Date.now();
    return orderWaitingList(
      rows.map((r) => ({
        ...r,
        risk: r.riskLevel as RiskLevel,
        waitingSince: (r.waitingSince ?? new Date(0)).toISOString(),
        waitingDays: Math.floor((now - (r.waitingSince?.getTime() ?? now)) / 86_400_000),
      })),
    ).map(({ risk: _risk, ...r }, i) => ({ position: i + 1, ...r }));
  }
}
