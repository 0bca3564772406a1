import { AccessDeniedError, Principal, Role } from '@oversight/auth';
import { buildEvent, Processing, Topics } from '@oversight/contracts';
import { RuleViolationError } from '@oversight/domain-errors';
import { appendToOutbox } from '@oversight/messaging';
import { todayInLondon } from '@oversight/nest-platform';
import { currentCorrelationId } from '@oversight/observability';
import { checkEligibility } from '@oversight/tag-rules';
import { randomUUID } from 'node:crypto';
import { userActor } from '../../common/actor';
import { asDate } from '../../common/dates';
import { CreateReferralDto } from '../referral.dto';
import { ReferralContext } from './referral.context';

/** A partner's (or the VRU's) referral: eligibility checked first, then recorded with its decision-log row and event. */
export async function createReferral(ctx: ReferralContext, dto: CreateReferralDto, p: Principal) {
  const isReferrer = p.roles.includes(Role.PartnerReferrer);
  if (isReferrer && !p.organisation) throw new AccessDeniedError('Your sign-in carries no organisation');
  const violations = checkEligibility({ ...dto, onDate: todayInLondon() }, ctx.settings.rules);
  if (violations.length) throw new RuleViolationError(violations);
  const id = randomUUID();
  const organisation = isReferrer ? p.organisation! : (p.team ?? 'vru');
  return ctx.prisma.$transaction(async (tx) => {
    const [{ n }] = await tx.$queryRaw<Array<{ n: bigint }>>`SELECT nextval('referral_reference_seq') AS n`;
    const reference = `TAG-${todayInLondon().slice(0, 4)}-${String(n).padStart(5, '0')}`;
    await tx.referral.create({
      data: {
        id,
        reference,
        status: 'RECEIVED',
        subjectName: dto.subjectName.trim(),
        dateOfBirth: asDate(dto.dateOfBirth),
        addressLines: dto.addressLines,
        yotCaseId: dto.yotCaseId ?? null,
        socialCareCaseId: dto.socialCareCaseId ?? null,
        earlyHelpCaseId: dto.earlyHelpCaseId ?? null,
        referrerSubject: p.subject,
        referrerEmail: dto.referrerEmail,
        language: dto.language ?? 'ENGLISH',
        organisation,
        agency: dto.agency,
        grounds: dto.grounds,
        multiAgencyPlanRef: dto.multiAgencyPlanRef.trim(),
        riskLevel: dto.riskLevel,
        tagType: dto.tagType,
        monitoringBasis: dto.monitoringBasis,
        pool: dto.pool,
        summary: dto.summary,
      },
    });
    if (dto.specialCategory)
      // Stored apart (domain.md 4.4.3); not in the referral's event or views.
      await tx.referralSpecialCategory.create({
        data: {
          referralId: id,
          ethnicity: dto.specialCategory.ethnicity,
          sex: dto.specialCategory.sex,
          disability: dto.specialCategory.disability,
          basis: 'EQUALITY_MONITORING',
          recordedBy: p.subject,
        },
      });
    await tx.decisionLog.create({
      data: { referralId: id, action: 'RECEIVE', fromStatus: '-', toStatus: 'RECEIVED', actor: p.subject },
    });
    await appendToOutbox(
      tx,
      Topics.tagReferralReceived,
      buildEvent(
        Topics.tagReferralReceived,
        {
          aggregateId: id,
          actor: userActor(p),
          correlationId: currentCorrelationId(),
          processing: Processing.COLLECTION,
        },
        {
          referralId: id,
          reference,
          organisation,
          grounds: dto.grounds,
          riskLevel: dto.riskLevel,
          pool: dto.pool,
          tagType: dto.tagType,
        },
      ),
    );
    return { id, reference, status: 'RECEIVED' };
  });
}
