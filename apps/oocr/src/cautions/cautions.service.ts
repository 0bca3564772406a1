import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@oversight/auth';
import { ActorKind, buildEvent, CautionChange, Processing, Topics } from '@oversight/contracts';
import { ConflictError, NotFoundError, RuleViolationError, Violation } from '@oversight/domain-errors';
import { appendToOutbox } from '@oversight/messaging';
import { todayInLondon } from '@oversight/nest-platform';
import { currentCorrelationId } from '@oversight/observability';
import {
  isAfter,
  isBefore,
  isDisposalType,
  isPoliceRank,
  rankAtLeast,
  validateBreachDecision,
  validateCompletionDueDate,
  validateConditions,
  type BreachDecisionType,
  type ConditionKind,
  type ConditionPurpose,
  type DisposalType,
  type IsoDate,
  type OffenceClass,
  type WarningAcknowledgement,
} from '@oversight/oocr-rules';
import { Client as TemporalClient } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { userActor } from '../common/actor';
import { asDate, asDateOrNull, day, dayOrNull } from '../common/dates';
import { OocrSettings } from '../config/oocr-settings';
import { AcknowledgedWarning, timeLimitOnNewCompletionDate } from '../disposals/disposal-validation';
import { ConditionInput } from '../disposals/disposal.input';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infrastructure/prisma.service';
import {
  BREACH_DECIDED_SIGNAL,
  BreachDecidedSignal,
  CAUTION_STATE_QUERY,
  CautionWorkflowState,
  cautionWorkflowId,
  COMPLETION_EXTENDED_SIGNAL,
  CompletionExtendedSignal,
  CONDITION_EVIDENCED_SIGNAL,
  ConditionEvidencedSignal,
  CONDITIONS_VARIED_SIGNAL,
  ConditionsVariedSignal,
  PROCEEDINGS_STARTED_SIGNAL,
  ProceedingsStartedSignal,
  ScheduledItem,
} from '../workflows/caution.types';
import { scheduleConditions, scheduleItem } from './caution-schedule';
import {
  BreachDecisionDto,
  ExtendCompletionDto,
  ProceedingsStartedDto,
  ReasonableExcuseDto,
  RecordEvidenceDto,
  VariationDto,
  VaryConditionsDto,
} from './dto/caution.dto';

type Tx = Prisma.TransactionClient;

/** The caution's workflow is not running: not started yet (its event is on its way), or already ended. */
export class WorkflowNotRunningError extends ConflictError {
  constructor() {
    super('The caution workflow is not running (not started yet, or already ended): nothing was changed');
  }
}

const RUNNING = ['ACTIVE', 'BREACH_ASSESSMENT', 'AWAITING_POST_ARREST_DECISION'];

const CAUTION_FOR_CHANGE = {
  disposal: {
    select: {
      reference: true,
      offenderId: true,
      disposalType: true,
      offenceClass: true,
      offenceDate: true,
      issueDate: true,
      signedConsentRef: true,
    },
  },
  conditions: { include: { instalments: { orderBy: { number: 'asc' } } }, orderBy: { seq: 'asc' } },
} satisfies Prisma.CautionInclude;
type CautionForChange = Prisma.CautionGetPayload<{ include: typeof CAUTION_FOR_CHANGE }>;

export interface EvidenceFromProvider {
  evidenceId: string;
  cautionReference: string;
  conditionId: string;
  instalmentNumber: number | null;
  provider: string;
  reference: string;
  completedOn: IsoDate;
  description?: string;
  recordedBy: string;
  correlationId: string;
}

/**
 * What staff (and providers) do to a running conditional caution. Each change is validated against the rules and
 * the stored state, written with its event, and signalled to the caution's workflow in one transaction: the signal
 * is the last step before the commit, so a failed signal leaves nothing behind. The workflow then writes the
 * resulting state (condition and caution statuses) back through its activities.
 */
@Injectable()
export class CautionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly settings: OocrSettings,
    @Inject(TemporalClient) private readonly temporal: TemporalClient,
  ) {}

  async list(q: { status?: string; dueBefore?: string; limit?: number; offset?: number }) {
    const rows = await this.prisma.caution.findMany({
      where: {
        ...(q.status ? { status: q.status } : {}),
        ...(q.dueBefore ? { completionDueDate: { lte: asDate(q.dueBefore) } } : {}),
      },
      include: {
        disposal: {
          select: {
            reference: true,
            disposalType: true,
            district: true,
            issueDate: true,
            offenceClass: true,
          },
        },
      },
      orderBy: [{ completionDueDate: 'asc' }],
      take: q.limit ?? 50,
      skip: q.offset ?? 0,
    });
    return rows.map((c) => ({
      id: c.disposalId,
      reference: c.disposal.reference,
      disposalType: c.disposal.disposalType,
      district: c.disposal.district,
      issueDate: day(c.disposal.issueDate),
      status: c.status,
      completionDueDate: day(c.completionDueDate),
      timeLimitStatus: c.timeLimitStatus,
      lastDateToLay: dayOrNull(c.lastDateToLay),
    }));
  }

  /** The workflow's own view (live from Temporal): what the database shows plus timers, reminders and rejected signals. */
  async workflowState(cautionId: string): Promise<CautionWorkflowState> {
    await this.load(this.prisma, cautionId);
    try {
      return await this.temporal.workflow
        .getHandle(cautionWorkflowId(cautionId))
        .query<CautionWorkflowState>(CAUTION_STATE_QUERY);
    } catch (err) {
      if ((err as Error).name === 'WorkflowNotFoundError')
        throw new ConflictError('The caution workflow has not started yet; try again in a moment');
      throw err;
    }
  }

  // --- evidence ---

  async recordEvidence(
    cautionId: string,
    conditionId: string,
    dto: RecordEvidenceDto,
    principal: Principal,
  ): Promise<{ evidenceId: string }> {
    return this.prisma.$transaction(async (tx) => {
      const c = await this.lockForChange(tx, cautionId);
      const evidenceId = randomUUID();
      await this.addEvidence(tx, c, {
        evidenceId,
        conditionId,
        instalmentNumber: dto.instalmentNumber ?? null,
        source: 'STAFF',
        provider: null,
        reference: dto.reference,
        description: dto.description,
        completedOn: dto.completedOn,
        recordedBy: principal.subject,
        actor: userActor(principal),
        correlationId: currentCorrelationId(),
      });
      return { evidenceId };
    });
  }

  /** From a provider's event (in the consumer's inbox transaction). */
  async recordProviderEvidence(tx: Tx, e: EvidenceFromProvider): Promise<void> {
    const c = await this.lockForChange(tx, await this.cautionOfCondition(tx, e.conditionId));
    if (c.disposal.reference !== e.cautionReference)
      throw new RuleViolationError([
        {
          rule: 'OOCR_EVIDENCE_REFERENCE_MISMATCH',
          field: 'cautionReference',
          message: `Condition ${e.conditionId} does not belong to caution ${e.cautionReference}.`,
        },
      ]);
    await this.addEvidence(tx, c, {
      ...e,
      source: 'PROVIDER',
      actor: { subject: e.recordedBy, kind: ActorKind.EXTERNAL_SYSTEM, roles: [] },
    });
  }

  private async cautionOfCondition(tx: Tx, conditionId: string): Promise<string> {
    const condition = await tx.condition.findUnique({
      where: { id: conditionId },
      select: { cautionId: true },
    });
    if (!condition) throw new NotFoundError('Condition', conditionId);
    return condition.cautionId;
  }

  private async addEvidence(
    tx: Tx,
    c: CautionForChange,
    e: {
      evidenceId: string;
      conditionId: string;
      instalmentNumber: number | null;
      source: 'STAFF' | 'PROVIDER';
      provider: string | null;
      reference: string;
      description?: string;
      completedOn: IsoDate;
      recordedBy: string;
      actor: { subject: string; kind: ActorKind; roles: string[]; team?: string };
      correlationId: string;
    },
  ): Promise<void> {
    const condition = c.conditions.find((x) => x.id === e.conditionId);
    if (!condition) throw new NotFoundError(`Condition of caution ${c.disposal.reference}`, e.conditionId);
    this.assertRunning(c);
    const v: Violation[] = [];
    if (condition.instalments.length && e.instalmentNumber === null)
      v.push({
        rule: 'OOCR_INSTALMENT_REQUIRED',
        field: 'instalmentNumber',
        message: 'This condition is paid in instalments: say which instalment the evidence is for.',
      });
    if (!condition.instalments.length && e.instalmentNumber !== null)
      v.push({
        rule: 'OOCR_INSTALMENT_UNKNOWN',
        field: 'instalmentNumber',
        message: 'This condition has no payment plan.',
      });
    const instalment =
      e.instalmentNumber === null ? null : condition.instalments.find((i) => i.number === e.instalmentNumber);
    if (e.instalmentNumber !== null && condition.instalments.length && !instalment)
      v.push({
        rule: 'OOCR_INSTALMENT_UNKNOWN',
        field: 'instalmentNumber',
        message: `The payment plan has ${condition.instalments.length} instalments.`,
      });
    if (isAfter(e.completedOn, todayInLondon()))
      v.push({
        rule: 'OOCR_DATE_IN_FUTURE',
        field: 'completedOn',
        message: 'completedOn cannot be in the future.',
      });
    if (isBefore(e.completedOn, day(c.disposal.issueDate)))
      v.push({
        rule: 'OOCR_EVIDENCE_BEFORE_ISSUE',
        field: 'completedOn',
        message: 'A condition cannot be completed before the caution was issued.',
      });
    if (v.length) throw new RuleViolationError(v);
    const status = instalment ? instalment.status : condition.status;
    if (status !== 'PENDING' && status !== 'MISSED')
      throw new ConflictError(`That ${instalment ? 'instalment' : 'condition'} is already ${status}`);
    // The status above is written back by the workflow a moment after the signal: evidence recorded in that gap
    // (a provider resending, an officer at the same time) is found here instead. The caution row is locked.
    const earlier = await tx.conditionEvidence.findFirst({
      where: { conditionId: e.conditionId, instalmentNumber: e.instalmentNumber },
      select: { reference: true },
    });
    if (earlier)
      throw new ConflictError(
        `That ${instalment ? 'instalment' : 'condition'} is already evidenced (${earlier.reference})`,
      );

    await tx.conditionEvidence.create({
      data: {
        id: e.evidenceId,
        conditionId: e.conditionId,
        instalmentNumber: e.instalmentNumber,
        source: e.source,
        provider: e.provider,
        reference: e.reference,
        description: e.description ?? null,
        completedOn: asDate(e.completedOn),
        recordedBy: e.recordedBy,
      },
    });
    await this.event(
      tx,
      c,
      CautionChange.CONDITION_EVIDENCED,
      `condition ${condition.seq}${e.instalmentNumber ? ` instalment ${e.instalmentNumber}` : ''} completed ${e.completedOn} (${e.source})`,
      e.actor,
      e.correlationId,
    );
    const signal: ConditionEvidencedSignal = {
      evidenceId: e.evidenceId,
      conditionId: e.conditionId,
      instalmentNumber: e.instalmentNumber,
      completedOn: e.completedOn,
    };
    await this.signal(c.disposalId, CONDITION_EVIDENCED_SIGNAL, signal);
  }

  // --- extension and variation ---

  async extend(
    cautionId: string,
    dto: ExtendCompletionDto,
    principal: Principal,
  ): Promise<{ completionDueDate: string; warnings: AcknowledgedWarning[] }> {
    return this.prisma.$transaction(async (tx) => {
      const c = await this.lockForChange(tx, cautionId);
      this.assertRunning(c);
      const type = this.typeOf(c);
      const issueDate = day(c.disposal.issueDate);
      const current = day(c.completionDueDate);
      const v: Violation[] = [];
      if (!isAfter(dto.newCompletionDueDate, current))
        v.push({
          rule: 'OOCR_EXTENSION_NOT_LATER',
          field: 'newCompletionDueDate',
          message: `An extension must be later than the current completion due date (${current}).`,
        });
      v.push(
        ...validateCompletionDueDate(
          {
            disposalType: type,
            issueDate,
            completionDueDate: dto.newCompletionDueDate,
            exceptionalReason: dto.exceptionalReason,
          },
          this.settings.rules,
        ).violations,
      );
      v.push(...this.authorisationViolations(dto.authoriser, 'authoriser'));
      const timeLimit = this.timeLimitOnChange(
        c,
        dto.newCompletionDueDate,
        dto.acknowledgements,
        'newCompletionDueDate',
        principal,
      );
      v.push(...timeLimit.violations);
      const reschedule = this.rescheduled(c, dto.conditionDueDates ?? [], v);
      v.push(
        ...this.conditionDateViolations(
          c,
          type,
          issueDate,
          dto.newCompletionDueDate,
          [],
          [],
          dto.conditionDueDates ?? [],
        ),
      );
      if (v.length) throw new RuleViolationError(v);

      await tx.cautionExtension.create({
        data: {
          id: randomUUID(),
          cautionId,
          previousDueDate: c.completionDueDate,
          newDueDate: asDate(dto.newCompletionDueDate),
          exceptionalReason: dto.exceptionalReason,
          authorisedBy: dto.authoriser.id,
          authoriserRank: dto.authoriser.rank ?? null,
          acknowledgedWarnings: timeLimit.acknowledgedWarnings as unknown as Prisma.InputJsonValue,
        },
      });
      await tx.caution.update({
        where: { disposalId: cautionId },
        data: { extensionReason: dto.exceptionalReason },
      });
      await this.event(
        tx,
        c,
        CautionChange.COMPLETION_EXTENDED,
        `completion due ${current} → ${dto.newCompletionDueDate}${warningCodes(timeLimit.acknowledgedWarnings)}`,
        userActor(principal),
        currentCorrelationId(),
      );
      const signal: CompletionExtendedSignal = {
        extensionId: randomUUID(),
        newCompletionDueDate: dto.newCompletionDueDate,
        reschedule,
      };
      await this.signal(cautionId, COMPLETION_EXTENDED_SIGNAL, signal);
      return { completionDueDate: dto.newCompletionDueDate, warnings: timeLimit.acknowledgedWarnings };
    });
  }

  async vary(
    cautionId: string,
    dto: VaryConditionsDto,
    principal: Principal,
  ): Promise<{ variationId: string; addedConditionIds: string[]; warnings: AcknowledgedWarning[] }> {
    return this.prisma.$transaction(async (tx) => {
      const c = await this.lockForChange(tx, cautionId);
      if (c.status !== 'ACTIVE')
        throw new ConflictError(
          `Conditions can be varied outside a breach decision only while the caution is ACTIVE (it is ${c.status})`,
        );
      const v = this.authorisationViolations(dto.authoriser, 'authoriser');
      const { signal, addedConditionIds, warnings } = await this.prepareVariation(
        tx,
        c,
        dto,
        v,
        dto.authoriser,
        null,
        principal,
        'newCompletionDueDate',
      );
      await this.event(
        tx,
        c,
        CautionChange.CONDITIONS_VARIED,
        `variation ${signal.variationId}: ${addedConditionIds.length} added, ${signal.withdrawConditionIds.length} withdrawn${warningCodes(warnings)}`,
        userActor(principal),
        currentCorrelationId(),
      );
      await this.signal(cautionId, CONDITIONS_VARIED_SIGNAL, signal);
      return { variationId: signal.variationId, addedConditionIds, warnings };
    });
  }

  /**
   * Validates a variation against the resulting set of conditions (purposes, the 20-hour cap, the penalty cap, due
   * dates within the completion date, which may move within the 20-week limit), then writes the new conditions.
   */
  private async prepareVariation(
    tx: Tx,
    c: CautionForChange,
    dto: VariationDto,
    v: Violation[],
    authoriser: { id: string; rank?: string },
    breachId: string | null,
    principal: Principal,
    dateField: string,
  ): Promise<{
    signal: ConditionsVariedSignal;
    addedConditionIds: string[];
    warnings: AcknowledgedWarning[];
  }> {
    const type = this.typeOf(c);
    const issueDate = day(c.disposal.issueDate);
    const completionDue = dto.newCompletionDueDate ?? day(c.completionDueDate);
    const withdraw = dto.withdrawConditionIds ?? [];
    withdraw.forEach((id, i) => {
      if (!c.conditions.some((x) => x.id === id))
        v.push({
          rule: 'OOCR_CONDITION_UNKNOWN',
          field: `withdrawConditionIds[${i}]`,
          message: `Condition ${id} is not part of this caution.`,
        });
    });
    if (dto.newCompletionDueDate)
      v.push(
        ...validateCompletionDueDate(
          {
            disposalType: type,
            issueDate,
            completionDueDate: dto.newCompletionDueDate,
            exceptionalReason: dto.exceptionalReason,
          },
          this.settings.rules,
        ).violations,
      );
    const moved = Boolean(dto.newCompletionDueDate) && dto.newCompletionDueDate !== day(c.completionDueDate);
    const timeLimit =
      dto.newCompletionDueDate && moved
        ? this.timeLimitOnChange(c, dto.newCompletionDueDate, dto.acknowledgements, dateField, principal)
        : { violations: [], acknowledgedWarnings: [] };
    v.push(...timeLimit.violations);
    const added = dto.add ?? [];
    if (
      !withdraw.length &&
      !added.length &&
      !dto.newCompletionDueDate &&
      !(dto.conditionDueDates ?? []).length &&
      breachId === null
    )
      v.push({
        rule: 'OOCR_VARIATION_EMPTY',
        field: 'add',
        message: 'A variation must add, withdraw or reschedule something.',
      });
    added.forEach((a, i) => {
      if (a.instalments?.length)
        v.push({
          rule: 'OOCR_INSTALMENTS_NOT_SUPPORTED_IN_VARIATION',
          field: `add[${i}].instalments`,
          message: 'Add a payment plan as separate conditions, one per payment, when varying.',
        });
    });
    const reschedule = this.rescheduled(c, dto.conditionDueDates ?? [], v);
    v.push(
      ...this.conditionDateViolations(
        c,
        type,
        issueDate,
        completionDue,
        withdraw,
        added,
        dto.conditionDueDates ?? [],
      ),
    );
    if (v.length) throw new RuleViolationError(v);

    const variationId = randomUUID();
    let seq = Math.max(0, ...c.conditions.map((x) => x.seq));
    const addedConditionIds: string[] = [];
    for (const a of added) {
      const id = randomUUID();
      addedConditionIds.push(id);
      await tx.condition.create({
        data: {
          id,
          cautionId: c.disposalId,
          seq: ++seq,
          purpose: a.purpose,
          kind: a.kind,
          description: a.description,
          hours: a.hours ?? null,
          amountPence: a.amountPence ?? null,
          supportsPurpose: a.supportsPurpose ?? null,
          provider: a.provider ?? null,
          dueDate: asDate(a.dueDate),
          variationId,
        },
      });
    }
    if (moved && dto.newCompletionDueDate) {
      await tx.cautionExtension.create({
        data: {
          id: randomUUID(),
          cautionId: c.disposalId,
          previousDueDate: c.completionDueDate,
          newDueDate: asDate(dto.newCompletionDueDate),
          exceptionalReason: dto.exceptionalReason ?? null,
          breachId,
          authorisedBy: authoriser.id,
          authoriserRank: authoriser.rank ?? null,
          acknowledgedWarnings: timeLimit.acknowledgedWarnings as unknown as Prisma.InputJsonValue,
        },
      });
    }
    return {
      signal: {
        variationId,
        newCompletionDueDate: dto.newCompletionDueDate,
        add: scheduleConditions(
          added.map((a, i) => ({ id: addedConditionIds[i], dueDate: a.dueDate, instalments: [] })),
          this.settings.reminderDaysBefore,
        ),
        withdrawConditionIds: withdraw,
        reschedule,
      },
      addedConditionIds,
      warnings: timeLimit.acknowledgedWarnings,
    };
  }

  // --- breaches ---

  async assessBreach(
    cautionId: string,
    breachId: string,
    dto: ReasonableExcuseDto,
    principal: Principal,
  ): Promise<{ status: string }> {
    return this.prisma.$transaction(async (tx) => {
      const c = await this.lockForChange(tx, cautionId);
      const b = await this.breachOf(tx, cautionId, breachId);
      if (b.status !== 'AWAITING_ASSESSMENT' && b.status !== 'AWAITING_DECISION')
        throw new ConflictError(`The breach is ${b.status}: the assessment can no longer change`);
      const v: Violation[] = [];
      if (!dto.rationale.trim())
        v.push({
          rule: 'OOCR_REASONABLE_EXCUSE_ASSESSMENT_REQUIRED',
          field: 'rationale',
          message: 'Record the rationale of the reasonable-excuse assessment.',
        });
      if (isBefore(dto.assessedOn, day(b.detectedOn)))
        v.push({
          rule: 'OOCR_ASSESSMENT_BEFORE_BREACH',
          field: 'assessedOn',
          message: 'The assessment cannot be dated before the breach was detected.',
        });
      if (isAfter(dto.assessedOn, todayInLondon()))
        v.push({
          rule: 'OOCR_DATE_IN_FUTURE',
          field: 'assessedOn',
          message: 'assessedOn cannot be in the future.',
        });
      if (v.length) throw new RuleViolationError(v);
      await tx.breach.update({
        where: { id: breachId },
        data: {
          excuseOutcome: dto.outcome,
          excuseRationale: dto.rationale,
          excuseAssessedOn: asDate(dto.assessedOn),
          excuseAssessedBy: principal.subject,
          status: 'AWAITING_DECISION',
        },
      });
      await tx.officerTask.updateMany({
        where: { disposalId: cautionId, kind: 'BREACH_ASSESSMENT', doneAt: null },
        data: { doneAt: new Date() },
      });
      await this.event(
        tx,
        c,
        CautionChange.BREACH_ASSESSED,
        `breach ${breachId}: ${dto.outcome}`,
        userActor(principal),
        currentCorrelationId(),
      );
      return { status: 'AWAITING_DECISION' };
    });
  }

  /** The decision after a breach (domain.md 2.1.11, 2.1.12, 2.6.6), validated by validateBreachDecision. */
  async decideBreach(
    cautionId: string,
    breachId: string,
    dto: BreachDecisionDto,
    principal: Principal,
  ): Promise<{ decision: BreachDecisionType; cautionStatus: string }> {
    return this.prisma.$transaction(async (tx) => {
      const c = await this.lockForChange(tx, cautionId);
      const b = await this.breachOf(tx, cautionId, breachId);
      if (b.status === 'AWAITING_ASSESSMENT')
        throw new RuleViolationError([
          {
            rule: 'OOCR_REASONABLE_EXCUSE_ASSESSMENT_REQUIRED',
            field: 'reasonableExcuseAssessment',
            message:
              'Assess and record whether the offender had a reasonable excuse, with the rationale, before deciding.',
          },
        ]);
      if (b.status === 'DECIDED') throw new ConflictError(`This breach was already decided (${b.decision})`);
      const v: Violation[] = [];
      if (b.status === 'AWAITING_POST_ARREST_DECISION' && dto.type === 'ARREST_S24A')
        v.push({
          rule: 'OOCR_ALREADY_ARRESTED',
          field: 'type',
          message:
            'The offender was arrested for this breach: record the decision after arrest (charge, vary or no further action).',
        });
      if (dto.type !== 'VARY_CONDITIONS' && dto.variation)
        v.push({
          rule: 'OOCR_VARIATION_WITHOUT_DECISION',
          field: 'variation',
          message: 'A variation goes with a decision to vary the conditions.',
        });
      if (dto.type === 'VARY_CONDITIONS' && !dto.variation)
        v.push({
          rule: 'OOCR_VARIATION_REQUIRED',
          field: 'variation',
          message: 'Say how the conditions are varied.',
        });
      if (isAfter(dto.decidedOn, todayInLondon()))
        v.push({
          rule: 'OOCR_DATE_IN_FUTURE',
          field: 'decidedOn',
          message: 'decidedOn cannot be in the future.',
        });
      const signedDocumentRef = dto.signedDocumentRef ?? c.disposal.signedConsentRef ?? undefined;
      const result = validateBreachDecision(
        {
          disposalType: this.typeOf(c),
          offenceClass: c.disposal.offenceClass as OffenceClass,
          offenceDate: day(c.disposal.offenceDate),
          breachDetectedOn: day(b.detectedOn),
          reasonableExcuseAssessment: b.excuseOutcome
            ? {
                assessedOn: day(b.excuseAssessedOn!),
                outcome: b.excuseOutcome as 'REASONABLE_EXCUSE' | 'NO_REASONABLE_EXCUSE',
                rationale: b.excuseRationale ?? '',
              }
            : null,
          decision: {
            type: dto.type,
            decidedOn: dto.decidedOn,
            authoriser: dto.authoriser
              ? {
                  id: dto.authoriser.id,
                  rank: dto.authoriser.rank,
                  dppAuthorised: dto.authoriser.dppAuthorised,
                }
              : null,
            signedDocumentRef,
            proceedingsStartedOn: dto.proceedingsStartedOn,
          },
        },
        this.settings.rules,
      );
      v.push(...result.violations);
      let variation: ConditionsVariedSignal | undefined;
      if (dto.type === 'VARY_CONDITIONS' && dto.variation) {
        // The missed conditions are replaced by the variation whatever it lists.
        const missed = ((b.missedItems as Array<{ conditionId: string }>) ?? []).map((m) => m.conditionId);
        const withdraw = [...new Set([...(dto.variation.withdrawConditionIds ?? []), ...missed])];
        variation = (
          await this.prepareVariation(
            tx,
            c,
            { ...dto.variation, withdrawConditionIds: withdraw },
            v,
            dto.authoriser ?? { id: principal.subject },
            breachId,
            principal,
            'variation.newCompletionDueDate',
          )
        ).signal;
      } else if (v.length) {
        throw new RuleViolationError(v);
      }

      const arrested = dto.type === 'ARREST_S24A';
      const history = [
        ...((b.history as unknown[]) ?? []),
        ...(b.decision
          ? [{ decision: b.decision, decidedOn: dayOrNull(b.decidedOn), decidedBy: b.decidedBy }]
          : []),
      ];
      await tx.breach.update({
        where: { id: breachId },
        data: {
          decision: dto.type,
          decidedOn: asDate(dto.decidedOn),
          decidedBy: principal.subject,
          authoriserRank: dto.authoriser?.rank ?? null,
          signedDocumentRef: dto.type === 'PROSECUTE_ORIGINAL_OFFENCE' ? signedDocumentRef : null,
          proceedingsStartedOn: asDateOrNull(dto.proceedingsStartedOn),
          status: arrested ? 'AWAITING_POST_ARREST_DECISION' : 'DECIDED',
          history: history as Prisma.InputJsonValue,
        },
      });
      const cautionStatus =
        dto.type === 'PROSECUTE_ORIGINAL_OFFENCE'
          ? dto.proceedingsStartedOn
            ? 'CEASED'
            : 'PROSECUTION_PENDING'
          : arrested
            ? 'AWAITING_POST_ARREST_DECISION'
            : 'ACTIVE';
      await this.event(
        tx,
        c,
        CautionChange.BREACH_DECIDED,
        `breach ${breachId}: ${dto.type}`,
        userActor(principal),
        currentCorrelationId(),
      );
      const signal: BreachDecidedSignal = {
        breachId,
        decision: dto.type,
        decidedOn: dto.decidedOn,
        proceedingsStartedOn: dto.proceedingsStartedOn,
        variation,
      };
      await this.signal(cautionId, BREACH_DECIDED_SIGNAL, signal);
      return { decision: dto.type, cautionStatus };
    });
  }

  async proceedingsStarted(
    cautionId: string,
    dto: ProceedingsStartedDto,
    principal: Principal,
  ): Promise<{ status: string }> {
    return this.prisma.$transaction(async (tx) => {
      const c = await this.lockForChange(tx, cautionId);
      if (c.status !== 'PROSECUTION_PENDING')
        throw new ConflictError(`No prosecution is pending for this caution (it is ${c.status})`);
      const decided = await tx.breach.findFirst({
        where: { cautionId, decision: 'PROSECUTE_ORIGINAL_OFFENCE' },
        orderBy: { decidedOn: 'desc' },
      });
      const v: Violation[] = [];
      if (decided?.decidedOn && isBefore(dto.startedOn, day(decided.decidedOn)))
        v.push({
          rule: 'OOCR_PROCEEDINGS_BEFORE_DECISION',
          field: 'startedOn',
          message: 'Proceedings cannot start before the decision to prosecute.',
        });
      if (isAfter(dto.startedOn, todayInLondon()))
        v.push({
          rule: 'OOCR_DATE_IN_FUTURE',
          field: 'startedOn',
          message: 'startedOn cannot be in the future.',
        });
      if (v.length) throw new RuleViolationError(v);
      if (decided)
        await tx.breach.update({
          where: { id: decided.id },
          data: { proceedingsStartedOn: asDate(dto.startedOn) },
        });
      await this.event(
        tx,
        c,
        CautionChange.PROCEEDINGS_STARTED,
        `proceedings started ${dto.startedOn}: the caution ceases`,
        userActor(principal),
        currentCorrelationId(),
      );
      const signal: ProceedingsStartedSignal = { startedOn: dto.startedOn };
      await this.signal(cautionId, PROCEEDINGS_STARTED_SIGNAL, signal);
      return { status: 'CEASED' };
    });
  }

  // --- helpers ---

  /** Loads the caution and locks its row, so two changes to one caution are applied one after the other. */
  private async lockForChange(tx: Tx, cautionId: string): Promise<CautionForChange> {
    const locked = await tx.$queryRawUnsafe<unknown[]>(
      `SELECT 1 FROM caution WHERE disposal_id = $1::uuid FOR UPDATE`,
      cautionId,
    );
    if (!locked.length) throw new NotFoundError('Conditional caution', cautionId);
    return this.load(tx, cautionId);
  }

  private async load(db: Tx | PrismaService, cautionId: string): Promise<CautionForChange> {
    const c = await db.caution.findUnique({ where: { disposalId: cautionId }, include: CAUTION_FOR_CHANGE });
    if (!c) throw new NotFoundError('Conditional caution', cautionId);
    return c;
  }

  private async breachOf(tx: Tx, cautionId: string, breachId: string) {
    const b = await tx.breach.findUnique({ where: { id: breachId } });
    if (!b || b.cautionId !== cautionId) throw new NotFoundError('Breach of this caution', breachId);
    return b;
  }

  /** The summary-only time limit re-checked on a new completion date (as at issue: disposal-validation.ts). */
  private timeLimitOnChange(
    c: CautionForChange,
    newCompletionDueDate: string,
    acknowledgements: Array<{ rule: string; reason: string }> | undefined,
    field: string,
    principal: Principal,
  ) {
    return timeLimitOnNewCompletionDate(
      {
        disposalType: this.typeOf(c),
        offenceClass: c.disposal.offenceClass,
        offenceDate: day(c.disposal.offenceDate),
        today: todayInLondon(),
        newCompletionDueDate,
        acknowledgements: acknowledgements as WarningAcknowledgement[] | undefined,
        field,
      },
      this.settings.rules,
      principal.subject,
    );
  }

  private typeOf(c: CautionForChange): DisposalType {
    if (!isDisposalType(c.disposal.disposalType))
      throw new Error(`caution ${c.disposalId} has unknown type ${c.disposal.disposalType}`);
    return c.disposal.disposalType;
  }

  private assertRunning(c: CautionForChange): void {
    if (!RUNNING.includes(c.status))
      throw new ConflictError(`The caution is ${c.status}: it can no longer change`);
  }

  /** Extensions and variations need an authoriser of the configured rank (sergeant by default [U]). */
  private authorisationViolations(
    a: { id: string; rank?: string; dppAuthorised?: boolean } | undefined,
    field: string,
  ): Violation[] {
    const minimum = this.settings.rules.breach.variationMinimumRank;
    if (a?.dppAuthorised) return [];
    if (!a || !isPoliceRank(a.rank) || !rankAtLeast(a.rank, minimum))
      return [
        {
          rule: 'OOCR_VARIATION_AUTHORISATION_REQUIRED',
          field: `${field}.rank`,
          message: `This change needs authorisation by a ${minimum} or above.`,
        },
      ];
    return [];
  }

  /** New due dates for pending conditions or instalments, as workflow schedule items. */
  private rescheduled(
    c: CautionForChange,
    changes: Array<{ conditionId: string; instalmentNumber?: number; dueDate: string }>,
    v: Violation[],
  ): ScheduledItem[] {
    const out: ScheduledItem[] = [];
    changes.forEach((ch, i) => {
      const condition = c.conditions.find((x) => x.id === ch.conditionId);
      const instalment = ch.instalmentNumber
        ? condition?.instalments.find((x) => x.number === ch.instalmentNumber)
        : undefined;
      if (
        !condition ||
        (ch.instalmentNumber && !instalment) ||
        (!ch.instalmentNumber && condition.instalments.length)
      ) {
        v.push({
          rule: 'OOCR_CONDITION_UNKNOWN',
          field: `conditionDueDates[${i}]`,
          message: 'No such pending condition or instalment on this caution.',
        });
        return;
      }
      const status = instalment ? instalment.status : condition.status;
      if (status !== 'PENDING') {
        v.push({
          rule: 'OOCR_CONDITION_NOT_PENDING',
          field: `conditionDueDates[${i}]`,
          message: `Only pending conditions can be rescheduled (this one is ${status}).`,
        });
        return;
      }
      out.push(
        scheduleItem(
          ch.conditionId,
          ch.instalmentNumber ?? null,
          ch.dueDate,
          this.settings.reminderDaysBefore,
        ),
      );
    });
    return out;
  }

  /** The conditions after a change, checked as a set by validateConditions (limits, purposes, due dates). */
  private conditionDateViolations(
    c: CautionForChange,
    type: DisposalType,
    issueDate: IsoDate,
    completionDueDate: IsoDate,
    withdraw: string[],
    added: ConditionInput[],
    dueChanges: Array<{ conditionId: string; instalmentNumber?: number; dueDate: string }>,
  ): Violation[] {
    const live = c.conditions.filter(
      (x) => !withdraw.includes(x.id) && !['VARIED', 'CANCELLED', 'WAIVED', 'MISSED'].includes(x.status),
    );
    const current = live.map((x) => ({
      purpose: x.purpose as ConditionPurpose,
      kind: x.kind as ConditionKind,
      hours: x.hours === null ? undefined : Number(x.hours),
      amountPence: x.amountPence ?? undefined,
      supportsPurpose: (x.supportsPurpose ?? undefined) as 'REHABILITATIVE' | 'REPARATIVE' | undefined,
      dueDate:
        x.status === 'PENDING'
          ? (dueChanges.find((d) => d.conditionId === x.id && !d.instalmentNumber)?.dueDate ?? day(x.dueDate))
          : issueDate, // completed ones: only their limits count
    }));
    const result = validateConditions(
      {
        disposalType: type,
        offenceClass: c.disposal.offenceClass as OffenceClass,
        issueDate,
        completionDueDate,
        conditions: [...current, ...added],
      },
      this.settings.rules,
    );
    // Paths from validateConditions index the combined list: say which list they came from.
    return result.violations.map((x) => ({
      ...x,
      field: x.field.replace(/^conditions\[(\d+)\]/, (_m, n: string) =>
        Number(n) < current.length
          ? `conditions[seq ${live[Number(n)].seq}]`
          : `add[${Number(n) - current.length}]`,
      ),
    }));
  }

  private async event(
    tx: Tx,
    c: CautionForChange,
    change: CautionChange,
    detail: string,
    actor: { subject: string; kind: ActorKind; roles: string[]; team?: string },
    correlationId: string,
  ) {
    const caution = await tx.caution.findUniqueOrThrow({
      where: { disposalId: c.disposalId },
      select: { status: true },
    });
    const event = buildEvent(
      Topics.cautionUpdated,
      { aggregateId: c.disposalId, actor, correlationId, processing: Processing.ALTERATION },
      {
        cautionId: c.disposalId,
        reference: c.disposal.reference,
        change,
        status: caution.status,
        offenderPersonId: c.disposal.offenderId,
        detail,
      },
    );
    await appendToOutbox(tx, Topics.cautionUpdated, event);
  }

  private async signal(cautionId: string, name: string, payload: unknown): Promise<void> {
    try {
      await this.temporal.workflow.getHandle(cautionWorkflowId(cautionId)).signal(name, payload);
    } catch (err) {
      if ((err as Error).name === 'WorkflowNotFoundError') throw new WorkflowNotRunningError();
      throw err;
    }
  }
}

/** Acknowledged warnings in an event's detail: codes only. */
function warningCodes(warnings: AcknowledgedWarning[]): string {
  return warnings.length ? `; acknowledged ${warnings.map((w) => w.rule).join(', ')}` : '';
}
