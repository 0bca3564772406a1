import { Principal } from '@oversight/auth';
import { todayInLondon } from '@oversight/nest-platform';
import { logChange } from '../../decision-log/decision-log';
import { DecisionNotToActDto } from '../dto/case-actions.dto';
import { CaseActionContext } from './case-action.context';

/**
 * Records a decision not to act (what was considered, why not): the decision log keeps every
 * decision, including those that change nothing else. Allowed at any stage, closed cases included.
 */
export async function recordDecisionNotToAct(
  ctx: CaseActionContext,
  id: string,
  dto: DecisionNotToActDto,
  principal: Principal,
) {
  return ctx.prisma.$transaction(async (tx) => {
    const app = await ctx.load(tx, id, principal, 'RECORD_DECISION_NOT_TO_ACT');
    const today = todayInLondon();
    await ctx.update(tx, app, {});
    await logChange(tx, principal, {
      application: app,
      action: 'DECIDED_NOT_TO_ACT',
      fromStatus: app.status,
      toStatus: app.status,
      reason: `${dto.considered}: ${dto.reason}`,
      effectiveOn: today,
      details: { considered: dto.considered },
    });
    return { id, action: 'DECIDED_NOT_TO_ACT', recordedOn: today };
  });
}
