import { Principal } from '@oversight/auth';
import { ActorKind, buildEvent, CautionChange, Processing, Topics } from '@oversight/contracts';
import { ConflictError, NotFoundError, RuleViolationError, Violation } from '@oversight/domain-errors';
import { appendToOutbox } from '@oversight/messaging';
import { todayInLondon } from '@oversight/nest-platform';
import {
  checkCautionTransition,
  isDisposalType,
  type CautionAction,
  isPoliceRank,
  rankAtLeast,
  validateConditions,
  type ConditionKind,
  type ConditionPurpose,
  type DisposalType,
  type IsoDate,
  type OffenceClass,
  type WarningAcknowledgement,
} from '@oversight/oocr-rules';
import { Client as TemporalClient } from '@temporalio/client';
import { day } from '../../common/dates';
import { OocrSettings } from '../../config/oocr-settings';
import { AcknowledgedWarning, timeLimitOnNewCompletionDate } from '../../disposals/disposal-validation';
import { ConditionInput } from '../../disposals/disposal.input';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../infrastructure/prisma.service';
import { cautionWorkflowId, ScheduledItem } from '../../workflows/caution.types';
import { scheduleItem } from '../caution-schedule';

export type Tx = Prisma.TransactionClient;

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
export type CautionForChange = Prisma.CautionGetPayload<{ include: typeof CAUTION_FOR_CHANGE }>;

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
 * What every caution use case (one per file in this folder) needs: the database, the settings, the Temporal
 * client, and the checks and writes they share (lock and load, running-state check, authorisation, the
 * re-checked time limit, rescheduling, the caution event and the workflow signal).
 */
export class CautionContext {
  constructor(
    readonly prisma: PrismaService,
    readonly settings: OocrSettings,
    readonly temporal: TemporalClient,
  ) {}

  /** Loads the caution and locks its row, so two changes to one caution are applied one after the other. */
  async lockForChange(tx: Tx, cautionId: string): Promise<CautionForChange> {
    const locked = await tx.$queryRawUnsafe<unknown[]>(
      `SELECT 1 FROM caution WHERE disposal_id = $1::uuid FOR UPDATE`,
      cautionId,
    );
    if (!locked.length) throw new NotFoundError('Conditional caution', cautionId);
    return this.load(tx, cautionId);
  }

  async load(db: Tx | PrismaService, cautionId: string): Promise<CautionForChange> {
    const c = await db.caution.findUnique({ where: { disposalId: cautionId }, include: CAUTION_FOR_CHANGE });
    if (!c) throw new NotFoundError('Conditional caution', cautionId);
    return c;
  }

  async breachOf(tx: Tx, cautionId: string, breachId: string) {
    const b = await tx.breach.findUnique({ where: { id: breachId } });
    if (!b || b.cautionId !== cautionId) throw new NotFoundError('Breach of this caution', breachId);
    return b;
  }

  /** The summary-only time limit re-checked on a new completion date (as at issue: disposal-validation.ts). */
  timeLimitOnChange(
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

  typeOf(c: CautionForChange): DisposalType {
    if (!isDisposalType(c.disposal.disposalType))
      throw new Error(`caution ${c.disposalId} has unknown type ${c.disposal.disposalType}`);
    return c.disposal.disposalType;
  }

  assertRunning(c: CautionForChange): void {
    if (!RUNNING.includes(c.status))
      throw new ConflictError(`The caution is ${c.status}: it can no longer change`);
  }

  /**
   * The caution's state for its lifecycle table: its status, except that an ACTIVE caution with a breach
   * not yet decided is in breach assessment (the workflow writes the status back a moment after the breach).
   */
  async stateOf(tx: Tx, c: CautionForChange): Promise<{ state: string; openBreach: boolean }> {
    const open = await tx.breach.count({ where: { cautionId: c.disposalId, status: { not: 'DECIDED' } } });
    const openBreach =
      open > 0 || c.status === 'BREACH_ASSESSMENT' || c.status === 'AWAITING_POST_ARREST_DECISION';
    return { state: c.status === 'ACTIVE' && openBreach ? 'BREACH_ASSESSMENT' : c.status, openBreach };
  }

  /** Every change to a caution is checked here against CAUTION_TRANSITIONS (409 with the rule when refused). */
  async assertTransition(
    tx: Tx,
    c: CautionForChange,
    action: CautionAction,
    reasons: { breachSetAsideReason?: string | null } = {},
  ): Promise<{ state: string; openBreach: boolean }> {
    const s = await this.stateOf(tx, c);
    const refusal = checkCautionTransition(s.state, action, reasons);
    if (refusal) {
      if (refusal.code === 'OOCR_BREACH_DECISION_FIRST')
        throw new RuleViolationError([
          {
            rule: refusal.code,
            field: 'breachSetAsideReason',
            message: `${refusal.message} (${refusal.rule})`,
          },
        ]);
      throw new ConflictError(`${refusal.message} (rule ${refusal.rule}; ${refusal.code})`);
    }
    return s;
  }

  /** Extensions and variations need an authoriser of the configured rank (sergeant by default [U]). */
  authorisationViolations(
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
  rescheduled(
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
  conditionDateViolations(
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

  async event(
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

  async signal(cautionId: string, name: string, payload: unknown): Promise<void> {
    try {
      await this.temporal.workflow.getHandle(cautionWorkflowId(cautionId)).signal(name, payload);
    } catch (err) {
      if ((err as Error).name === 'WorkflowNotFoundError') throw new WorkflowNotRunningError();
      throw err;
    }
  }
}

/** Acknowledged warnings in an event's detail: codes only. */
export function warningCodes(warnings: AcknowledgedWarning[]): string {
  return warnings.length ? `; acknowledged ${warnings.map((w) => w.rule).join(', ')}` : '';
}
