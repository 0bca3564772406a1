import { Principal } from '@oversight/auth';
import { CautionChange } from '@oversight/contracts';
import { RuleViolationError, Violation } from '@oversight/domain-errors';
import { currentCorrelationId } from '@oversight/observability';
import { validateCompletionDueDate } from '@oversight/oocr-rules';
import { randomUUID } from 'node:crypto';
import { userActor } from '../../common/actor';
import { asDate, day } from '../../common/dates';
import { AcknowledgedWarning } from '../../disposals/disposal-validation';
import { Prisma } from '../../generated/prisma/client';
import { CONDITIONS_VARIED_SIGNAL, ConditionsVariedSignal } from '../../workflows/caution.types';
import { scheduleConditions } from '../caution-schedule';
import { VariationDto, VaryConditionsDto } from '../dto/caution.dto';
import { CautionContext, Tx, CautionForChange, warningCodes } from './caution.context';

export async function vary(
  ctx: CautionContext,
  cautionId: string,
  dto: VaryConditionsDto,
  principal: Principal,
): Promise<{ variationId: string; addedConditionIds: string[]; warnings: AcknowledgedWarning[] }> {
  return ctx.prisma.$transaction(async (tx) => {
    const c = await ctx.lockForChange(tx, cautionId);
    await ctx.assertTransition(tx, c, 'VARY_CONDITIONS');
    const v = ctx.authorisationViolations(dto.authoriser, 'authoriser');
    const { signal, addedConditionIds, warnings } = await prepareVariation(
      ctx,
      tx,
      c,
      dto,
      v,
      dto.authoriser,
      null,
      principal,
      'newCompletionDueDate',
    );
    await ctx.event(
      tx,
      c,
      CautionChange.CONDITIONS_VARIED,
      `variation ${signal.variationId}: ${addedConditionIds.length} added, ${signal.withdrawConditionIds.length} withdrawn${warningCodes(warnings)}`,
      userActor(principal),
      currentCorrelationId(),
    );
    await ctx.signal(cautionId, CONDITIONS_VARIED_SIGNAL, signal);
    return { variationId: signal.variationId, addedConditionIds, warnings };
  });
}

/**
 * Validates a variation against the resulting set of conditions (purposes, the 20-hour cap, the penalty cap, due
 * dates within the completion date, which may move within the 20-week limit), then writes the new conditions.
 */
export async function prepareVariation(
  ctx: CautionContext,
  tx: Tx,
  c: CautionForChange,
  dto: VariationDto,
  v: Violation[],
  authoriser: { id: string; rank?: string },
  breachId: string | null,
  principal: Principal,
  dateField: string,
): Promise<{
  signal: ConditionsVariedSignal;
  addedConditionIds: string[];
  warnings: AcknowledgedWarning[];
}> {
  const type = ctx.typeOf(c);
  const issueDate = day(c.disposal.issueDate);
  const completionDue = dto.newCompletionDueDate ?? day(c.completionDueDate);
  const withdraw = dto.withdrawConditionIds ?? [];
  withdraw.forEach((id, i) => {
    if (!c.conditions.some((x) => x.id === id))
      v.push({
        rule: 'OOCR_CONDITION_UNKNOWN',
        field: `withdrawConditionIds[${i}]`,
        message: `Condition ${id} is not part of this caution.`,
      });
  });
  if (dto.newCompletionDueDate)
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
  const moved = Boolean(dto.newCompletionDueDate) && dto.newCompletionDueDate !== day(c.completionDueDate);
  const timeLimit =
    dto.newCompletionDueDate && moved
      ? ctx.timeLimitOnChange(c, dto.newCompletionDueDate, dto.acknowledgements, dateField, principal)
      : { violations: [], acknowledgedWarnings: [] };
  v.push(...timeLimit.violations);
  const added = dto.add ?? [];
  if (
    !withdraw.length &&
    !added.length &&
    !dto.newCompletionDueDate &&
    !(dto.conditionDueDates ?? []).length &&
    breachId === null
  )
    v.push({
      rule: 'OOCR_VARIATION_EMPTY',
      field: 'add',
      message: 'A variation must add, withdraw or reschedule something.',
    });
  added.forEach((a, i) => {
    if (a.instalments?.length)
      v.push({
        rule: 'OOCR_INSTALMENTS_NOT_SUPPORTED_IN_VARIATION',
        field: `add[${i}].instalments`,
        message: 'Add a payment plan as separate conditions, one per payment, when varying.',
      });
  });
  const reschedule = ctx.rescheduled(c, dto.conditionDueDates ?? [], v);
  v.push(
    ...ctx.conditionDateViolations(
      c,
      type,
      issueDate,
      completionDue,
      withdraw,
      added,
      dto.conditionDueDates ?? [],
    ),
  );
  if (v.length) throw new RuleViolationError(v);

  const variationId = randomUUID();
  let seq = Math.max(0, ...c.conditions.map((x) => x.seq));
  const addedConditionIds: string[] = [];
  for (const a of added) {
    const id = randomUUID();
    addedConditionIds.push(id);
    await tx.condition.create({
      data: {
        id,
        cautionId: c.disposalId,
        seq: ++seq,
        purpose: a.purpose,
        kind: a.kind,
        description: a.description,
        hours: a.hours ?? null,
        amountPence: a.amountPence ?? null,
        supportsPurpose: a.supportsPurpose ?? null,
        provider: a.provider ?? null,
        dueDate: asDate(a.dueDate),
        variationId,
      },
    });
  }
  if (moved && dto.newCompletionDueDate) {
    await tx.cautionExtension.create({
      data: {
        id: randomUUID(),
        cautionId: c.disposalId,
        previousDueDate: c.completionDueDate,
        newDueDate: asDate(dto.newCompletionDueDate),
        exceptionalReason: dto.exceptionalReason ?? null,
        breachId,
        authorisedBy: authoriser.id,
        authoriserRank: authoriser.rank ?? null,
        acknowledgedWarnings: timeLimit.acknowledgedWarnings as unknown as Prisma.InputJsonValue,
      },
    });
  }
  return {
    signal: {
      variationId,
      newCompletionDueDate: dto.newCompletionDueDate,
      add: scheduleConditions(
        added.map((a, i) => ({ id: addedConditionIds[i], dueDate: a.dueDate, instalments: [] })),
        ctx.settings.reminderDaysBefore,
      ),
      withdrawConditionIds: withdraw,
      reschedule,
    },
    addedConditionIds,
    warnings: timeLimit.acknowledgedWarnings,
  };
}
