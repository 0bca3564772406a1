import { AccessDeniedError, hasAnyRole, Principal } from '@oversight/auth';
import { NotFoundError, RuleViolationError } from '@oversight/domain-errors';
import { isDomesticAbuse, isReferralReason } from '@oversight/knife-swap-rules';
import { DA_READERS, isVruStaff, partnerOrganisation, SAFE_CONTACT_READERS } from '../../common/access';
import { day } from '../../common/dates';
import { emit, Processing, Topics } from '../../common/events';
import { LINK_KINDS } from '../../links/linked-records.consumer';
import { otherReferralsOfHousehold } from '../households/household-match';
import { SkrsReferralView } from '../referral.view';
import { safeContactView } from '../safe-contact';
import { ReferralContext, Tx } from './referral.context';

export const DA_RECORD_TYPE = 'skrs-referral-domestic-abuse';

/**
 * One referral. Partners: their own organisation's, never a DA case. A DA case: the roles that need it, with a
 * reason (X-Access-Reason); the service logs the consultation in the transaction that reads it. The household's
 * other referrals are listed as far as the reader may know of them (households/household-match.ts). A DA case's
 * safe contact (how the household may be contacted) only to SAFE_CONTACT_READERS, on that read with its reason.
 */
export async function getReferral(
  ctx: ReferralContext,
  id: string,
  p: Principal,
  accessReason?: string,
): Promise<SkrsReferralView> {
  return ctx.prisma.$transaction(async (tx) => {
    const r = await tx.referral.findUnique({
      where: { id },
      include: {
        swap: { include: { bag: { include: { events: { orderBy: { recordedAt: 'asc' } } } } } },
        discussions: { orderBy: { recordedAt: 'asc' } },
      },
    });
    if (!r || (!isVruStaff(p) && r.referringOrganisation !== partnerOrganisation(p)))
      throw new NotFoundError('Referral', id);
    const da = isReferralReason(r.reason) && isDomesticAbuse(r.reason);
    if (da) {
      if (!hasAnyRole(p, DA_READERS))
        throw new AccessDeniedError(
          'Domestic-abuse referrals are open to VRU coordinators, practitioners and managers only',
        );
      if (!accessReason || accessReason.trim().length < 5)
        throw new RuleViolationError([
          {
            rule: 'SKRS_ACCESS_REASON_REQUIRED',
            field: 'x-access-reason',
            message:
              'Reading a domestic-abuse referral needs a reason: send it in the X-Access-Reason header.',
          },
        ]);
      await emit(
        tx,
        Topics.accessRecorded,
        r.id,
        p,
        Processing.CONSULTATION,
        {
          recordType: DA_RECORD_TYPE,
          recordId: r.id,
          route: 'GET /referrals/:id (knife-swaps)',
          statusCode: 200,
          recipient: '',
          allowed: true,
        },
        { justification: accessReason.trim() },
      );
    }
    const s = r.swap;
    return {
      id: r.id,
      reference: r.reference,
      status: r.status,
      version: r.version,
      reason: r.reason,
      domesticAbuse: da,
      daRiskAssessmentRef: r.daRiskAssessmentRef,
      referringAgency: r.referringAgency,
      referringOrganisation: r.referringOrganisation,
      partnerCaseRef: r.partnerCaseRef,
      referredBy: r.referredBy,
      referredOn: day(r.referredOn),
      district: r.district,
      householdId: r.householdId,
      household: {
        addressLines: r.addressLines,
        postcode: r.postcode,
        members: r.householdMembers as unknown as SkrsReferralView['household']['members'],
        householderName: r.householderName,
        householderEmail: r.householderEmail,
        householderPhone: r.householderPhone,
        language: r.householderLanguage,
        otherReferrals: await otherReferralsOfHousehold(tx, r.householdId, r.id, p),
      },
      // Reached only past the DA checks above: a DA read here is by a DA reader that gave a reason.
      safeContact: safeContactView({ ...r, domesticAbuse: da }, hasAnyRole(p, SAFE_CONTACT_READERS)),
      youngPerson:
        r.youngPersonName || r.youngPersonDob
          ? { name: r.youngPersonName, dateOfBirth: r.youngPersonDob ? day(r.youngPersonDob) : null }
          : null,
      links: await links(tx, r),
      discussions: r.discussions.map((d) => ({
        heldOn: day(d.heldOn),
        heldBy: d.heldBy,
        protectiveFactors: d.protectiveFactors,
        homeCircumstances: d.homeCircumstances,
        youngPerson: d.youngPerson,
        familyEngagement: d.familyEngagement,
      })),
      eligibility: r.eligibility
        ? {
            decision: r.eligibility,
            reason: r.eligibilityReason,
            by: r.eligibilityBy,
            at: r.eligibilityAt?.toISOString() ?? null,
          }
        : null,
      consent:
        r.consentGiven === null
          ? null
          : {
              given: r.consentGiven,
              allPointedKnives: r.consentAllKnives,
              householderName: r.consentBy,
              recordedBy: r.consentRecordedBy,
              recordedOn: r.consentOn ? day(r.consentOn) : null,
            },
      withdrawnReason: r.withdrawnReason,
      swap: s
        ? {
            id: s.id,
            swappedOn: day(s.swappedOn),
            swappedBy: s.swappedBy,
            storeId: s.storeId,
            kitType: s.kitType,
            kitQuantity: s.kitQuantity,
            knivesSurrendered: s.knivesSurrendered,
            safetyAdvice: s.safetyAdvice,
            followUpDueOn: day(s.followUpDueOn),
            followUp: s.followedUpOn
              ? {
                  on: day(s.followedUpOn),
                  by: s.followedUpBy,
                  outcome: s.followUpOutcome,
                  notes: s.followUpNotes,
                }
              : null,
            custody: s.bag
              ? {
                  bagId: s.bag.id,
                  bagNumber: s.bag.bagNumber,
                  status: s.bag.status,
                  holder: s.bag.holder,
                  destructionDueOn: day(s.bag.destructionDueOn),
                  certificateRef: s.bag.certificateRef,
                  chain: s.bag.events.map((e) => ({
                    action: e.action,
                    statusAfter: e.statusAfter,
                    holder: e.holder,
                    by: e.recordedBy,
                    at: e.recordedAt.toISOString(),
                  })),
                }
              : null,
          }
        : null,
    };
  });
}

/**
 * The linked records (issue 12 §8) as this service heard of them through their services' events: `heard: null`
 * until an event with that reference has arrived (a typing mistake, or a record not yet recorded there).
 */
async function links(tx: Tx, r: { oocrDisposalRef: string | null; tagEpisodeRef: string | null }) {
  const heard = async (kind: string, reference: string | null) => {
    if (!reference) return null;
    const l = await tx.linkedRecord.findUnique({ where: { kind_reference: { kind, reference } } });
    return {
      reference,
      heard: l ? { status: l.status, lastChange: l.lastChange, at: l.lastEventAt.toISOString() } : null,
    };
  };
  return {
    oocrDisposalRef: r.oocrDisposalRef,
    tagEpisodeRef: r.tagEpisodeRef,
    oocrDisposal: await heard(LINK_KINDS.oocrDisposal, r.oocrDisposalRef),
    tagEpisode: await heard(LINK_KINDS.tagReferral, r.tagEpisodeRef),
  };
}
