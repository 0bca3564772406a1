import { Principal } from '@oversight/auth';
import { requestForInformation, type ValidityItem } from '@oversight/complaint-review-rules';
import { ConflictError, RuleViolationError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { logChange } from '../../decision-log/decision-log';
import { longDate, requestLetter } from '../../letters/letter-request';
import { replyByWords, validityItemLabel } from '../../letters/letter-wording';
import { CaseActionContext } from './case-action.context';

/**
 * Asks the applicant for the missing validity items (1.2.6 [U]) by letter; the response period is
 * its own clock, started by the consumer from the logged change. One request per review.
 */
export async function requestInformation(ctx: CaseActionContext, id: string, principal: Principal) {
  return ctx.prisma.$transaction(async (tx) => {
    const app = await ctx.load(tx, id, principal, 'REQUEST_INFORMATION');
    const missing = app.validityMissing as ValidityItem[];
    if (!missing.length)
      throw new RuleViolationError([
        {
          rule: '1.2.6',
          message: 'Nothing is missing from the application, so there is nothing to ask for',
        },
      ]);
    // Checked against the decision log written in this same (row-locked) transaction: the
    // information-request clock row is created later, by a consumer, so it cannot tell yet.
    if (
      await tx.decisionLogEntry.findFirst({ where: { applicationId: id, action: 'INFORMATION_REQUESTED' } })
    )
      throw new ConflictError('Information has already been requested for this review');
    const today = todayInLondon();
    const rfi = requestForInformation(missing, today, ctx.rules);
    const recipient = ctx.complainantRecipient(app);
    const letterId = await requestLetter(tx, principal, {
      application: app,
      template: 'complaint-review.information-request',
      recipient,
      personalisation: {
        name: recipient.name,
        reference: app.reference,
        information_needed: missing
          .map((item) => `- ${validityItemLabel(item, recipient.language)}`)
          .join('\n'),
        respond_by: replyByWords(
          rfi.respondBy,
          { applies: rfi.respondByRollApplies, rolled: rfi.respondByRolled, periodEndsOn: rfi.periodEndsOn },
          recipient.language,
          longDate,
        ),
        contact_details: ctx.env.REVIEW_BODY_CONTACT_DETAILS,
        review_body_name: ctx.env.REVIEW_BODY_NAME,
      },
      why: 'Asking the applicant for information missing from the application',
    });
    await logChange(tx, principal, {
      application: app,
      action: 'INFORMATION_REQUESTED',
      fromStatus: app.status,
      toStatus: app.status,
      reason: `Missing: ${missing.join(', ')}; respond by ${rfi.respondBy}`,
      effectiveOn: today,
      details: {
        items: missing,
        respondBy: rfi.respondBy,
        periodEndsOn: rfi.periodEndsOn,
        rule: rfi.rule,
      },
    });
    return { id, items: missing, respondBy: rfi.respondBy, letterId };
  });
}
