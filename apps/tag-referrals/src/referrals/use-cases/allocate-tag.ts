import { Principal } from '@oversight/auth';
import { ConflictError, RuleViolationError } from '@oversight/domain-errors';
import { AllocationDto } from '../referral.dto';
import { ReferralContext } from './referral.context';

/**
 * Allocates a tag of the referral's pool. The pool row is locked FOR UPDATE, so two coordinators allocating at
 * the same moment queue on it; in_use ≤ capacity is also a CHECK constraint, so no code path can over-allocate.
 */
export async function allocateTag(ctx: ReferralContext, id: string, dto: AllocationDto, p: Principal) {
  return ctx.prisma.$transaction(async (tx) => {
    const r = await ctx.lock(tx, id, p);
    const to = ctx.move(r, 'ALLOCATE');
    const [pool] = await tx.$queryRaw<Array<{ capacity: number; in_use: number }>>`
      SELECT capacity, in_use FROM pool WHERE code = ${r.pool} FOR UPDATE`;
    if (!pool) throw new ConflictError(`Pool ${r.pool} does not exist`);
    if (pool.in_use >= pool.capacity) {
      const position = await ctx.waitingPosition(tx, r);
      throw new ConflictError(
        `The ${r.pool} pool is full (${pool.in_use} of ${pool.capacity} tags in use): the referral waits on the list at position ${position}`,
      );
    }
    let serial: string;
    if (dto.serial) {
      const [t] = await tx.$queryRaw<Array<{ serial: string; pool_code: string; status: string }>>`
        SELECT serial, pool_code, status FROM tag WHERE serial = ${dto.serial} FOR UPDATE`;
      if (!t)
        throw new RuleViolationError([
          { rule: 'TAG_SERIAL_UNKNOWN', field: 'serial', message: `no tag ${dto.serial}` },
        ]);
      if (t.pool_code !== r.pool)
        throw new RuleViolationError([
          {
            rule: 'TAG_SERIAL_WRONG_POOL',
            field: 'serial',
            message: `tag ${dto.serial} belongs to the ${t.pool_code} pool, the referral to ${r.pool}`,
          },
        ]);
      if (t.status !== 'IN_STOCK') throw new ConflictError(`Tag ${dto.serial} is ${t.status}, not in stock`);
      serial = t.serial;
    } else {
      const [t] = await tx.$queryRaw<Array<{ serial: string }>>`
        SELECT serial FROM tag WHERE pool_code = ${r.pool} AND status = 'IN_STOCK' ORDER BY serial LIMIT 1 FOR UPDATE SKIP LOCKED`;
      if (!t)
        throw new ConflictError(
          `No ${r.pool} tag is in stock (all are out, being inspected, damaged or lost)`,
        );
      serial = t.serial;
    }
    await tx.$executeRaw`UPDATE pool SET in_use = in_use + 1 WHERE code = ${r.pool}`;
    await ctx.moveTag(tx, serial, 'IN_STOCK', 'ALLOCATED', id, p.subject);
    await ctx.transition(tx, r, 'ALLOCATE', to, p, null, { tagSerial: serial, waitingSince: null }, serial);
    return { id, status: to, tagSerial: serial, pool: r.pool };
  });
}
