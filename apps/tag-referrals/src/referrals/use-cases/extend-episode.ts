import { Principal, Role } from '@oversight/auth';
import { ConflictError, RuleViolationError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { checkEpisodeLength, plannedEndDate } from '@oversight/tag-rules';
import { asDate, day } from '../../common/dates';
import { EXTEND_EPISODE_SIGNAL } from '../../workflows/episode.types';
import { ExtensionDto } from '../referral.dto';
import { ReferralContext } from './referral.context';

/** Extension to 8 weeks with a reason, longer only with a manager's reason; the workflow is signalled. */
export async function extendEpisode(ctx: ReferralContext, id: string, dto: ExtensionDto, p: Principal) {
  const length = checkEpisodeLength(
    { ...dto, byManager: p.roles.includes(Role.VruManager) },
    ctx.settings.rules,
  );
  if (length.violations.length) throw new RuleViolationError(length.violations);
  const out = await ctx.prisma.$transaction(async (tx) => {
    const r = await ctx.lock(tx, id, p);
    if (r.status !== 'FITTED')
      throw new ConflictError(`Only a running episode can be extended; the referral is ${r.status}`);
    const e = await tx.episode.findUniqueOrThrow({ where: { referralId: id } });
    const plannedEnd = plannedEndDate(day(e.fittedOn), length.days);
    if (plannedEnd <= todayInLondon())
      throw new RuleViolationError([
        {
          rule: 'TAG_EXTENSION_IN_PAST',
          field: 'days',
          message: `that length ends on ${plannedEnd}, not after today`,
        },
      ]);
    await tx.episode.update({
      where: { referralId: id },
      data: {
        plannedDays: length.days,
        plannedEnd: asDate(plannedEnd),
        lengthReason: dto.reason ?? e.lengthReason,
        managerReason: dto.managerReason ?? e.managerReason,
      },
    });
    await tx.referral.update({ where: { id }, data: { version: { increment: 1 } } });
    await tx.decisionLog.create({
      data: {
        referralId: id,
        action: 'EXTEND',
        fromStatus: r.status,
        toStatus: r.status,
        actor: p.subject,
        reason: dto.managerReason ?? dto.reason ?? null,
      },
    });
    await ctx.event(tx, r, 'EXTENDED', r.status, r.status, p, dto.managerReason ?? dto.reason ?? '', {
      plannedEndOn: plannedEnd,
    });
    return { id, plannedEnd, plannedDays: length.days };
  });
  await ctx.signal(id, EXTEND_EPISODE_SIGNAL, { plannedEnd: out.plannedEnd });
  return out;
}
