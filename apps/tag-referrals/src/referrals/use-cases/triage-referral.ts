import { Principal } from '@oversight/auth';
import { RuleViolationError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { currentCorrelationId } from '@oversight/observability';
import { checkEligibility, ReferralAction } from '@oversight/tag-rules';
import { addCalendarDays } from '@oversight/working-days';
import { randomUUID } from 'node:crypto';
import { asDate, day } from '../../common/dates';
import { requestNotification } from '../../common/notification-request';
import { TriageDto } from '../referral.dto';
import { DECISION_TEMPLATE, MORE_INFO_TEMPLATE, ReferralContext } from './referral.context';

/** The coordinator's triage (issue 11 §2): accept (eligibility re-checked), decline or ask for more information; the referrer is told. */
export async function triageReferral(ctx: ReferralContext, id: string, dto: TriageDto, p: Principal) {
  if (dto.decision !== 'ACCEPT' && !dto.reason?.trim())
    throw new RuleViolationError([
      {
        rule: 'TAG_TRIAGE_REASON_REQUIRED',
        field: 'reason',
        message: 'give the reason for declining or for the information asked for',
      },
    ]);
  return ctx.prisma.$transaction(async (tx) => {
    const r = await ctx.lock(tx, id, p);
    const action: ReferralAction =
      dto.decision === 'ACCEPT' ? 'ACCEPT' : dto.decision === 'DECLINE' ? 'DECLINE' : 'REQUEST_INFO';
    const to = ctx.move(r, action);
    if (action === 'ACCEPT') {
      const v = checkEligibility(
        {
          dateOfBirth: day(r.dateOfBirth),
          onDate: todayInLondon(),
          grounds: r.grounds,
          monitoringBasis: r.monitoringBasis,
          tagType: r.tagType,
          pool: r.pool as 'IOM' | 'VRU',
          multiAgencyPlanRef: r.multiAgencyPlanRef,
        },
        ctx.settings.rules,
      );
      if (v.length) throw new RuleViolationError(v);
    }
    const infoDueOn =
      action === 'REQUEST_INFO' ? addCalendarDays(todayInLondon(), ctx.settings.infoDueDays) : null;
    await ctx.transition(tx, r, action, to, p, dto.reason ?? null, {
      decidedAt: new Date(),
      ...(infoDueOn ? { infoDueOn: asDate(infoDueOn) } : {}),
    });
    const decisionText =
      action === 'ACCEPT'
        ? 'accepted: the VRU will arrange consent and a tag'
        : action === 'DECLINE'
          ? 'declined'
          : 'on hold: the VRU needs more information';
    await requestNotification(tx, {
      notificationId: randomUUID(),
      templateKey: action === 'REQUEST_INFO' ? MORE_INFO_TEMPLATE : DECISION_TEMPLATE,
      contact: { email: r.referrerEmail },
      channels: ['EMAIL'],
      personalisation: {
        decision: decisionText,
        reason: dto.reason?.trim() || '-',
        due_on: infoDueOn ?? '-',
      },
      reference: r.reference,
      dataSubjectId: r.id,
      correlationId: currentCorrelationId(),
      why: 'voluntary tag referral: the referrer is told of the triage decision',
      language: r.language as 'ENGLISH' | 'WELSH',
    });
    return { id, reference: r.reference, status: to, infoDueOn };
  });
}
