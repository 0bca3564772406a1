import { Principal } from '@oversight/auth';
import { assessValidity, decideToProceed, type ValidityAssessment } from '@oversight/complaint-review-rules';
import { RuleViolationError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { logChange } from '../../decision-log/decision-log';
import { ProceedDespiteMissingDto } from '../dto/case-actions.dto';
import { CaseActionContext } from './case-action.context';

/** Goes on despite missing items with a recorded reason (1.2.6 [U], 1.5.4), via decideToProceed. */
export async function proceedDespiteMissing(
  ctx: CaseActionContext,
  id: string,
  dto: ProceedDespiteMissingDto,
  principal: Principal,
) {
  return ctx.prisma.$transaction(async (tx) => {
    const app = await ctx.load(tx, id, principal, 'PROCEED_DESPITE_MISSING_ITEMS');
    const today = todayInLondon();
    const stored = app.validityAssessment as unknown as ValidityAssessment | null;
    const assessment = stored ?? assessValidity({ inWriting: app.inWriting }, ctx.rules);
    const decision = decideToProceed(
      assessment,
      { reason: dto.reason, recordedBy: principal.subject, recordedOn: today },
      ctx.rules,
    );
    if (decision.basis === 'COMPLETE')
      throw new RuleViolationError([
        {
          rule: '1.2.6',
          message: 'Nothing is missing from the application: there is nothing to proceed despite',
        },
      ]);
    if (!decision.mayProceed)
      throw new RuleViolationError([
        {
          rule: '1.2.6',
          message: `These items cannot be waived by configuration: ${decision.blocking.join(', ')}`,
        },
      ]);
    await ctx.update(tx, app, { proceedDespiteMissingReason: dto.reason });
    await logChange(tx, principal, {
      application: app,
      action: 'PROCEEDING_DESPITE_MISSING_ITEMS',
      fromStatus: app.status,
      toStatus: app.status,
      reason: dto.reason,
      effectiveOn: today,
      details: { waived: decision.waived },
    });
    return { id, mayProceed: true, waived: decision.waived };
  });
}
