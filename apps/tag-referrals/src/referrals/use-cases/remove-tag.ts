import { Principal, Role } from '@oversight/auth';
import { RuleViolationError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { addCalendarDays, isAfter } from '@oversight/working-days';
import { randomUUID } from 'node:crypto';
import { asDate, day } from '../../common/dates';
import { TAG_REMOVED_SIGNAL } from '../../workflows/episode.types';
import { RemovalDto } from '../referral.dto';
import { ReferralContext } from './referral.context';

/** Removal with its reason: open removal tasks close, an outcome-at-closure task is raised; the workflow is signalled. */
export async function removeTag(ctx: ReferralContext, id: string, dto: RemovalDto, p: Principal) {
  const out = await ctx.prisma.$transaction(async (tx) => {
    const r = await ctx.lock(tx, id, p);
    const to = ctx.move(r, 'REMOVE');
    const e = await tx.episode.findUniqueOrThrow({ where: { referralId: id } });
    if (isAfter(dto.removedOn, todayInLondon()) || dto.removedOn < day(e.fittedOn))
      throw new RuleViolationError([
        {
          rule: 'TAG_REMOVAL_DATE',
          field: 'removedOn',
          message: `removedOn must be between the fit (${day(e.fittedOn)}) and today`,
        },
      ]);
    await ctx.moveTag(tx, r.tagSerial!, 'FITTED', 'REMOVED', id, p.subject);
    await tx.episode.update({
      where: { referralId: id },
      data: { status: 'REMOVED', removedOn: asDate(dto.removedOn), removalReason: dto.reason },
    });
    await tx.task.updateMany({
      where: {
        referralId: id,
        kind: { in: ['REMOVAL', 'REMOVAL_OVERDUE', 'PLANNED_END_REMINDER'] },
        doneAt: null,
      },
      data: { doneAt: new Date(), doneBy: p.subject },
    });
    await tx.task.create({
      data: {
        id: randomUUID(),
        kind: 'OUTCOME_AT_CLOSURE',
        referralId: id,
        assignee: Role.VruPractitioner,
        dueOn: asDate(addCalendarDays(dto.removedOn, 7)),
        summary: `${r.reference}: record the outcomes at closure; inspect tag ${r.tagSerial}`,
      },
    });
    await ctx.transition(tx, r, 'REMOVE', to, p, dto.reason, { endReason: dto.reason }, r.tagSerial!);
    return { id, status: to, removedOn: dto.removedOn, reason: dto.reason };
  });
  await ctx.signal(id, TAG_REMOVED_SIGNAL, { removedOn: dto.removedOn });
  return out;
}
