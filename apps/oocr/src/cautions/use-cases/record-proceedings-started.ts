import { Principal } from '@oversight/auth';
import { CautionChange } from '@oversight/contracts';
import { RuleViolationError, Violation } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { currentCorrelationId } from '@oversight/observability';
import { isAfter, isBefore } from '@oversight/oocr-rules';
import { userActor } from '../../common/actor';
import { asDate, day } from '../../common/dates';
import { PROCEEDINGS_STARTED_SIGNAL, ProceedingsStartedSignal } from '../../workflows/caution.types';
import { ProceedingsStartedDto } from '../dto/caution.dto';
import { CautionContext } from './caution.context';

export async function proceedingsStarted(
  ctx: CautionContext,
  cautionId: string,
  dto: ProceedingsStartedDto,
  principal: Principal,
): Promise<{ status: string }> {
  return ctx.prisma.$transaction(async (tx) => {
    const c = await ctx.lockForChange(tx, cautionId);
    await ctx.assertTransition(tx, c, 'RECORD_PROCEEDINGS_STARTED');
    const decided = await tx.breach.findFirst({
      where: { cautionId, decision: 'PROSECUTE_ORIGINAL_OFFENCE' },
      orderBy: { decidedOn: 'desc' },
    });
    const v: Violation[] = [];
    if (decided?.decidedOn && isBefore(dto.startedOn, day(decided.decidedOn)))
      v.push({
        rule: 'OOCR_PROCEEDINGS_BEFORE_DECISION',
        field: 'startedOn',
        message: 'Proceedings cannot start before the decision to prosecute.',
      });
    if (isAfter(dto.startedOn, todayInLondon()))
      v.push({
        rule: 'OOCR_DATE_IN_FUTURE',
        field: 'startedOn',
        message: 'startedOn cannot be in the future.',
      });
    if (v.length) throw new RuleViolationError(v);
    if (decided)
      await tx.breach.update({
        where: { id: decided.id },
        data: { proceedingsStartedOn: asDate(dto.startedOn) },
      });
    await ctx.event(
      tx,
      c,
      CautionChange.PROCEEDINGS_STARTED,
      `proceedings started ${dto.startedOn}: the caution ceases`,
      userActor(principal),
      currentCorrelationId(),
    );
    const signal: ProceedingsStartedSignal = { startedOn: dto.startedOn };
    await ctx.signal(cautionId, PROCEEDINGS_STARTED_SIGNAL, signal);
    return { status: 'CEASED' };
  });
}
