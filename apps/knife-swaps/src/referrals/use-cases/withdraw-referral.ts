import { Principal } from '@oversight/auth';
import { Processing } from '../../common/events';
import { WithdrawDto } from '../referral.dto';
import { ReferralContext } from './referral.context';

/** The coordinator withdraws a referral with its reason; closes the "discuss" task. */
export async function withdrawReferral(ctx: ReferralContext, id: string, dto: WithdrawDto, p: Principal) {
  return ctx.change(id, p, 'WITHDRAW', Processing.ALTERATION, async () => ({
    withdrawnReason: dto.reason.trim(),
  }));
}
