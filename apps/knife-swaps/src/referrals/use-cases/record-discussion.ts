import { Principal } from '@oversight/auth';
import { RuleViolationError } from '@oversight/domain-errors';
import { validateDiscussion } from '@oversight/knife-swap-rules';
import { todayInLondon } from '@oversight/nest-platform';
import { randomUUID } from 'node:crypto';
import { asDate, day } from '../../common/dates';
import { Processing } from '../../common/events';
import { DiscussionDto } from '../referral.dto';
import { ReferralContext } from './referral.context';

/** The pre-offer discussion with the family (issue 12 §2), recorded before any offer; closes the "discuss" task. */
export async function recordDiscussion(ctx: ReferralContext, id: string, dto: DiscussionDto, p: Principal) {
  const v = validateDiscussion(dto);
  if (dto.heldOn > todayInLondon())
    v.push({
      rule: 'SKRS_DISCUSSION_INCOMPLETE',
      field: 'heldOn',
      message: 'The discussion cannot be in the future.',
    });
  if (v.length) throw new RuleViolationError(v);
  return ctx.change(id, p, 'RECORD_DISCUSSION', Processing.COLLECTION, async (tx, r) => {
    if (dto.heldOn < day(r.referredOn))
      throw new RuleViolationError([
        {
          rule: 'SKRS_DISCUSSION_INCOMPLETE',
          field: 'heldOn',
          message: `The discussion cannot be before the referral (${day(r.referredOn)}).`,
        },
      ]);
    await tx.preOfferDiscussion.create({
      data: {
        id: randomUUID(),
        referralId: r.id,
        heldOn: asDate(dto.heldOn),
        heldBy: p.subject,
        protectiveFactors: dto.protectiveFactors,
        homeCircumstances: dto.homeCircumstances,
        youngPerson: dto.youngPerson,
        familyEngagement: dto.familyEngagement,
        recordedBy: p.subject,
      },
    });
    return {};
  });
}
