import { Principal } from '@oversight/auth';
import { CautionChange } from '@oversight/contracts';
import { RuleViolationError, Violation } from '@oversight/domain-errors';
import { currentCorrelationId } from '@oversight/observability';
import { checkExtensionTiming, isAfter, validateCompletionDueDate } from '@oversight/oocr-rules';
import { todayInLondon } from '@oversight/nest-platform';
import { randomUUID } from 'node:crypto';
import { userActor } from '../../common/actor';
import { asDate, day } from '../../common/dates';
import { AcknowledgedWarning } from '../../disposals/disposal-validation';
import { Prisma } from '../../generated/prisma/client';
import { COMPLETION_EXTENDED_SIGNAL, CompletionExtendedSignal } from '../../workflows/caution.types';
import { ExtendCompletionDto } from '../dto/caution.dto';
import { CautionContext, warningCodes } from './caution.context';

export async function extend(
  ctx: CautionContext,
  cautionId: string,
  dto: ExtendCompletionDto,
  principal: Principal,
): Promise<{ completionDueDate: string; warnings: AcknowledgedWarning[]; breachSetAside?: boolean }> {
  return ctx.prisma.$transaction(async (tx) => {
    const c = await ctx.lockForChange(tx, cautionId);
    const breachSetAsideReason = dto.breachSetAsideReason?.trim() || null;
    const { openBreach } = await ctx.assertTransition(tx, c, 'EXTEND_COMPLETION', { breachSetAsideReason });
    const setAside = openBreach && !!breachSetAsideReason;
    const type = ctx.typeOf(c);
    const issueDate = day(c.disposal.issueDate);
    const current = day(c.completionDueDate);
    const v: Violation[] = checkExtensionTiming({
      today: todayInLondon(),
      currentCompletionDueDate: current,
      newCompletionDueDate: dto.newCompletionDueDate,
      openBreach,
    }).map((p) => ({ rule: p.code, field: 'newCompletionDueDate', message: `${p.message} (${p.rule})` }));
    if (!isAfter(dto.newCompletionDueDate, current))
      v.push({
        rule: 'OOCR_EXTENSION_NOT_LATER',
        field: 'newCompletionDueDate',
        message: `An extension must be later than the current completion due date (${current}).`,
      });
    v.push(
      ...validateCompletionDueDate(
        {
          disposalType: type,
          issueDate,
          completionDueDate: dto.newCompletionDueDate,
          exceptionalReason: dto.exceptionalReason,
        },
        ctx.settings.rules,
      ).violations,
    );
    v.push(...ctx.authorisationViolations(dto.authoriser, 'authoriser'));
    const timeLimit = ctx.timeLimitOnChange(
      c,
      dto.newCompletionDueDate,
      dto.acknowledgements,
      'newCompletionDueDate',
      principal,
    );
    v.push(...timeLimit.violations);
    const reschedule = ctx.rescheduled(c, dto.conditionDueDates ?? [], v);
    v.push(
      ...ctx.conditionDateViolations(
        c,
        type,
        issueDate,
        dto.newCompletionDueDate,
        [],
        [],
        dto.conditionDueDates ?? [],
      ),
    );
    if (v.length) throw new RuleViolationError(v);

    await tx.cautionExtension.create({
      data: {
        id: randomUUID(),
        cautionId,
        previousDueDate: c.completionDueDate,
        newDueDate: asDate(dto.newCompletionDueDate),
        // With an open breach, why the breach is set aside is recorded with the extension (issue 10 item 7).
        exceptionalReason: setAside
          ? `${dto.exceptionalReason}\nBreach set aside: ${breachSetAsideReason}`
          : dto.exceptionalReason,
        authorisedBy: dto.authoriser.id,
        authoriserRank: dto.authoriser.rank ?? null,
        acknowledgedWarnings: timeLimit.acknowledgedWarnings as unknown as Prisma.InputJsonValue,
      },
    });
    await tx.caution.update({
      where: { disposalId: cautionId },
      data: { extensionReason: dto.exceptionalReason },
    });
    await ctx.event(
      tx,
      c,
      CautionChange.COMPLETION_EXTENDED,
      `completion due ${current} → ${dto.newCompletionDueDate}${warningCodes(timeLimit.acknowledgedWarnings)}${setAside ? '; open breach set aside' : ''}`,
      userActor(principal),
      currentCorrelationId(),
    );
    const signal: CompletionExtendedSignal = {
      extensionId: randomUUID(),
      newCompletionDueDate: dto.newCompletionDueDate,
      reschedule,
    };
    await ctx.signal(cautionId, COMPLETION_EXTENDED_SIGNAL, signal);
    return {
      completionDueDate: dto.newCompletionDueDate,
      warnings: timeLimit.acknowledgedWarnings,
      ...(setAside ? { breachSetAside: true } : {}),
    };
  });
}
