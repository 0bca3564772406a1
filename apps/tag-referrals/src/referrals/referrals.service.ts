import { Inject, Injectable } from '@nestjs/common';
import { AccessDeniedError, Principal, Role } from '@oversight/auth';
import { buildEvent, Processing, Topics } from '@oversight/contracts';
import { ConflictError, NotFoundError, RuleViolationError } from '@oversight/domain-errors';
import { appendToOutbox } from '@oversight/messaging';
import { todayInLondon } from '@oversight/nest-platform';
import { createLogger, currentCorrelationId } from '@oversight/observability';
import {
  checkEligibility,
  checkEpisodeLength,
  consentComplete,
  ConsentParty,
  nextReferralStatus,
  openActions,
  plannedEndDate,
  ReferralAction,
  ReferralStatus,
  requiredConsents,
} from '@oversight/tag-rules';
import { addCalendarDays, isAfter } from '@oversight/working-days';
import { Client as TemporalClient } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { userActor } from '../common/actor';
import { asDate, day, dayOrNull } from '../common/dates';
import { requestNotification } from '../common/notification-request';
import { TagSettings } from '../config/tag-settings';
import { markRemovalDue } from '../episodes/episode.activities';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infrastructure/prisma.service';
import {
  END_EPISODE_EARLY_SIGNAL,
  episodeWorkflowId,
  EXTEND_EPISODE_SIGNAL,
  TAG_REMOVED_SIGNAL,
} from '../workflows/episode.types';
import {
  AllocationDto,
  ConsentDto,
  CreateReferralDto,
  ExtensionDto,
  FittingDto,
  ListReferralsQuery,
  MoreInformationDto,
  RemovalDto,
  TriageDto,
  WithdrawalDto,
} from './referral.dto';

type Tx = Prisma.TransactionClient;
type ReferralRow = Prisma.ReferralGetPayload<object>;

export const DECISION_TEMPLATE = 'vru.tag-referral-decision';
export const MORE_INFO_TEMPLATE = 'vru.tag-referral-more-information';
const VRU_STAFF: readonly Role[] = [Role.VruCoordinator, Role.VruManager, Role.VruPractitioner];

/**
 * Voluntary Buddi tag referrals, from a partner's referral to removal (issue 11 §1–5): intake, triage with a
 * decision log, consent, allocation from a pool that can never be over-allocated, fitting, extension, withdrawal
 * and removal. Every change commits with its outbox event; the episode workflow is started by a consumer.
 */
@Injectable()
export class ReferralsService {
  private readonly log = createLogger('ReferralsService');

  constructor(
    private readonly prisma: PrismaService,
    private readonly settings: TagSettings,
    @Inject(TemporalClient) private readonly temporal: TemporalClient,
  ) {}

  async create(dto: CreateReferralDto, p: Principal) {
    const isReferrer = p.roles.includes(Role.PartnerReferrer);
    if (isReferrer && !p.organisation) throw new AccessDeniedError('Your sign-in carries no organisation');
    const violations = checkEligibility({ ...dto, onDate: todayInLondon() }, this.settings.rules);
    if (violations.length) throw new RuleViolationError(violations);
    const id = randomUUID();
    const organisation = isReferrer ? p.organisation! : (p.team ?? 'vru');
    return this.prisma.$transaction(async (tx) => {
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

  /** No personal data in the list: references, statuses and what the board counts. */
  async list(q: ListReferralsQuery, p: Principal) {
    const rows = await this.prisma.referral.findMany({
      where: { ...this.scope(p), ...(q.status ? { status: q.status } : {}) },
      orderBy: [{ receivedAt: 'desc' }, { id: 'asc' }],
      take: Math.min(q.limit ?? 50, 200),
      select: {
        id: true,
        reference: true,
        status: true,
        organisation: true,
        agency: true,
        grounds: true,
        riskLevel: true,
        pool: true,
        receivedAt: true,
      },
    });
    return rows.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() }));
  }

  async get(id: string, p: Principal) {
    const r = await this.prisma.referral.findFirst({
      where: { id, ...this.scope(p) },
      include: {
        decisions: { orderBy: { at: 'asc' } },
        consents: { orderBy: { recordedAt: 'asc' } },
        episode: true,
      },
    });
    if (!r) throw new NotFoundError('Referral', id);
    const e = r.episode;
    return {
      id: r.id,
      reference: r.reference,
      status: r.status,
      version: r.version,
      subject: {
        name: r.subjectName,
        dateOfBirth: day(r.dateOfBirth),
        addressLines: r.addressLines,
        yotCaseId: r.yotCaseId,
        socialCareCaseId: r.socialCareCaseId,
        earlyHelpCaseId: r.earlyHelpCaseId,
      },
      organisation: r.organisation,
      agency: r.agency,
      grounds: r.grounds,
      multiAgencyPlanRef: r.multiAgencyPlanRef,
      riskLevel: r.riskLevel,
      tagType: r.tagType,
      pool: r.pool,
      summary: r.summary,
      receivedAt: r.receivedAt.toISOString(),
      infoDueOn: dayOrNull(r.infoDueOn),
      tagSerial: r.tagSerial,
      requiredConsents: requiredConsents(day(r.dateOfBirth), todayInLondon(), this.settings.rules),
      consents: r.consents.map((c) => ({
        party: c.party,
        givenBy: c.givenBy,
        method: c.method,
        informationVersion: c.informationVersion,
        givenOn: day(c.givenOn),
        recordedBy: c.recordedBy,
        withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
        withdrawalReason: c.withdrawalReason,
      })),
      episode: e && {
        tagSerial: e.tagSerial,
        fittedOn: day(e.fittedOn),
        fittedBy: e.fittedBy,
        fittedWhere: e.fittedWhere,
        plannedDays: e.plannedDays,
        plannedEnd: day(e.plannedEnd),
        status: e.status,
        removedOn: dayOrNull(e.removedOn),
        removalReason: e.removalReason,
      },
      decisions: r.decisions.map((d) => ({
        action: d.action,
        fromStatus: d.fromStatus,
        toStatus: d.toStatus,
        actor: d.actor,
        reason: d.reason,
        at: d.at.toISOString(),
      })),
    };
  }

  async triage(id: string, dto: TriageDto, p: Principal) {
    if (dto.decision !== 'ACCEPT' && !dto.reason?.trim())
      throw new RuleViolationError([
        {
          rule: 'TAG_TRIAGE_REASON_REQUIRED',
          field: 'reason',
          message: 'give the reason for declining or for the information asked for',
        },
      ]);
    return this.prisma.$transaction(async (tx) => {
      const r = await this.lock(tx, id, p);
      const action: ReferralAction =
        dto.decision === 'ACCEPT' ? 'ACCEPT' : dto.decision === 'DECLINE' ? 'DECLINE' : 'REQUEST_INFO';
      const to = this.move(r, action);
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
          this.settings.rules,
        );
        if (v.length) throw new RuleViolationError(v);
      }
      const infoDueOn =
        action === 'REQUEST_INFO' ? addCalendarDays(todayInLondon(), this.settings.infoDueDays) : null;
      await this.transition(tx, r, action, to, p, dto.reason ?? null, {
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

  async provideInformation(id: string, dto: MoreInformationDto, p: Principal) {
    return this.prisma.$transaction(async (tx) => {
      const r = await this.lock(tx, id, p);
      const to = this.move(r, 'PROVIDE_INFO');
      await this.transition(tx, r, 'PROVIDE_INFO', to, p, 'information provided', {
        summary: `${r.summary}\n\n[${todayInLondon()} ${p.subject}] ${dto.information}`,
        infoDueOn: null,
      });
      return { id, status: to };
    });
  }

  async recordConsent(id: string, dto: ConsentDto, p: Principal) {
    return this.prisma.$transaction(async (tx) => {
      const r = await this.lock(tx, id, p);
      if (r.status !== 'CONSENT_PENDING')
        throw new ConflictError(
          `Consent is recorded after acceptance and before allocation; the referral is ${r.status}`,
        );
      const today = todayInLondon();
      if (isAfter(dto.givenOn, today) || dto.givenOn < day(r.receivedAt))
        throw new RuleViolationError([
          {
            rule: 'TAG_CONSENT_DATE',
            field: 'givenOn',
            message: 'givenOn must be between the referral date and today',
          },
        ]);
      const required = requiredConsents(day(r.dateOfBirth), today, this.settings.rules);
      if (!required.includes(dto.party))
        throw new RuleViolationError([
          {
            rule: 'TAG_GUARDIAN_CONSENT_NOT_REQUIRED',
            field: 'party',
            message: `the person is ${this.settings.rules.guardianConsentBelowAge} or over: only their own consent is asked for (domain.md 3.4.2)`,
          },
        ]);
      const existing = await tx.consent.findUnique({
        where: { referralId_party: { referralId: id, party: dto.party } },
      });
      if (existing) throw new ConflictError(`The ${dto.party.toLowerCase()}'s consent is already recorded`);
      await tx.consent.create({
        data: {
          id: randomUUID(),
          referralId: id,
          party: dto.party,
          givenBy: dto.givenBy,
          method: dto.method,
          informationVersion: dto.informationVersion,
          givenOn: asDate(dto.givenOn),
          recordedBy: p.subject,
        },
      });
      const given = (
        await tx.consent.findMany({ where: { referralId: id, withdrawnAt: null }, select: { party: true } })
      ).map((c) => c.party as ConsentParty);
      if (consentComplete(required, given)) {
        await this.transition(
          tx,
          r,
          'CONSENT_COMPLETE',
          'AWAITING_DEVICE',
          p,
          `consent: ${given.join(', ')}`,
          {
            waitingSince: new Date(),
          },
        );
        return { id, status: 'AWAITING_DEVICE', consents: given, missing: [] };
      }
      await this.event(tx, r, 'CONSENT_RECORDED', r.status, r.status, p, dto.party);
      await tx.referral.update({ where: { id }, data: { version: { increment: 1 } } });
      return { id, status: r.status, consents: given, missing: required.filter((x) => !given.includes(x)) };
    });
  }

  async withdraw(id: string, dto: WithdrawalDto, p: Principal) {
    if (p.roles.includes(Role.PartnerReferrer) && !this.isStaff(p) && dto.withdrawnBy !== 'REFERRER')
      throw new AccessDeniedError(
        "A referrer withdraws the referral; the VRU records the person's withdrawal of consent",
      );
    let signalEnd: string | null = null;
    const result = await this.prisma.$transaction(async (tx) => {
      const r = await this.lock(tx, id, p);
      if (r.status === 'REMOVAL_DUE')
        throw new ConflictError('The episode is already ending: record the removal');
      const to = this.move(r, 'WITHDRAW');
      const reason = `${dto.withdrawnBy}: ${dto.reason}`;
      if (dto.withdrawnBy !== 'REFERRER')
        await tx.consent.updateMany({
          where: { referralId: id, withdrawnAt: null },
          data: { withdrawnAt: new Date(), withdrawnBy: dto.withdrawnBy, withdrawalReason: dto.reason },
        });
      if (r.status === 'ALLOCATED' && r.tagSerial) await this.releaseTag(tx, r, p);
      if (r.status === 'FITTED') {
        // domain.md 3.4.2: the episode ends early; the tag must still come back (tracked by a removal task).
        await markRemovalDue(
          tx,
          id,
          'CONSENT_WITHDRAWN',
          todayInLondon(),
          currentCorrelationId(),
          userActor(p),
        );
        await tx.task.create({
          data: {
            id: randomUUID(),
            kind: 'REMOVAL',
            referralId: id,
            assignee: Role.VruPractitioner,
            dueOn: asDate(todayInLondon()),
            summary: `${r.reference}: consent withdrawn (${dto.withdrawnBy.toLowerCase()}): remove the tag and return it`,
          },
        });
        signalEnd = reason;
      } else {
        await this.transition(tx, r, 'WITHDRAW', to, p, reason, {
          endReason: 'WITHDRAWN',
          waitingSince: null,
        });
      }
      return { id, status: to };
    });
    if (signalEnd)
      await this.signal(id, END_EPISODE_EARLY_SIGNAL, { on: todayInLondon(), reason: signalEnd });
    return result;
  }

  /**
   * Allocates a tag of the referral's pool. The pool row is locked FOR UPDATE, so two coordinators allocating at
   * the same moment queue on it; in_use ≤ capacity is also a CHECK constraint, so no code path can over-allocate.
   */
  async allocate(id: string, dto: AllocationDto, p: Principal) {
    return this.prisma.$transaction(async (tx) => {
      const r = await this.lock(tx, id, p);
      const to = this.move(r, 'ALLOCATE');
      const [pool] = await tx.$queryRaw<Array<{ capacity: number; in_use: number }>>`
        SELECT capacity, in_use FROM pool WHERE code = ${r.pool} FOR UPDATE`;
      if (!pool) throw new ConflictError(`Pool ${r.pool} does not exist`);
      if (pool.in_use >= pool.capacity) {
        const position = await this.waitingPosition(tx, r);
        throw new ConflictError(
          `The ${r.pool} pool is full (${pool.in_use} of ${pool.capacity} tags in use): the referral waits on the list at position ${position}`,
        );
      }
      let serial: string;
      if (dto.serial) {
        const [t] = await tx.$queryRaw<Array<{ serial: string; pool_code: string; status: string }>>`
          SELECT serial, pool_code, status FROM tag WHERE serial = ${dto.serial} FOR UPDATE`;
        if (!t)
          throw new RuleViolationError([
            { rule: 'TAG_SERIAL_UNKNOWN', field: 'serial', message: `no tag ${dto.serial}` },
          ]);
        if (t.pool_code !== r.pool)
          throw new RuleViolationError([
            {
              rule: 'TAG_SERIAL_WRONG_POOL',
              field: 'serial',
              message: `tag ${dto.serial} belongs to the ${t.pool_code} pool, the referral to ${r.pool}`,
            },
          ]);
        if (t.status !== 'IN_STOCK')
          throw new ConflictError(`Tag ${dto.serial} is ${t.status}, not in stock`);
        serial = t.serial;
      } else {
        const [t] = await tx.$queryRaw<Array<{ serial: string }>>`
          SELECT serial FROM tag WHERE pool_code = ${r.pool} AND status = 'IN_STOCK' ORDER BY serial LIMIT 1 FOR UPDATE SKIP LOCKED`;
        if (!t)
          throw new ConflictError(
            `No ${r.pool} tag is in stock (all are out, being inspected, damaged or lost)`,
          );
        serial = t.serial;
      }
      await tx.$executeRaw`UPDATE pool SET in_use = in_use + 1 WHERE code = ${r.pool}`;
      await this.moveTag(tx, serial, 'IN_STOCK', 'ALLOCATED', id, p.subject);
      await this.transition(
        tx,
        r,
        'ALLOCATE',
        to,
        p,
        null,
        { tagSerial: serial, waitingSince: null },
        serial,
      );
      return { id, status: to, tagSerial: serial, pool: r.pool };
    });
  }

  async fit(id: string, dto: FittingDto, p: Principal) {
    const byManager = p.roles.includes(Role.VruManager);
    const length = checkEpisodeLength({ ...dto, byManager }, this.settings.rules);
    const today = todayInLondon();
    const v = [...length.violations];
    if (isAfter(dto.fittedOn, today))
      v.push({ rule: 'TAG_FIT_DATE_IN_FUTURE', field: 'fittedOn', message: 'fittedOn is after today' });
    if (v.length) throw new RuleViolationError(v);
    const plannedEnd = plannedEndDate(dto.fittedOn, length.days);
    return this.prisma.$transaction(async (tx) => {
      const r = await this.lock(tx, id, p);
      const to = this.move(r, 'FIT');
      if (dto.fittedOn < day(r.receivedAt))
        throw new RuleViolationError([
          { rule: 'TAG_FIT_DATE', field: 'fittedOn', message: 'fittedOn is before the referral' },
        ]);
      // vru-notes 3.2: two single-use locking plates per fitting, and a strap of the measured size.
      for (const [kind, size, n] of [
        ['LOCKING_PLATE', '', 2],
        ['STRAP', dto.strapSize, 1],
      ] as const) {
        const c = await tx.consumable.updateMany({
          where: { kind, size, quantity: { gte: n } },
          data: { quantity: { decrement: n } },
        });
        if (c.count === 0)
          throw new ConflictError(
            `Not enough ${kind === 'STRAP' ? `${size} straps` : 'locking plates'} in stock (${n} needed)`,
          );
      }
      await this.moveTag(tx, r.tagSerial!, 'ALLOCATED', 'FITTED', id, p.subject);
      await tx.episode.create({
        data: {
          referralId: id,
          tagSerial: r.tagSerial!,
          fittedOn: asDate(dto.fittedOn),
          fittedBy: p.subject,
          fittedWhere: dto.fittedWhere,
          strapSize: dto.strapSize,
          plannedDays: length.days,
          plannedEnd: asDate(plannedEnd),
          lengthReason: dto.reason ?? null,
          managerReason: dto.managerReason ?? null,
          riskLevel: r.riskLevel,
          status: 'ACTIVE',
        },
      });
      await this.transition(tx, r, 'FIT', to, p, dto.managerReason ?? dto.reason ?? null, {}, r.tagSerial!, {
        fittedOn: dto.fittedOn,
        plannedEndOn: plannedEnd,
      });
      return { id, status: to, fittedOn: dto.fittedOn, plannedEnd, plannedDays: length.days };
    });
  }

  async extend(id: string, dto: ExtensionDto, p: Principal) {
    const length = checkEpisodeLength(
      { ...dto, byManager: p.roles.includes(Role.VruManager) },
      this.settings.rules,
    );
    if (length.violations.length) throw new RuleViolationError(length.violations);
    const out = await this.prisma.$transaction(async (tx) => {
      const r = await this.lock(tx, id, p);
      if (r.status !== 'FITTED')
        throw new ConflictError(`Only a running episode can be extended; the referral is ${r.status}`);
      const e = await tx.episode.findUniqueOrThrow({ where: { referralId: id } });
      const plannedEnd = plannedEndDate(day(e.fittedOn), length.days);
      if (plannedEnd <= todayInLondon())
        throw new RuleViolationError([
          {
            rule: 'TAG_EXTENSION_IN_PAST',
            field: 'days',
            message: `that length ends on ${plannedEnd}, not after today`,
          },
        ]);
      await tx.episode.update({
        where: { referralId: id },
        data: {
          plannedDays: length.days,
          plannedEnd: asDate(plannedEnd),
          lengthReason: dto.reason ?? e.lengthReason,
          managerReason: dto.managerReason ?? e.managerReason,
        },
      });
      await tx.referral.update({ where: { id }, data: { version: { increment: 1 } } });
      await tx.decisionLog.create({
        data: {
          referralId: id,
          action: 'EXTEND',
          fromStatus: r.status,
          toStatus: r.status,
          actor: p.subject,
          reason: dto.managerReason ?? dto.reason ?? null,
        },
      });
      await this.event(tx, r, 'EXTENDED', r.status, r.status, p, dto.managerReason ?? dto.reason ?? '', {
        plannedEndOn: plannedEnd,
      });
      return { id, plannedEnd, plannedDays: length.days };
    });
    await this.signal(id, EXTEND_EPISODE_SIGNAL, { plannedEnd: out.plannedEnd });
    return out;
  }

  async remove(id: string, dto: RemovalDto, p: Principal) {
    const out = await this.prisma.$transaction(async (tx) => {
      const r = await this.lock(tx, id, p);
      const to = this.move(r, 'REMOVE');
      const e = await tx.episode.findUniqueOrThrow({ where: { referralId: id } });
      if (isAfter(dto.removedOn, todayInLondon()) || dto.removedOn < day(e.fittedOn))
        throw new RuleViolationError([
          {
            rule: 'TAG_REMOVAL_DATE',
            field: 'removedOn',
            message: `removedOn must be between the fit (${day(e.fittedOn)}) and today`,
          },
        ]);
      await this.moveTag(tx, r.tagSerial!, 'FITTED', 'REMOVED', id, p.subject);
      await tx.episode.update({
        where: { referralId: id },
        data: { status: 'REMOVED', removedOn: asDate(dto.removedOn), removalReason: dto.reason },
      });
      await tx.task.updateMany({
        where: {
          referralId: id,
          kind: { in: ['REMOVAL', 'REMOVAL_OVERDUE', 'PLANNED_END_REMINDER'] },
          doneAt: null,
        },
        data: { doneAt: new Date(), doneBy: p.subject },
      });
      await tx.task.create({
        data: {
          id: randomUUID(),
          kind: 'OUTCOME_AT_CLOSURE',
          referralId: id,
          assignee: Role.VruPractitioner,
          dueOn: asDate(addCalendarDays(dto.removedOn, 7)),
          summary: `${r.reference}: record the outcomes at closure; inspect tag ${r.tagSerial}`,
        },
      });
      await this.transition(tx, r, 'REMOVE', to, p, dto.reason, { endReason: dto.reason }, r.tagSerial!);
      return { id, status: to, removedOn: dto.removedOn, reason: dto.reason };
    });
    await this.signal(id, TAG_REMOVED_SIGNAL, { removedOn: dto.removedOn });
    return out;
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  private isStaff(p: Principal) {
    return p.roles.some((r) => VRU_STAFF.includes(r));
  }

  /** A referrer sees only its own organisation's referrals (issue 11 §1); VRU staff see all. */
  private scope(p: Principal): Prisma.ReferralWhereInput {
    if (this.isStaff(p)) return {};
    if (p.roles.includes(Role.PartnerReferrer) && p.organisation) return { organisation: p.organisation };
    return { id: '00000000-0000-0000-0000-000000000000' };
  }

  private async lock(tx: Tx, id: string, p: Principal): Promise<ReferralRow> {
    await tx.$queryRaw`SELECT 1 FROM referral WHERE id = ${id}::uuid FOR UPDATE`;
    const r = await tx.referral.findFirst({ where: { id, ...this.scope(p) } });
    if (!r) throw new NotFoundError('Referral', id);
    return r;
  }

  private move(r: ReferralRow, action: ReferralAction): ReferralStatus {
    const to = nextReferralStatus(r.status as ReferralStatus, action);
    if (!to)
      throw new ConflictError(
        `A referral that is ${r.status} cannot be ${action.toLowerCase().replace('_', ' ')}ed; open now: ${openActions(r.status as ReferralStatus).join(', ') || 'nothing (closed)'}`,
      );
    return to;
  }

  private async transition(
    tx: Tx,
    r: ReferralRow,
    action: ReferralAction,
    to: ReferralStatus,
    p: Principal,
    reason: string | null,
    data: Prisma.ReferralUpdateInput,
    tagSerial = '',
    extra: { fittedOn?: string; plannedEndOn?: string } = {},
  ) {
    await tx.referral.update({
      where: { id: r.id },
      data: { ...data, status: to, version: { increment: 1 } },
    });
    await tx.decisionLog.create({
      data: { referralId: r.id, action, fromStatus: r.status, toStatus: to, actor: p.subject, reason },
    });
    await this.event(tx, r, PAST[action], r.status, to, p, reason ?? '', { tagSerial, ...extra });
  }

  private async event(
    tx: Tx,
    r: ReferralRow,
    action: string,
    from: string,
    to: string,
    p: Principal,
    reason: string,
    extra: { tagSerial?: string; fittedOn?: string; plannedEndOn?: string } = {},
  ) {
    await appendToOutbox(
      tx,
      Topics.tagReferralUpdated,
      buildEvent(
        Topics.tagReferralUpdated,
        {
          aggregateId: r.id,
          actor: userActor(p),
          correlationId: currentCorrelationId(),
          processing: Processing.ALTERATION,
        },
        {
          referralId: r.id,
          reference: r.reference,
          action,
          fromStatus: from,
          toStatus: to,
          reason,
          tagSerial: extra.tagSerial ?? r.tagSerial ?? '',
          pool: r.pool,
          fittedOn: extra.fittedOn ?? '',
          plannedEndOn: extra.plannedEndOn ?? '',
          riskLevel: r.riskLevel,
        },
      ),
    );
  }

  private async moveTag(
    tx: Tx,
    serial: string,
    from: string,
    to: string,
    referralId: string | null,
    actor: string,
  ) {
    const { count } = await tx.tag.updateMany({
      where: { serial, status: from },
      data: { status: to, referralId: to === 'IN_STOCK' ? null : referralId, updatedAt: new Date() },
    });
    if (count === 0) throw new ConflictError(`Tag ${serial} is not ${from}`);
    await tx.tagMovement.create({ data: { serial, fromStatus: from, toStatus: to, referralId, actor } });
  }

  private async releaseTag(tx: Tx, r: ReferralRow, p: Principal) {
    await tx.$queryRaw`SELECT 1 FROM pool WHERE code = ${r.pool} FOR UPDATE`;
    await this.moveTag(tx, r.tagSerial!, 'ALLOCATED', 'IN_STOCK', r.id, p.subject);
    await tx.$executeRaw`UPDATE pool SET in_use = in_use - 1 WHERE code = ${r.pool}`;
  }

  private async waitingPosition(tx: Tx, r: ReferralRow): Promise<number> {
    const [row] = await tx.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM referral w
       WHERE w.status = 'AWAITING_DEVICE' AND w.pool = ${r.pool}
         AND (${RISK_RANK_SQL(r.riskLevel)} > (CASE w.risk_level WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 ELSE 2 END)
              OR (${RISK_RANK_SQL(r.riskLevel)} = (CASE w.risk_level WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 ELSE 2 END)
                  AND w.waiting_since <= ${r.waitingSince ?? new Date()}))`;
    return row.n;
  }

  private async signal(referralId: string, signal: string, arg: unknown) {
    try {
      await this.temporal.workflow.getHandle(episodeWorkflowId(referralId)).signal(signal, arg);
    } catch (err) {
      // The workflow reads the record every day, so a missed signal is caught up by the next day's work.
      this.log.warn({ referralId, signal, err: (err as Error).message }, 'episode workflow not signalled');
    }
  }
}

const RISK_RANK_SQL = (risk: string) => (risk === 'HIGH' ? 0 : risk === 'MEDIUM' ? 1 : 2);

const PAST: Record<ReferralAction, string> = {
  ACCEPT: 'ACCEPTED',
  DECLINE: 'DECLINED',
  REQUEST_INFO: 'MORE_INFO_REQUESTED',
  PROVIDE_INFO: 'INFO_PROVIDED',
  CONSENT_COMPLETE: 'CONSENT_COMPLETE',
  ALLOCATE: 'ALLOCATED',
  FIT: 'FITTED',
  END_DUE: 'END_DUE',
  REMOVE: 'REMOVED',
  CLOSE: 'CLOSED',
  WITHDRAW: 'WITHDRAWN',
};
