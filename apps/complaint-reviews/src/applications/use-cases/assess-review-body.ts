import { Principal } from '@oversight/auth';
import { deriveRoutingCriteria, determineReviewBody } from '@oversight/complaint-review-rules';
import { RuleViolationError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { logChange } from '../../decision-log/decision-log';
import { ApplicationStatus } from '../../generated/prisma/enums';
import { longDate, requestLetter } from '../../letters/letter-request';
import { ReviewBodyAssessmentDto } from '../dto/case-actions.dto';
import { CaseActionContext, asDate, day, cancelClocks } from './case-action.context';

/**
 * The relevant-review-body checklist (1.3.1, 1.3.2). Any yes: the IOPC reviews, so the application is
 * forwarded, the applicant is told by letter (1.2.4) and the case closes as passed to the IOPC.
 */
export async function assessReviewBody(
  ctx: CaseActionContext,
  id: string,
  dto: ReviewBodyAssessmentDto,
  principal: Principal,
) {
  const result = await ctx.prisma.$transaction(async (tx) => {
    const app = await ctx.load(tx, id, principal, 'ASSESS_REVIEW_BODY');
    const {
      forwardedOn: requestedForwardedOn,
      officerRanks,
      concernsChiefOfficer,
      concernsSeniorOfficer,
      seniorOfficerOverrideReason,
      ...answers
    } = dto;
    // 1.3.1(a) and 1.3.2 from the facts (issue 10 item 5); an override only with its reason.
    const routing = deriveRoutingCriteria({
      officerRanks,
      concernsChiefOfficer,
      concernsSeniorOfficer,
      seniorOfficerOverrideReason,
      appropriateAuthorityIsLocalPolicingBody: answers.appropriateAuthorityIsLocalPolicingBody,
    });
    if (routing.problems.length)
      throw new RuleViolationError(
        routing.problems.map((p) => ({ rule: p.code, field: p.field, message: `${p.message} (${p.rule})` })),
      );
    const triage = {
      ...answers,
      concernsSeniorOfficer: routing.concernsSeniorOfficer,
      appropriateAuthorityIsLocalPolicingBody: routing.appropriateAuthorityIsLocalPolicingBody,
    };
    const facts = { officerRanks: officerRanks ?? null, concernsChiefOfficer: concernsChiefOfficer ?? null };
    const result = determineReviewBody(triage, 'LOCAL_POLICING_BODY', ctx.rules);
    const today = todayInLondon();
    const forwardedOn = requestedForwardedOn ?? today;
    const toIopc = result.reviewBody === 'IOPC';
    if (toIopc) ctx.notFuture('forwardedOn', forwardedOn, today, day(app.receivedOn));
    // Confirming the OPCC as the review body accepts the application: it is now under review.
    const toStatus: ApplicationStatus = toIopc ? 'PASSED_TO_IOPC' : 'UNDER_REVIEW';
    if (toIopc) await cancelClocks(tx, id);
    await ctx.update(tx, app, {
      status: toStatus,
      reviewBody: result.reviewBody,
      reviewBodyAssessment: JSON.parse(
        JSON.stringify({ answers: triage, facts, derivations: routing.derivations, ...result }),
      ),
      forwardedToIopcOn: toIopc ? asDate(forwardedOn) : undefined,
    });
    const override = routing.derivations.find((d) => d.source === 'OVERRIDE');
    const overrideNote = override ? ` Override of ${override.rule}: ${override.overrideReason}` : '';
    const reasons = result.reasons.map((r) => `${r.rule} ${r.message}`).join(' ') + overrideNote;
    await logChange(tx, principal, {
      application: app,
      action: toIopc ? 'PASSED_TO_IOPC' : 'REVIEW_BODY_CONFIRMED_LPB',
      fromStatus: app.status,
      toStatus,
      reason: toIopc
        ? reasons
        : `No IOPC criterion applies: the local policing body reviews (1.3.3 [S]).${overrideNote}`,
      effectiveOn: toIopc ? forwardedOn : today,
      details: {
        reviewBody: result.reviewBody,
        criteria: result.reasons.map((r) => r.criterion),
        facts,
        derivations: routing.derivations,
      },
    });
    let letterId: string | null = null;
    if (toIopc) {
      const recipient = ctx.complainantRecipient(app);
      letterId = await requestLetter(tx, principal, {
        application: app,
        template: 'complaint-review.passed-to-iopc',
        recipient,
        personalisation: {
          name: recipient.name,
          reference: app.reference,
          passed_on: longDate(forwardedOn, recipient.language),
          review_body_name: ctx.env.REVIEW_BODY_NAME,
        },
        why: 'Telling the applicant the review was passed to the IOPC (PRA 2002 Sch 3 para 32)',
      });
    }
    return {
      id,
      status: toStatus,
      reviewBody: result.reviewBody,
      reasons: result.reasons,
      derivations: routing.derivations,
      letterId,
    };
  });
  if (result.status === 'PASSED_TO_IOPC') await ctx.clocks.terminateAll(id, 'passed to the IOPC');
  return result;
}
