import { Principal } from '@oversight/auth';
import { ConflictError, NotFoundError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { logChange } from '../../decision-log/decision-log';
import { ForceResponseDto } from '../dto/case-actions.dto';
import { CaseActionContext, asDate, day } from './case-action.context';

/** The force's response to one recommendation (1.4.5 [U]) closes it. */
export async function recordForceResponse(
  ctx: CaseActionContext,
  recommendationId: string,
  dto: ForceResponseDto,
  principal: Principal,
) {
  const result = await ctx.prisma.$transaction(async (tx) => {
    const rec = await tx.recommendation.findUnique({ where: { id: recommendationId } });
    if (!rec) throw new NotFoundError('Recommendation', recommendationId);
    const app = await ctx.load(tx, rec.applicationId, principal, 'RECORD_FORCE_RESPONSE');
    if (rec.status === 'RESPONDED')
      throw new ConflictError('The force has already responded to this recommendation');
    const today = todayInLondon();
    const respondedOn = dto.respondedOn ?? today;
    ctx.notFuture('respondedOn', respondedOn, today, day(app.decidedOn ?? app.receivedOn));
    await tx.recommendation.update({
      where: { id: recommendationId },
      data: {
        status: 'RESPONDED',
        forceResponse: dto.response,
        responseSteps: dto.steps,
        respondedOn: asDate(respondedOn),
        responseRecordedBy: principal.subject,
      },
    });
    await ctx.update(tx, app, {});
    await logChange(tx, principal, {
      application: app,
      action: 'RECOMMENDATION_RESPONSE_RECORDED',
      fromStatus: app.status,
      toStatus: app.status,
      reason: dto.steps,
      effectiveOn: respondedOn,
      details: {
        recommendationId,
        kind: rec.kind,
        response: dto.response,
        late: respondedOn > day(rec.responseDueOn),
      },
    });
    const awaiting = await tx.recommendation.count({
      where: { applicationId: rec.applicationId, status: 'AWAITING_FORCE_RESPONSE' },
    });
    return {
      id: recommendationId,
      applicationId: rec.applicationId,
      status: 'RESPONDED',
      response: dto.response,
      awaitingResponses: awaiting,
    };
  });
  // The last response meets the clock on the force's response (started when the review was decided).
  if (result.awaitingResponses === 0)
    await ctx.clocks.signalMetIfRunning(result.applicationId, 'RECOMMENDATION_RESPONSE');
  return result;
}
