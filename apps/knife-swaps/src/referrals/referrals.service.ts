import { Inject, Injectable } from '@nestjs/common';
import { Client as TemporalClient } from '@temporalio/client';
import { AccessDeniedError, hasAnyRole, Principal, Role } from '@oversight/auth';
import { ConflictError, NotFoundError, RuleViolationError, Violation } from '@oversight/domain-errors';
import {
  addDays,
  isDomesticAbuse,
  isReferralReason,
  nextReferralStatus,
  OPEN_REFERRAL_STATUSES,
  ReferralAction,
  ReferralStatus,
  validateConsent,
  validateDiscussion,
  validateEligibility,
  validateReferralReason,
  validateSwap,
  type FamilyEngagement,
} from '@oversight/knife-swap-rules';
import { todayInLondon } from '@oversight/nest-platform';
import { randomUUID } from 'node:crypto';
import { DA_READERS, isVruStaff, partnerOrganisation } from '../common/access';
import { asDate, day } from '../common/dates';
import { emit, Processing, Topics } from '../common/events';
import { requestHouseholdNotification } from '../common/notification-request';
import { KnifeSwapsEnv } from '../config/knife-swaps.env';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infrastructure/prisma.service';
import { LINK_KINDS } from '../links/linked-records.consumer';
import { moveStock } from '../stores/stock.ledger';
import { FOLLOW_UP_RECORDED_SIGNAL, swapWorkflowId } from '../workflows/swap.types';
import {
  ConsentDto,
  CreateReferralDto,
  DiscussionDto,
  EligibilityDto,
  FollowUpDto,
  ListReferralsQuery,
  SwapDto,
  WithdrawDto,
} from './referral.dto';

type Tx = Prisma.TransactionClient;
type ReferralRow = Prisma.ReferralGetPayload<{ include: { swap: true } }>;

/**
 * Prisma's defaults (2 s to get a connection, 5 s for the whole transaction) failed swaps with a 500 when the
 * 2-core machine was loaded and several officers issued from one store at once (queued on its balance row): a
 * change may wait longer rather than fail. Measured with tools/bench/knife-swaps-bench.ts.
 */
const CHANGE_TX = { maxWait: 10_000, timeout: 20_000 };

export const DA_RECORD_TYPE = 'skrs-referral-domestic-abuse';

/**
 * SKRS referrals from referral to follow-up (domain.md 3.3, 3.4.4; issue 12 §1–4, 7). Every change locks the
 * referral row, checks the transition table of @oversight/knife-swap-rules, and writes its event to the outbox in
 * the same transaction; bad input is refused before anything is written.
 */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly env: KnifeSwapsEnv,
    @Inject(TemporalClient) private readonly temporal: TemporalClient,
  ) {}

  private get districts(): string[] {
    return this.env.SKRS_DISTRICTS.split(',');
  }

  async create(dto: CreateReferralDto, p: Principal) {
    const v: Violation[] = validateReferralReason({
      reason: dto.reason,
      daRiskAssessmentRef: dto.daRiskAssessmentRef,
    });
    if (!this.districts.includes(dto.district))
      v.push({
        rule: 'SKRS_DISTRICT_UNKNOWN',
        field: 'district',
        message: `district must be one of Kent's districts or Medway: ${this.districts.join(', ')}.`,
      });
    const partner = hasAnyRole(p, [Role.PartnerReferrer]) && !isVruStaff(p);
    const organisation = partner ? partnerOrganisation(p) : dto.referringOrganisation;
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
    if (dto.youngPersonDob && dto.youngPersonDob > todayInLondon())
      v.push({
        rule: 'SKRS_DATE_IN_FUTURE',
        field: 'youngPersonDob',
        message: 'A date of birth cannot be in the future.',
      });
    const today = todayInLondon();
    if (dto.referredOn && (dto.referredOn > today || dto.referredOn < addDays(today, -365)))
      v.push({
        rule: 'SKRS_REFERRAL_DATE_OUT_OF_RANGE',
        field: 'referredOn',
        message: `referredOn must be between ${addDays(today, -365)} and today (${today}).`,
      });
    if (v.length) throw new RuleViolationError(v);

    return this.prisma
      .$transaction(async (tx) => {
        // Two submissions of one case at the same moment: the unique index refuses the second (mapped to 409 below).
        if (dto.partnerCaseRef) {
          const same = await tx.referral.findUnique({
            where: {
              referringOrganisation_partnerCaseRef: {
                referringOrganisation: organisation!,
                partnerCaseRef: dto.partnerCaseRef,
              },
            },
            select: { reference: true },
          });
          if (same)
            throw new ConflictError(
              `${organisation} has already referred case ${dto.partnerCaseRef} (${same.reference}): do not refer it twice`,
            );
        }
        const [{ n }] = await tx.$queryRawUnsafe<Array<{ n: bigint }>>(
          `SELECT nextval('referral_reference_seq') AS n`,
        );
        const reference = `SKRS-${today.slice(0, 4)}-${String(n).padStart(6, '0')}`;
        const r = await tx.referral.create({
          data: {
            id: randomUUID(),
            reference,
            status: 'REFERRED',
            reason: dto.reason,
            daRiskAssessmentRef: dto.daRiskAssessmentRef?.trim() || null,
            referringAgency: dto.referringAgency,
            referringOrganisation: organisation!,
            referredBy: p.subject,
            referredOn: asDate(dto.referredOn ?? today),
            district: dto.district,
            householdId: randomUUID(),
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
            youngPersonName: dto.youngPersonName ?? null,
            youngPersonDob: dto.youngPersonDob ? asDate(dto.youngPersonDob) : null,
            oocrDisposalRef: dto.oocrDisposalRef ?? null,
            tagEpisodeRef: dto.tagEpisodeRef ?? null,
            partnerCaseRef: dto.partnerCaseRef ?? null,
          },
          include: { swap: true },
        });
        await tx.coordinatorTask.create({
          data: {
            id: randomUUID(),
            kind: 'DISCUSS_REFERRAL',
            referralId: r.id,
            assignee: Role.VruCoordinator,
            summary: `${reference}: new referral (${dto.reason}, ${dto.district}): arrange the pre-offer discussion`,
          },
        });
        await this.event(tx, r, p, 'REFER', Processing.COLLECTION);
        return { id: r.id, reference, status: r.status, householdId: r.householdId };
      })
      .catch((err: unknown) => {
        if ((err as { code?: string }).code === 'P2002' && dto.partnerCaseRef)
          throw new ConflictError(`${organisation} has already referred case ${dto.partnerCaseRef}`);
        throw err;
      });
  }

  /** Without personal data: partners see their own organisation's referrals only. */
  async list(q: ListReferralsQuery, p: Principal) {
    const status = q.status ?? 'OPEN';
    const where: Prisma.ReferralWhereInput = {
      ...(status === 'OPEN'
        ? { status: { in: [...OPEN_REFERRAL_STATUSES] } }
        : status === 'ALL'
          ? {}
          : { status }),
      ...(q.district ? { district: q.district } : {}),
      ...(q.partnerCaseRef ? { partnerCaseRef: q.partnerCaseRef } : {}),
      ...(isVruStaff(p) ? {} : { referringOrganisation: partnerOrganisation(p) }),
    };
    const rows = await this.prisma.referral.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take: Math.min(Math.max(q.limit ?? 50, 1), 200),
      skip: Math.max(q.offset ?? 0, 0),
      select: {
        id: true,
        reference: true,
        status: true,
        reason: true,
        district: true,
        referringAgency: true,
        referringOrganisation: true,
        partnerCaseRef: true,
        referredOn: true,
        version: true,
      },
    });
    return rows.map((r) => ({
      ...r,
      referredOn: day(r.referredOn),
      domesticAbuse: isReferralReason(r.reason) && isDomesticAbuse(r.reason),
    }));
  }

  /**
   * One referral. Partners: their own organisation's, never a DA case. A DA case: the roles that need it, with a
   * reason (X-Access-Reason); the service logs the consultation in the transaction that reads it.
   */
  async get(id: string, p: Principal, accessReason?: string) {
    return this.prisma.$transaction(async (tx) => {
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
          members: r.householdMembers,
          householderName: r.householderName,
          householderEmail: r.householderEmail,
          householderPhone: r.householderPhone,
          language: r.householderLanguage,
        },
        youngPerson:
          r.youngPersonName || r.youngPersonDob
            ? { name: r.youngPersonName, dateOfBirth: r.youngPersonDob ? day(r.youngPersonDob) : null }
            : null,
        links: await this.links(tx, r),
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
              at: r.eligibilityAt?.toISOString(),
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

  async recordDiscussion(id: string, dto: DiscussionDto, p: Principal) {
    const v = validateDiscussion(dto);
    if (dto.heldOn > todayInLondon())
      v.push({
        rule: 'SKRS_DISCUSSION_INCOMPLETE',
        field: 'heldOn',
        message: 'The discussion cannot be in the future.',
      });
    if (v.length) throw new RuleViolationError(v);
    return this.change(id, p, 'RECORD_DISCUSSION', Processing.COLLECTION, async (tx, r) => {
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

  async decideEligibility(id: string, dto: EligibilityDto, p: Principal) {
    const action = dto.decision === 'ELIGIBLE' ? 'DECIDE_ELIGIBLE' : 'DECIDE_NOT_ELIGIBLE';
    return this.change(id, p, action, Processing.ALTERATION, async (tx, r) => {
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

  async recordConsent(id: string, dto: ConsentDto, p: Principal) {
    if (dto.recordedOn > todayInLondon())
      throw new RuleViolationError([
        {
          rule: 'SKRS_DATE_IN_FUTURE',
          field: 'recordedOn',
          message: 'Consent cannot be recorded for a future date.',
        },
      ]);
    if (dto.given) {
      const v = validateConsent({ given: true, allPointedKnives: dto.allPointedKnives });
      if (v.length) throw new RuleViolationError(v);
    }
    return this.change(
      id,
      p,
      dto.given ? 'RECORD_CONSENT' : 'RECORD_REFUSAL',
      Processing.COLLECTION,
      async () => ({
        consentGiven: dto.given,
        consentAllKnives: dto.allPointedKnives,
        consentBy: dto.householderName,
        consentRecordedBy: p.subject,
        consentOn: asDate(dto.recordedOn),
      }),
    );
  }

  async withdraw(id: string, dto: WithdrawDto, p: Principal) {
    return this.change(id, p, 'WITHDRAW', Processing.ALTERATION, async () => ({
      withdrawnReason: dto.reason.trim(),
    }));
  }

  /**
   * The swap: consent first (domain.md 3.3.5), kit out of the store's stock (never below zero), knives sealed in a
   * numbered bag whose custody starts here, the follow-up due date set. The workflow that chases destruction and
   * the follow-up is started by this service's consumer of the event committed here.
   */
  async recordSwap(id: string, dto: SwapDto, p: Principal) {
    if (dto.swappedOn > todayInLondon())
      throw new RuleViolationError([
        {
          rule: 'SKRS_DATE_IN_FUTURE',
          field: 'swappedOn',
          message: 'A swap cannot be recorded for a future date.',
        },
      ]);
    return this.change(id, p, 'RECORD_SWAP', Processing.COLLECTION, async (tx, r) => {
      const v = validateSwap(
        {
          consent:
            r.status === 'CONSENTED' && r.consentGiven
              ? { given: true, allPointedKnives: !!r.consentAllKnives }
              : null,
          kitType: dto.kitType,
          kitQuantity: dto.kitQuantity,
          knivesSurrendered: dto.knivesSurrendered,
          safetyAdvice: dto.safetyAdvice,
        },
        {
          maxKnivesPerSwap: this.env.SKRS_MAX_KNIVES_PER_SWAP,
          maxKitsPerSwap: this.env.SKRS_MAX_KITS_PER_SWAP,
        },
      );
      if (r.consentOn && dto.swappedOn < day(r.consentOn))
        v.push({
          rule: 'SKRS_CONSENT_REQUIRED',
          field: 'swappedOn',
          message: `The swap cannot be before the consent (${day(r.consentOn)}).`,
        });
      if (v.length) throw new RuleViolationError(v);
      if (await tx.custodyBag.findUnique({ where: { bagNumber: dto.bagNumber } }))
        throw new ConflictError(
          `Bag ${dto.bagNumber} is already recorded for another swap: check the number on the seal`,
        );
      if (!(await tx.store.findUnique({ where: { id: dto.storeId }, select: { id: true } })))
        throw new RuleViolationError([
          { rule: 'SKRS_STORE_UNKNOWN', field: 'storeId', message: `There is no store ${dto.storeId}.` },
        ]);
      const swapId = randomUUID();
      const followUpDueOn = addDays(dto.swappedOn, this.env.SKRS_FOLLOW_UP_AFTER_DAYS);
      const destructionDueOn = addDays(dto.swappedOn, this.env.SKRS_DESTRUCTION_DUE_DAYS);
      await tx.swap.create({
        data: {
          id: swapId,
          referralId: r.id,
          swappedOn: asDate(dto.swappedOn),
          swappedBy: p.subject,
          storeId: dto.storeId,
          kitType: dto.kitType,
          kitQuantity: dto.kitQuantity,
          knivesSurrendered: dto.knivesSurrendered,
          safetyAdvice: dto.safetyAdvice,
          followUpDueOn: asDate(followUpDueOn),
          workflowId: swapWorkflowId(swapId),
        },
      });
      const bagId = randomUUID();
      await tx.custodyBag.create({
        data: {
          id: bagId,
          swapId,
          bagNumber: dto.bagNumber,
          status: 'SEALED',
          holder: p.subject,
          knifeCount: dto.knivesSurrendered,
          destructionDueOn: asDate(destructionDueOn),
        },
      });
      await tx.custodyEvent.create({
        data: {
          id: randomUUID(),
          bagId,
          action: 'SEAL',
          statusAfter: 'SEALED',
          holder: p.subject,
          recordedBy: p.subject,
        },
      });
      await emit(tx, Topics.knifeCustodyUpdated, bagId, p, Processing.NONE, {
        bagId,
        bagNumber: dto.bagNumber,
        swapId,
        referralId: r.id,
        status: 'SEALED',
        holder: p.subject,
        certificateRef: '',
        destructionDueOn,
        knifeCount: dto.knivesSurrendered,
      });
      await requestHouseholdNotification(tx, {
        key: `swap-confirmation:${swapId}`,
        templateKey: 'knife-swap.swap-confirmation',
        referral: r,
        personalisation: {
          name: r.householderName,
          swapped_on: dto.swappedOn,
          knives_surrendered: String(dto.knivesSurrendered),
          follow_up_due_on: followUpDueOn,
          contact_details: this.env.SKRS_CONTACT_DETAILS,
        },
        why: 'SKRS swap confirmation and safety advice to the householder',
      });
      // The kit leaves the store last, after the referral's own update (see change()): the store's balance row
      // stays locked from then to the commit, so swaps against one store queue on it for as short a time as
      // possible (an unknown store or too little stock still undoes everything).
      const issueKit = () =>
        moveStock(
          tx,
          { storeId: dto.storeId, kitType: dto.kitType, kind: 'ISSUE', quantity: dto.kitQuantity, swapId },
          p,
        );
      return { swapId, bagId, followUpDueOn, destructionDueOn, issueKit };
    });
  }

  async recordFollowUp(id: string, dto: FollowUpDto, p: Principal) {
    if (dto.followedUpOn > todayInLondon())
      throw new RuleViolationError([
        {
          rule: 'SKRS_DATE_IN_FUTURE',
          field: 'followedUpOn',
          message: 'The follow-up cannot be in the future.',
        },
      ]);
    const out = await this.change(id, p, 'RECORD_FOLLOW_UP', Processing.COLLECTION, async (tx, r) => {
      await tx.swap.update({
        where: { referralId: r.id },
        data: {
          followUpOutcome: dto.outcome,
          followUpNotes: dto.notes ?? null,
          followedUpOn: asDate(dto.followedUpOn),
          followedUpBy: p.subject,
        },
      });
      await tx.coordinatorTask.updateMany({
        where: { referralId: r.id, kind: 'FOLLOW_UP_DUE', doneAt: null },
        data: { doneAt: new Date(), doneBy: p.subject },
      });
      return {};
    });
    const swap = await this.prisma.swap.findUnique({
      where: { referralId: id },
      select: { workflowId: true },
    });
    if (swap)
      await this.temporal.workflow
        .getHandle(swap.workflowId)
        .signal(FOLLOW_UP_RECORDED_SIGNAL)
        .catch(() => undefined); // not running (yet): its activity re-reads the record and finds it done
    return out;
  }

  // --- helpers ---

  /**
   * A locked, checked change of one referral: `apply` returns referral columns to set (and may write other rows);
   * keys that are not referral columns are returned to the caller.
   */
  private async change(
    id: string,
    p: Principal,
    action: ReferralAction,
    processing: Processing,
    apply: (tx: Tx, r: ReferralRow) => Promise<Record<string, unknown>>,
  ) {
    return this.prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRawUnsafe<unknown[]>(
        `SELECT 1 FROM referral WHERE id = $1::uuid FOR UPDATE`,
        id,
      );
      if (!locked.length) throw new NotFoundError('Referral', id);
      const r = await tx.referral.findUniqueOrThrow({ where: { id }, include: { swap: true } });
      const t = nextReferralStatus(r.status as ReferralStatus, action);
      if (!t.ok && action === 'RECORD_SWAP' && ['REFERRED', 'DISCUSSED', 'ELIGIBLE'].includes(r.status))
        throw new RuleViolationError([
          {
            rule: 'SKRS_CONSENT_REQUIRED',
            field: 'consent',
            message: `${r.reference} is ${r.status}: record the householder's consent to replace all pointed knives before the swap (domain.md 3.3.1, 3.3.5).`,
          },
        ]);
      if (!t.ok) throw new RuleViolationError([t.violation]);
      const out = await apply(tx, r);
      const { issueKit, swapId, bagId, followUpDueOn, destructionDueOn, ...columns } = out as Record<
        string,
        unknown
      >;
      const updated = await tx.referral.update({
        where: { id },
        data: { ...(columns as Prisma.ReferralUpdateInput), status: t.status, version: { increment: 1 } },
        include: { swap: true },
      });
      await this.event(tx, updated, p, action, processing);
      if (action === 'RECORD_DISCUSSION' || action === 'WITHDRAW')
        await tx.coordinatorTask.updateMany({
          where: { referralId: id, kind: 'DISCUSS_REFERRAL', doneAt: null },
          data: { doneAt: new Date(), doneBy: p.subject },
        });
      const stock = issueKit ? await (issueKit as () => Promise<unknown>)() : undefined;
      return {
        id,
        reference: r.reference,
        status: t.status,
        version: updated.version,
        ...(swapId ? { swapId, bagId, followUpDueOn, destructionDueOn, stock } : {}),
      };
    }, CHANGE_TX);
  }

  /**
   * The linked records (issue 12 §8) as this service heard of them through their services' events: `heard: null`
   * until an event with that reference has arrived (a typing mistake, or a record not yet recorded there).
   */
  private async links(tx: Tx, r: { oocrDisposalRef: string | null; tagEpisodeRef: string | null }) {
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

  private async event(tx: Tx, r: ReferralRow, p: Principal, change: string, processing: Processing) {
    const s = r.swap;
    await emit(tx, Topics.knifeSwapReferralUpdated, r.id, p, processing, {
      referralId: r.id,
      reference: r.reference,
      status: r.status,
      change,
      referralReason: r.reason,
      referringAgency: r.referringAgency,
      referringOrganisation: r.referringOrganisation,
      district: r.district,
      domesticAbuse: isReferralReason(r.reason) && isDomesticAbuse(r.reason),
      householdId: r.householdId,
      oocrDisposalRef: r.oocrDisposalRef ?? '',
      tagEpisodeRef: r.tagEpisodeRef ?? '',
      swapId: s?.id ?? '',
      swappedOn: s ? day(s.swappedOn) : '',
      kitType: s?.kitType ?? '',
      kitQuantity: s?.kitQuantity ?? 0,
      knivesSurrendered: s?.knivesSurrendered ?? 0,
      followUpDueOn: s ? day(s.followUpDueOn) : '',
      followUpOutcome: s?.followUpOutcome ?? '',
    });
  }
}
