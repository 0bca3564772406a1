import { Principal } from '@oversight/auth';
import { validateExtensionDecision, type TimeLimitAssessment } from '@oversight/complaint-review-rules';
import { ConflictError, RuleViolationError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { logChange } from '../../decision-log/decision-log';
import { ApplicationStatus } from '../../generated/prisma/enums';
import { ExtensionDecisionDto } from '../dto/case-actions.dto';
import { CaseActionContext, asDate, cancelClocks } from './case-action.context';

/** A person's decision on a late application (domain.md 1.2.5, 1.5.3); refusing closes the case. */
export async function decideExtension(
  ctx: CaseActionContext,
  id: string,
  dto: ExtensionDecisionDto,
  principal: Principal,
) {
  const result = await ctx.prisma.$transaction(async (tx) => {
    const app = await ctx.load(tx, id, principal, 'DECIDE_EXTENSION');
    if (app.extensionDecision)
      throw new ConflictError('An extension decision is already recorded for this review');
    const decidedOn = dto.decidedOn ?? todayInLondon();
    const assessment = app.timeLimitAssessment as unknown as TimeLimitAssessment | null;
    if (!assessment || app.timeLimitStatus === 'NOT_ASSESSED')
      throw new RuleViolationError([
        {
          rule: '1.2.5',
          message:
            'The time limit has not been assessed (a date is missing), so no extension decision is possible yet',
        },
      ]);
    const decision = {
      outcome: dto.outcome,
      reasons: dto.reasons,
      decidedBy: principal.subject,
      decidedOn,
    };
    const { problems } = validateExtensionDecision(decision, assessment);
    if (problems.length)
      throw new RuleViolationError(
        problems.map((p) => ({ rule: p.code, field: EXTENSION_FIELDS[p.code], message: p.message })),
      );
    const refused = dto.outcome === 'REFUSED';
    const toStatus: ApplicationStatus = refused ? 'CLOSED' : app.status;
    if (refused) await cancelClocks(tx, id);
    await tx.extensionDecision.create({
      data: {
        applicationId: id,
        outcome: dto.outcome,
        reasons: dto.reasons,
        decidedBy: principal.subject,
        decidedOn: asDate(decidedOn),
      },
    });
    await ctx.update(tx, app, {
      status: toStatus,
      timeliness: refused ? 'OUT_OF_TIME_REFUSED' : 'OUT_OF_TIME_EXTENDED',
      closureReason: refused ? 'OUT_OF_TIME' : undefined,
      closedOn: refused ? asDate(decidedOn) : undefined,
    });
    await logChange(tx, principal, {
      application: app,
      action: refused ? 'EXTENSION_REFUSED' : 'EXTENSION_GRANTED',
      fromStatus: app.status,
      toStatus,
      reason: dto.reasons,
      effectiveOn: decidedOn,
      details: { daysLate: assessment.daysLate, deadline: assessment.deadline, rule: '1.2.5 [U]' },
    });
    return { id, status: toStatus, timeliness: refused ? 'OUT_OF_TIME_REFUSED' : 'OUT_OF_TIME_EXTENDED' };
  });
  if (result.status === 'CLOSED') await ctx.clocks.terminateAll(id, 'out of time: extension refused');
  return result;
}
const EXTENSION_FIELDS: Record<string, string | undefined> = {
  OUTCOME_INVALID: 'outcome',
  REASONS_REQUIRED: 'reasons',
  DECIDER_REQUIRED: undefined,
  DECISION_DATE_INVALID: 'decidedOn',
  DECIDED_BEFORE_RECEIPT: 'decidedOn',
  NOT_REQUIRED: undefined,
};
