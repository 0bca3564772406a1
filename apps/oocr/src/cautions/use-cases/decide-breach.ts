import { Principal } from '@oversight/auth';
import { CautionChange } from '@oversight/contracts';
import { ConflictError, RuleViolationError, Violation } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { currentCorrelationId } from '@oversight/observability';
import {
  isAfter,
  validateBreachDecision,
  type BreachDecisionType,
  type OffenceClass,
} from '@oversight/oocr-rules';
import { userActor } from '../../common/actor';
import { asDate, asDateOrNull, day, dayOrNull } from '../../common/dates';
import { Prisma } from '../../generated/prisma/client';
import {
  BREACH_DECIDED_SIGNAL,
  BreachDecidedSignal,
  ConditionsVariedSignal,
} from '../../workflows/caution.types';
import { BreachDecisionDto } from '../dto/caution.dto';
import { CautionContext } from './caution.context';
import { prepareVariation } from './vary-conditions';

/** The decision after a breach (domain.md 2.1.11, 2.1.12, 2.6.6), validated by validateBreachDecision. */
export async function decideBreach(
  ctx: CautionContext,
  cautionId: string,
  breachId: string,
  dto: BreachDecisionDto,
  principal: Principal,
): Promise<{ decision: BreachDecisionType; cautionStatus: string }> {
  return ctx.prisma.$transaction(async (tx) => {
    const c = await ctx.lockForChange(tx, cautionId);
    await ctx.assertTransition(tx, c, 'DECIDE_BREACH');
    const b = await ctx.breachOf(tx, cautionId, breachId);
    if (b.status === 'AWAITING_ASSESSMENT')
      throw new RuleViolationError([
        {
          rule: 'OOCR_REASONABLE_EXCUSE_ASSESSMENT_REQUIRED',
          field: 'reasonableExcuseAssessment',
          message:
            'Assess and record whether the offender had a reasonable excuse, with the rationale, before deciding.',
        },
      ]);
    if (b.status === 'DECIDED') throw new ConflictError(`This breach was already decided (${b.decision})`);
    const v: Violation[] = [];
    if (b.status === 'AWAITING_POST_ARREST_DECISION' && dto.type === 'ARREST_S24A')
      v.push({
        rule: 'OOCR_ALREADY_ARRESTED',
        field: 'type',
        message:
          'The offender was arrested for this breach: record the decision after arrest (charge, vary or no further action).',
      });
    if (dto.type !== 'VARY_CONDITIONS' && dto.variation)
      v.push({
        rule: 'OOCR_VARIATION_WITHOUT_DECISION',
        field: 'variation',
        message: 'A variation goes with a decision to vary the conditions.',
      });
    if (dto.type === 'VARY_CONDITIONS' && !dto.variation)
      v.push({
        rule: 'OOCR_VARIATION_REQUIRED',
        field: 'variation',
        message: 'Say how the conditions are varied.',
      });
    if (isAfter(dto.decidedOn, todayInLondon()))
      v.push({
        rule: 'OOCR_DATE_IN_FUTURE',
        field: 'decidedOn',
        message: 'decidedOn cannot be in the future.',
      });
    const signedDocumentRef = dto.signedDocumentRef ?? c.disposal.signedConsentRef ?? undefined;
    const result = validateBreachDecision(
      {
        disposalType: ctx.typeOf(c),
        offenceClass: c.disposal.offenceClass as OffenceClass,
        offenceDate: day(c.disposal.offenceDate),
        breachDetectedOn: day(b.detectedOn),
        reasonableExcuseAssessment: b.excuseOutcome
          ? {
              assessedOn: day(b.excuseAssessedOn!),
              outcome: b.excuseOutcome as 'REASONABLE_EXCUSE' | 'NO_REASONABLE_EXCUSE',
              rationale: b.excuseRationale ?? '',
            }
          : null,
        decision: {
          type: dto.type,
          decidedOn: dto.decidedOn,
          authoriser: dto.authoriser
            ? {
                id: dto.authoriser.id,
                rank: dto.authoriser.rank,
                dppAuthorised: dto.authoriser.dppAuthorised,
              }
            : null,
          signedDocumentRef,
          proceedingsStartedOn: dto.proceedingsStartedOn,
        },
      },
      ctx.settings.rules,
    );
    v.push(...result.violations);
    let variation: ConditionsVariedSignal | undefined;
    if (dto.type === 'VARY_CONDITIONS' && dto.variation) {
      // The missed conditions are replaced by the variation whatever it lists.
      const missed = ((b.missedItems as Array<{ conditionId: string }>) ?? []).map((m) => m.conditionId);
      const withdraw = [...new Set([...(dto.variation.withdrawConditionIds ?? []), ...missed])];
      variation = (
        await prepareVariation(
          ctx,
          tx,
          c,
          { ...dto.variation, withdrawConditionIds: withdraw },
          v,
          dto.authoriser ?? { id: principal.subject },
          breachId,
          principal,
          'variation.newCompletionDueDate',
        )
      ).signal;
    } else if (v.length) {
      throw new RuleViolationError(v);
    }

    const arrested = dto.type === 'ARREST_S24A';
    const history = [
      ...((b.history as unknown[]) ?? []),
      ...(b.decision
        ? [{ decision: b.decision, decidedOn: dayOrNull(b.decidedOn), decidedBy: b.decidedBy }]
        : []),
    ];
    await tx.breach.update({
      where: { id: breachId },
      data: {
        decision: dto.type,
        decidedOn: asDate(dto.decidedOn),
        decidedBy: principal.subject,
        authoriserRank: dto.authoriser?.rank ?? null,
        signedDocumentRef: dto.type === 'PROSECUTE_ORIGINAL_OFFENCE' ? signedDocumentRef : null,
        proceedingsStartedOn: asDateOrNull(dto.proceedingsStartedOn),
        status: arrested ? 'AWAITING_POST_ARREST_DECISION' : 'DECIDED',
        history: history as Prisma.InputJsonValue,
      },
    });
    const cautionStatus =
      dto.type === 'PROSECUTE_ORIGINAL_OFFENCE'
        ? dto.proceedingsStartedOn
          ? 'CEASED'
          : 'PROSECUTION_PENDING'
        : arrested
          ? 'AWAITING_POST_ARREST_DECISION'
          : 'ACTIVE';
    await ctx.event(
      tx,
      c,
      CautionChange.BREACH_DECIDED,
      `breach ${breachId}: ${dto.type}`,
      userActor(principal),
      currentCorrelationId(),
    );
    const signal: BreachDecidedSignal = {
      breachId,
      decision: dto.type,
      decidedOn: dto.decidedOn,
      proceedingsStartedOn: dto.proceedingsStartedOn,
      variation,
    };
    await ctx.signal(cautionId, BREACH_DECIDED_SIGNAL, signal);
    return { decision: dto.type, cautionStatus };
  });
}
