import { Principal } from '@oversight/auth';
import { todayInLondon } from '@oversight/nest-platform';
import { logChange } from '../../decision-log/decision-log';
import { WithdrawalDto } from '../dto/case-actions.dto';
import { CaseActionContext, asDate, day, cancelClocks } from './case-action.context';

export async function withdraw(ctx: CaseActionContext, id: string, dto: WithdrawalDto, principal: Principal) {
  const result = await ctx.prisma.$transaction(async (tx) => {
    const app = await ctx.load(tx, id, principal, 'WITHDRAW');
    const today = todayInLondon();
    const withdrawnOn = dto.withdrawnOn ?? today;
    ctx.notFuture('withdrawnOn', withdrawnOn, today, day(app.receivedOn));
    await ctx.update(tx, app, { status: 'WITHDRAWN', withdrawnOn: asDate(withdrawnOn) });
    await cancelClocks(tx, id);
    await logChange(tx, principal, {
      application: app,
      action: 'WITHDRAWN',
      fromStatus: app.status,
      toStatus: 'WITHDRAWN',
      reason: dto.reason,
      effectiveOn: withdrawnOn,
    });
    return { id, status: 'WITHDRAWN' };
  });
  await ctx.clocks.terminateAll(id, 'withdrawn');
  return result;
}
