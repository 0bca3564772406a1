import { Principal } from '@oversight/auth';
import { CautionChange } from '@oversight/contracts';
import { ConflictError, RuleViolationError, Violation } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { currentCorrelationId } from '@oversight/observability';
import { isAfter, isBefore } from '@oversight/oocr-rules';
import { userActor } from '../../common/actor';
import { asDate, day } from '../../common/dates';
import { ReasonableExcuseDto } from '../dto/caution.dto';
import { CautionContext } from './caution.context';

export async function assessBreach(
  ctx: CautionContext,
  cautionId: string,
  breachId: string,
  dto: ReasonableExcuseDto,
  principal: Principal,
): Promise<{ status: string }> {
  return ctx.prisma.$transaction(async (tx) => {
    const c = await ctx.lockForChange(tx, cautionId);
    await ctx.assertTransition(tx, c, 'ASSESS_BREACH');
    const b = await ctx.breachOf(tx, cautionId, breachId);
    if (b.status !== 'AWAITING_ASSESSMENT' && b.status !== 'AWAITING_DECISION')
      throw new ConflictError(`The breach is ${b.status}: the assessment can no longer change`);
    const v: Violation[] = [];
    if (!dto.rationale.trim())
      v.push({
        rule: 'OOCR_REASONABLE_EXCUSE_ASSESSMENT_REQUIRED',
        field: 'rationale',
        message: 'Record the rationale of the reasonable-excuse assessment.',
      });
    if (isBefore(dto.assessedOn, day(b.detectedOn)))
      v.push({
        rule: 'OOCR_ASSESSMENT_BEFORE_BREACH',
        field: 'assessedOn',
        message: 'The assessment cannot be dated before the breach was detected.',
      });
    if (isAfter(dto.assessedOn, todayInLondon()))
      v.push({
        rule: 'OOCR_DATE_IN_FUTURE',
        field: 'assessedOn',
        message: 'assessedOn cannot be in the future.',
      });
    if (v.length) throw new RuleViolationError(v);
    await tx.breach.update({
      where: { id: breachId },
      data: {
        excuseOutcome: dto.outcome,
        excuseRationale: dto.rationale,
        excuseAssessedOn: asDate(dto.assessedOn),
        excuseAssessedBy: principal.subject,
        status: 'AWAITING_DECISION',
      },
    });
    await tx.officerTask.updateMany({
      where: { disposalId: cautionId, kind: 'BREACH_ASSESSMENT', doneAt: null },
      data: { doneAt: new Date() },
    });
    await ctx.event(
      tx,
      c,
      CautionChange.BREACH_ASSESSED,
      `breach ${breachId}: ${dto.outcome}`,
      userActor(principal),
      currentCorrelationId(),
    );
    return { status: 'AWAITING_DECISION' };
  });
}
