import { hasAnyRole, Principal, Role } from '@oversight/auth';
import { ConflictError, RuleViolationError, Violation } from '@oversight/domain-errors';
import {
  addDays,
  isDomesticAbuse,
  isReferralReason,
  validateReferralReason,
  validateSafeContact,
} from '@oversight/knife-swap-rules';
import { todayInLondon } from '@oversight/nest-platform';
import { randomUUID } from 'node:crypto';
import { isVruStaff, partnerOrganisation } from '../../common/access';
import { asDate } from '../../common/dates';
import { Processing } from '../../common/events';
import { householdFor } from '../households/household-match';
import { CreateReferralDto } from '../referral.dto';
import { ReferralContext } from './referral.context';

/**
 * A referral by police, a partner agency, a school or college (issue 12 §1), or by VRU staff on a partner's
 * behalf. Refused before anything is written: a reason outside the scheme's list, a DA referral without its risk
 * assessment reference or with an unsafe contact choice, an unknown district, a partner naming another organisation, impossible dates. The
 * household is matched with earlier referrals at the same address, and the coordinator's task says so.
 */
export async function createReferral(ctx: ReferralContext, dto: CreateReferralDto, p: Principal) {
  const today = todayInLondon();
  const partner = hasAnyRole(p, [Role.PartnerReferrer]) && !isVruStaff(p);
  const organisation = partner ? partnerOrganisation(p) : dto.referringOrganisation;
  const v: Violation[] = validateReferralReason({
    reason: dto.reason,
    daRiskAssessmentRef: dto.daRiskAssessmentRef,
  });
  v.push(
    ...validateSafeContact({
      domesticAbuse: isReferralReason(dto.reason) && isDomesticAbuse(dto.reason),
      safeContact: dto.safeContact,
      email: dto.householderEmail,
      phone: dto.householderPhone,
    }),
  );
  if (!ctx.districts.includes(dto.district))
    v.push({
      rule: 'SKRS_DISTRICT_UNKNOWN',
      field: 'district',
      message: `district must be one of Kent's districts or Medway: ${ctx.districts.join(', ')}.`,
    });
  if (!organisation)
    v.push({
      rule: 'SKRS_ORGANISATION_REQUIRED',
      field: 'referringOrganisation',
      message: 'Name the referring organisation (VRU staff refer on behalf of a partner).',
    });
  if (partner && dto.referringOrganisation && dto.referringOrganisation !== organisation)
    v.push({
      rule: 'SKRS_ORGANISATION_MISMATCH',
      field: 'referringOrganisation',
      message: `You refer for ${organisation} only.`,
    });
  if (dto.youngPersonDob && dto.youngPersonDob > today)
    v.push({
      rule: 'SKRS_DATE_IN_FUTURE',
      field: 'youngPersonDob',
      message: 'A date of birth cannot be in the future.',
    });
  if (dto.referredOn && (dto.referredOn > today || dto.referredOn < addDays(today, -365)))
    v.push({
      rule: 'SKRS_REFERRAL_DATE_OUT_OF_RANGE',
      field: 'referredOn',
      message: `referredOn must be between ${addDays(today, -365)} and today (${today}).`,
    });
  if (v.length) throw new RuleViolationError(v);
  const org = organisation!;

  return ctx.prisma
    .$transaction(async (tx) => {
      // Two submissions of one case at the same moment: the unique index refuses the second (mapped to 409 below).
      if (dto.partnerCaseRef) {
        const same = await tx.referral.findUnique({
          where: {
            referringOrganisation_partnerCaseRef: {
              referringOrganisation: org,
              partnerCaseRef: dto.partnerCaseRef,
            },
          },
          select: { reference: true },
        });
        if (same)
          throw new ConflictError(
            `${org} has already referred case ${dto.partnerCaseRef} (${same.reference}): do not refer it twice`,
          );
      }
      const [{ n }] = await tx.$queryRawUnsafe<Array<{ n: bigint }>>(
        `SELECT nextval('referral_reference_seq') AS n`,
      );
      const reference = `SKRS-${today.slice(0, 4)}-${String(n).padStart(6, '0')}`;
      const householdId = await householdFor(tx, dto.addressLines, dto.postcode);
      const earlier = await tx.referral.count({ where: { householdId } });
      const r = await tx.referral.create({
        data: {
          id: randomUUID(),
          reference,
          status: 'REFERRED',
          reason: dto.reason,
          daRiskAssessmentRef: dto.daRiskAssessmentRef?.trim() || null,
          referringAgency: dto.referringAgency,
          referringOrganisation: org,
          referredBy: p.subject,
          referredOn: asDate(dto.referredOn ?? today),
          district: dto.district,
          householdId,
          addressLines: dto.addressLines,
          postcode: dto.postcode.toUpperCase(),
          householdMembers: dto.householdMembers.map((m) => ({
            relationship: m.relationship,
            ageBand: m.ageBand,
          })),
          householderName: dto.householderName,
          householderEmail: dto.householderEmail ?? null,
          householderPhone: dto.householderPhone ?? null,
          householderLanguage: dto.householderLanguage ?? 'ENGLISH',
          safeContact: dto.safeContact ?? null,
          youngPersonName: dto.youngPersonName ?? null,
          youngPersonDob: dto.youngPersonDob ? asDate(dto.youngPersonDob) : null,
          oocrDisposalRef: dto.oocrDisposalRef ?? null,
          tagEpisodeRef: dto.tagEpisodeRef ?? null,
          partnerCaseRef: dto.partnerCaseRef ?? null,
        },
        include: { swap: true },
      });
      const seenBefore = earlier
        ? ` The household has been referred before (${earlier} earlier referral${earlier > 1 ? 's' : ''}): read them first.`
        : '';
      await tx.coordinatorTask.create({
        data: {
          id: randomUUID(),
          kind: 'DISCUSS_REFERRAL',
          referralId: r.id,
          assignee: Role.VruCoordinator,
          summary: `${reference}: new referral (${dto.reason}, ${dto.district}): arrange the pre-offer discussion.${seenBefore}`,
        },
      });
      await ctx.event(tx, r, p, 'REFER', Processing.COLLECTION);
      return {
        id: r.id,
        reference,
        status: r.status,
        householdId: r.householdId,
        // Whether the address was referred before is for VRU staff, not for a partner (it may be another
        // organisation's referral, or a domestic-abuse case).
        ...(isVruStaff(p) ? { householdReferredBefore: earlier > 0 } : {}),
      };
    })
    .catch((err: unknown) => {
      if ((err as { code?: string }).code === 'P2002' && dto.partnerCaseRef)
        throw new ConflictError(`${org} has already referred case ${dto.partnerCaseRef}`);
      throw err;
    });
}
