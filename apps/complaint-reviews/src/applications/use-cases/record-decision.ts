import { Principal } from '@oversight/auth';
import {
  checkReadyForDecision,
  recommendationResponseDeadline,
  validateReviewDecision,
} from '@oversight/complaint-review-rules';
import { buildEvent, Processing, Topics } from '@oversight/contracts';
import { RuleViolationError } from '@oversight/domain-errors';
import { appendToOutbox } from '@oversight/messaging';
import { todayInLondon } from '@oversight/nest-platform';
import { currentCorrelationId } from '@oversight/observability';
import { randomUUID } from 'node:crypto';
import { actorOf, logChange } from '../../decision-log/decision-log';
import { longDate, requestLetter } from '../../letters/letter-request';
import {
  nextStepsForComplainant,
  OUTCOME_FOR_COMPLAINANT,
  OUTCOME_FOR_FORCE,
} from '../../letters/letter-wording';
import { ReviewDecisionDto } from '../dto/case-actions.dto';
import { CaseActionContext, asDate, day } from './case-action.context';

/** The review's outcome (1.1.6) with recommendations (1.4.3) and both outcome letters. */
export async function decide(
  ctx: CaseActionContext,
  id: string,
  dto: ReviewDecisionDto,
  principal: Principal,
) {
  const result = await ctx.prisma.$transaction(async (tx) => {
    const app = await ctx.load(tx, id, principal, 'DECIDE');
    const blockers = checkReadyForDecision(await ctx.standing(tx, app));
    if (blockers.length)
      throw new RuleViolationError(
        blockers.map((p) => ({ rule: p.code, message: `${p.message} (${p.rule})` })),
      );
    const today = todayInLondon();
    const decidedOn = dto.decidedOn ?? today;
    ctx.notFuture('decidedOn', decidedOn, today, day(app.receivedOn));
    const recommendations = dto.recommendations ?? [];
    const { problems } = validateReviewDecision(
      { outcome: dto.outcome, recommendations, feedbackToPsd: dto.feedbackToPsd },
      ctx.rules,
    );
    if (problems.length)
      throw new RuleViolationError(
        problems.map((p) => ({
          rule: p.code,
          field: DECISION_FIELDS[p.code],
          message: `${p.message} (${p.rule})`,
        })),
      );
    const respondBy = recommendationResponseDeadline(decidedOn, ctx.rules).dueDate;
    await tx.reviewDecision.create({
      data: {
        applicationId: id,
        outcome: dto.outcome,
        rationale: dto.rationale,
        feedbackToPsd: dto.feedbackToPsd,
        decidedBy: principal.subject,
        decidedOn: asDate(decidedOn),
      },
    });
    const recIds = recommendations.map(() => randomUUID());
    if (recommendations.length)
      await tx.recommendation.createMany({
        data: recommendations.map((r, i) => ({
          id: recIds[i],
          applicationId: id,
          kind: r.kind,
          text: r.text,
          responseDueOn: asDate(respondBy),
        })),
      });
    await ctx.update(tx, app, { status: 'DECIDED', outcome: dto.outcome, decidedOn: asDate(decidedOn) });
    await logChange(tx, principal, {
      application: app,
      action: `DECIDED_${dto.outcome}`,
      fromStatus: app.status,
      toStatus: 'DECIDED',
      reason: dto.rationale,
      effectiveOn: decidedOn,
      details: {
        recommendations: recommendations.map((r) => r.kind),
        recommendationResponseDueOn: respondBy,
      },
    });
    const decided = buildEvent(
      Topics.reviewDecided,
      {
        aggregateId: id,
        actor: actorOf(principal),
        correlationId: currentCorrelationId(),
        processing: Processing.ALTERATION,
      },
      {
        applicationId: id,
        reference: app.reference,
        outcome: dto.outcome,
        recommendationCount: recommendations.length,
        decidedOn,
        team: app.team,
        complainantPersonId: app.complainantId,
      },
    );
    await appendToOutbox(tx, Topics.reviewDecided, decided);

    const recipient = ctx.complainantRecipient(app);
    const words = OUTCOME_FOR_COMPLAINANT[dto.outcome][recipient.language];
    const recommendationList = recommendations.length
      ? recommendations.map((r, i) => `${i + 1}. ${r.text}`).join('\n')
      : 'None.';
    const complainantLetter = await requestLetter(tx, principal, {
      application: app,
      template: 'complaint-review.outcome-complainant',
      recipient,
      personalisation: {
        name: recipient.name,
        reference: app.reference,
        decision: words,
        reasons: dto.rationale,
        next_steps: nextStepsForComplainant(
          recipient.language,
          ctx.env.FORCE_NAME,
          recommendations.length ? recommendationList : null,
        ),
        review_body_name: ctx.env.REVIEW_BODY_NAME,
      },
      why: 'Telling the complainant the outcome of their review',
    });
    const forceLetter = await requestLetter(tx, principal, {
      application: app,
      template: 'complaint-review.outcome-force',
      recipient: {
        kind: 'FORCE',
        name: `Professional Standards Department, ${ctx.env.FORCE_NAME}`,
        email: ctx.env.FORCE_PSD_EMAIL,
        language: 'ENGLISH',
      },
      personalisation: {
        force_name: ctx.env.FORCE_NAME,
        force_reference: app.forceComplaintReference,
        reference: app.reference,
        decision: `${OUTCOME_FOR_FORCE[dto.outcome]}\n\n${dto.rationale}${dto.feedbackToPsd ? `\n\nFeedback: ${dto.feedbackToPsd}` : ''}`,
        recommendations: recommendationList,
        respond_by: longDate(respondBy),
        review_body_name: ctx.env.REVIEW_BODY_NAME,
      },
      why: 'Telling the appropriate authority the outcome of the review and the recommendations',
    });
    return {
      id,
      status: 'DECIDED',
      outcome: dto.outcome,
      recommendations: recIds.map((rid, i) => ({
        id: rid,
        kind: recommendations[i].kind,
        responseDueOn: respondBy,
      })),
      letters: [complainantLetter, forceLetter],
    };
  });
  await ctx.clocks.signalCompletion(id, 'met');
  return result;
}
const DECISION_FIELDS: Record<string, string | undefined> = {
  UNKNOWN_OUTCOME: 'outcome',
  UPHELD_WITHOUT_RECOMMENDATION: 'recommendations',
  UNKNOWN_RECOMMENDATION_KIND: 'recommendations',
  RECOMMENDATION_TEXT_REQUIRED: 'recommendations',
  FEEDBACK_REQUIRED: 'feedbackToPsd',
};
