import { Principal, Role } from '@oversight/auth';
import { ConflictError, RuleViolationError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { checkEpisodeLength, plannedEndDate } from '@oversight/tag-rules';
import { isAfter } from '@oversight/working-days';
import { asDate, day } from '../../common/dates';
import { FittingDto } from '../referral.dto';
import { ReferralContext } from './referral.context';

/** The fitting: planned end by the episode-length rule, consumables used, the tag FITTED; the episode workflow starts from the event. */
export async function fitTag(ctx: ReferralContext, id: string, dto: FittingDto, p: Principal) {
  const byManager = p.roles.includes(Role.VruManager);
  const length = checkEpisodeLength({ ...dto, byManager }, ctx.settings.rules);
  const today = todayInLondon();
  const v = [...length.violations];
  if (isAfter(dto.fittedOn, today))
    v.push({ rule: 'TAG_FIT_DATE_IN_FUTURE', field: 'fittedOn', message: 'fittedOn is after today' });
  if (v.length) throw new RuleViolationError(v);
  const plannedEnd = plannedEndDate(dto.fittedOn, length.days);
  return ctx.prisma.$transaction(async (tx) => {
    const r = await ctx.lock(tx, id, p);
    const to = ctx.move(r, 'FIT');
    if (dto.fittedOn < day(r.receivedAt))
      throw new RuleViolationError([
        { rule: 'TAG_FIT_DATE', field: 'fittedOn', message: 'fittedOn is before the referral' },
      ]);
    // vru-notes 3.2: two single-use locking plates per fitting, and a strap of the measured size.
    for (const [kind, size, n] of [
      ['LOCKING_PLATE', '', 2],
      ['STRAP', dto.strapSize, 1],
    ] as const) {
      const c = await tx.consumable.updateMany({
        where: { kind, size, quantity: { gte: n } },
        data: { quantity: { decrement: n } },
      });
      if (c.count === 0)
        throw new ConflictError(
          `Not enough ${kind === 'STRAP' ? `${size} straps` : 'locking plates'} in stock (${n} needed)`,
        );
    }
    await ctx.moveTag(tx, r.tagSerial!, 'ALLOCATED', 'FITTED', id, p.subject);
    await tx.episode.create({
      data: {
        referralId: id,
        tagSerial: r.tagSerial!,
        fittedOn: asDate(dto.fittedOn),
        fittedBy: p.subject,
        fittedWhere: dto.fittedWhere,
        strapSize: dto.strapSize,
        plannedDays: length.days,
        plannedEnd: asDate(plannedEnd),
        lengthReason: dto.reason ?? null,
        managerReason: dto.managerReason ?? null,
        riskLevel: r.riskLevel,
        status: 'ACTIVE',
      },
    });
    await ctx.transition(tx, r, 'FIT', to, p, dto.managerReason ?? dto.reason ?? null, {}, r.tagSerial!, {
      fittedOn: dto.fittedOn,
      plannedEndOn: plannedEnd,
    });
    return { id, status: to, fittedOn: dto.fittedOn, plannedEnd, plannedDays: length.days };
  });
}
