import { Principal } from '@oversight/auth';
import { asDate, refuseFutureDate } from '../../common/dates';
import { Processing } from '../../common/events';
import { FOLLOW_UP_RECORDED_SIGNAL } from '../../workflows/swap.types';
import { FollowUpDto } from '../referral.dto';
import { ReferralContext } from './referral.context';

/** The check-in after the swap and its outcome (issue 12 §7); tells the swap's workflow it is done. */
export async function recordFollowUp(ctx: ReferralContext, id: string, dto: FollowUpDto, p: Principal) {
  refuseFutureDate(dto.followedUpOn, 'followedUpOn', 'The follow-up cannot be in the future.');
  const out = await ctx.change(id, p, 'RECORD_FOLLOW_UP', Processing.COLLECTION, async (tx, r) => {
    await tx.swap.update({
      where: { referralId: r.id },
      data: {
        followUpOutcome: dto.outcome,
        followUpNotes: dto.notes ?? null,
        followedUpOn: asDate(dto.followedUpOn),
        followedUpBy: p.subject,
      },
    });
    await tx.coordinatorTask.updateMany({
      where: { referralId: r.id, kind: 'FOLLOW_UP_DUE', doneAt: null },
      data: { doneAt: new Date(), doneBy: p.subject },
    });
    return {};
  });
  const swap = await ctx.prisma.swap.findUnique({ where: { referralId: id }, select: { workflowId: true } });
  if (swap)
    await ctx.temporal.workflow
      .getHandle(swap.workflowId)
      .signal(FOLLOW_UP_RECORDED_SIGNAL)
      .catch(() => undefined); // not running (yet): its activity re-reads the record and finds it done
  return out;
}
