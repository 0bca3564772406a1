import { Principal } from '@oversight/auth';
import { checkClosure } from '@oversight/complaint-review-rules';
import { RuleViolationError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { logChange } from '../../decision-log/decision-log';
import { requestLetter } from '../../letters/letter-request';
import { closureReasonWords } from '../../letters/letter-wording';
import { ClosureDto } from '../dto/case-actions.dto';
import { CaseActionContext, asDate, cancelClocks } from './case-action.context';

/**
 * Closes a case without a review decision, where the record supports the reason (case-readiness
 * rule): not eligible, the 2012 appeal route, or information still missing after asking for it. The
 * applicant is told why by letter; the case's clocks end.
 */
export async function close(ctx: CaseActionContext, id: string, dto: ClosureDto, principal: Principal) {
  const result = await ctx.prisma.$transaction(async (tx) => {
    const app = await ctx.load(tx, id, principal, 'CLOSE');
    const today = todayInLondon();
    const standing = await ctx.standing(tx, app);
    const earlyCloseReason = dto.earlyCloseReason?.trim() || null;
    const problems = checkClosure(dto.reason, standing, { today, earlyCloseReason });
    if (problems.length)
      throw new RuleViolationError(
        problems.map((p) => ({
          rule: p.code,
          field: p.code === 'REPLY_DATE_NOT_PASSED' ? 'earlyCloseReason' : 'reason',
          message: `${p.message} (${p.rule})`,
        })),
      );
    // Closed for want of information before the reply date: the reason to close early is logged.
    const closedEarly =
      dto.reason === 'INSUFFICIENT_INFORMATION' &&
      !!standing.informationReplyDueOn &&
      today <= standing.informationReplyDueOn;
    await cancelClocks(tx, id);
    await ctx.update(tx, app, { status: 'CLOSED', closureReason: dto.reason, closedOn: asDate(today) });
    await logChange(tx, principal, {
      application: app,
      action: `CLOSED_${dto.reason}`,
      fromStatus: app.status,
      toStatus: 'CLOSED',
      reason: closedEarly ? `${dto.note ? `${dto.note} ` : ''}Closed early: ${earlyCloseReason}` : dto.note,
      effectiveOn: today,
      details: {
        closureReason: dto.reason,
        missing: app.validityMissing,
        route: app.eligibilityRoute,
        ...(closedEarly ? { closedBeforeReplyDate: standing.informationReplyDueOn, earlyCloseReason } : {}),
      },
    });
    const recipient = ctx.complainantRecipient(app);
    const letterId = await requestLetter(tx, principal, {
      application: app,
      template: 'complaint-review.closed',
      recipient,
      personalisation: {
        name: recipient.name,
        reference: app.reference,
        closure_reason: closureReasonWords(dto.reason, recipient.language),
        explanation: dto.note,
        contact_details: ctx.env.REVIEW_BODY_CONTACT_DETAILS,
        review_body_name: ctx.env.REVIEW_BODY_NAME,
      },
      why: 'Telling the applicant why their application was closed without a review',
    });
    return { id, status: 'CLOSED', closureReason: dto.reason, closedOn: today, letterId };
  });
  await ctx.clocks.terminateAll(id, `closed: ${dto.reason}`);
  return result;
}
