import { Principal } from '@oversight/auth';
import { todayInLondon } from '@oversight/nest-platform';
import { logChange } from '../../decision-log/decision-log';
import { longDate, requestLetter } from '../../letters/letter-request';
import { CaseActionContext, day } from './case-action.context';

/**
 * The acknowledgement letter (once per case), in one transaction with its log entry. Returns false
 * when one was already requested, so a repeated call sends nothing twice.
 */
export async function requestAcknowledgement(
  ctx: CaseActionContext,
  id: string,
  principal: Principal,
): Promise<boolean> {
  return ctx.prisma.$transaction(async (tx) => {
    const app = await ctx.load(tx, id, principal, 'ACKNOWLEDGE');
    const already = await tx.letter.findFirst({
      where: { applicationId: id, templateKey: 'complaint-review.acknowledgement' },
      select: { id: true },
    });
    if (already) return false;
    const recipient = ctx.complainantRecipient(app);
    await requestLetter(tx, principal, {
      application: app,
      template: 'complaint-review.acknowledgement',
      recipient,
      personalisation: {
        name: recipient.name,
        reference: app.reference,
        received_on: longDate(day(app.receivedOn), recipient.language),
        target_weeks: String(Math.ceil(ctx.env.COMPLETION_WORKING_DAYS / 5)),
        contact_details: ctx.env.REVIEW_BODY_CONTACT_DETAILS,
        review_body_name: ctx.env.REVIEW_BODY_NAME,
      },
      why: 'Acknowledging the application for a review',
    });
    await logChange(tx, principal, {
      application: app,
      action: 'ACKNOWLEDGED',
      fromStatus: app.status,
      toStatus: app.status,
      effectiveOn: todayInLondon(),
    });
    return true;
  });
}
