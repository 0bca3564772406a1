import { AccessDeniedError, Principal, Role } from '@oversight/auth';
import { ConflictError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { currentCorrelationId } from '@oversight/observability';
import { randomUUID } from 'node:crypto';
import { userActor } from '../../common/actor';
import { asDate } from '../../common/dates';
import { markRemovalDue } from '../../episodes/episode.activities';
import { END_EPISODE_EARLY_SIGNAL } from '../../workflows/episode.types';
import { WithdrawalDto } from '../referral.dto';
import { ReferralContext } from './referral.context';

/** Withdrawal by the referrer, or of consent by the person / guardian at any time: a running episode ends early and a removal task tracks the tag. */
export async function withdrawReferral(ctx: ReferralContext, id: string, dto: WithdrawalDto, p: Principal) {
  if (p.roles.includes(Role.PartnerReferrer) && !ctx.isStaff(p) && dto.withdrawnBy !== 'REFERRER')
    throw new AccessDeniedError(
      "A referrer withdraws the referral; the VRU records the person's withdrawal of consent",
    );
  let signalEnd: string | null = null;
  const result = await ctx.prisma.$transaction(async (tx) => {
    const r = await ctx.lock(tx, id, p);
    if (r.status === 'REMOVAL_DUE')
      throw new ConflictError('The episode is already ending: record the removal');
    const to = ctx.move(r, 'WITHDRAW');
    const reason = `${dto.withdrawnBy}: ${dto.reason}`;
    if (dto.withdrawnBy !== 'REFERRER')
      await tx.consent.updateMany({
        where: { referralId: id, withdrawnAt: null },
        data: { withdrawnAt: new Date(), withdrawnBy: dto.withdrawnBy, withdrawalReason: dto.reason },
      });
    if (r.status === 'ALLOCATED' && r.tagSerial) await ctx.releaseTag(tx, r, p);
    if (r.status === 'FITTED') {
      // domain.md 3.4.2: the episode ends early; the tag must still come back (tracked by a removal task).
      await markRemovalDue(
        tx,
        id,
        'CONSENT_WITHDRAWN',
        todayInLondon(),
        currentCorrelationId(),
        userActor(p),
      );
      await tx.task.create({
        data: {
          id: randomUUID(),
          kind: 'REMOVAL',
          referralId: id,
          assignee: Role.VruPractitioner,
          dueOn: asDate(todayInLondon()),
          summary: `${r.reference}: consent withdrawn (${dto.withdrawnBy.toLowerCase()}): remove the tag and return it`,
        },
      });
      signalEnd = reason;
    } else {
      await ctx.transition(tx, r, 'WITHDRAW', to, p, reason, {
        endReason: 'WITHDRAWN',
        waitingSince: null,
      });
    }
    return { id, status: to };
  });
  if (signalEnd) await ctx.signal(id, END_EPISODE_EARLY_SIGNAL, { on: todayInLondon(), reason: signalEnd });
  return result;
}
