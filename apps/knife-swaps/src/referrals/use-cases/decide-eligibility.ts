import { Principal } from '@oversight/auth';
import { RuleViolationError } from '@oversight/domain-errors';
import { validateEligibility, type FamilyEngagement } from '@oversight/knife-swap-rules';
import { day } from '../../common/dates';
import { Processing } from '../../common/events';
import { EligibilityDto } from '../referral.dto';
import { ReferralContext } from './referral.context';

/** The coordinator's eligibility decision with its reason (issue 12 §2), after the pre-offer discussion. */
export async function decideEligibility(ctx: ReferralContext, id: string, dto: EligibilityDto, p: Principal) {
  const action = dto.decision === 'ELIGIBLE' ? 'DECIDE_ELIGIBLE' : 'DECIDE_NOT_ELIGIBLE';
  return ctx.change(id, p, action, Processing.ALTERATION, async (tx, r) => {
    const last = await tx.preOfferDiscussion.findFirst({
      where: { referralId: r.id },
      orderBy: { recordedAt: 'desc' },
    });
    const v = validateEligibility({
      discussion: last
        ? { ...last, heldOn: day(last.heldOn), familyEngagement: last.familyEngagement as FamilyEngagement }
        : null,
      decision: dto.decision,
      reason: dto.reason,
    });
    if (v.length) throw new RuleViolationError(v);
    return {
      eligibility: dto.decision,
      eligibilityReason: dto.reason.trim(),
      eligibilityBy: p.subject,
      eligibilityAt: new Date(),
    };
  });
}
