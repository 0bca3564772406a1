/** Shared by the caution workflow, its activities and its callers: types and constants only, no runtime code. */
import type { BreachDecisionType, IsoDate } from '@oversight/oocr-rules';

export const CAUTION_WORKFLOW = 'conditionalCautionWorkflow';
export const CONDITION_EVIDENCED_SIGNAL = 'conditionEvidenced';
export const COMPLETION_EXTENDED_SIGNAL = 'completionExtended';
export const CONDITIONS_VARIED_SIGNAL = 'conditionsVaried';
export const BREACH_DECIDED_SIGNAL = 'breachDecided';
export const PROCEEDINGS_STARTED_SIGNAL = 'proceedingsStarted';
export const CAUTION_STATE_QUERY = 'state';

export function cautionWorkflowId(disposalId: string): string {
  return `oocr-caution-${disposalId}`;
}

/** The id of a tracked item: a condition, or one instalment of a condition's payment plan. */
export function itemIdOf(conditionId: string, instalmentNumber: number | null): string {
  return instalmentNumber === null ? conditionId : `${conditionId}#${instalmentNumber}`;
}

export type ItemStatus = 'PENDING' | 'COMPLETED' | 'MISSED' | 'WAIVED' | 'VARIED' | 'CANCELLED';
export type CautionStatus =
  | 'ACTIVE'
  | 'BREACH_ASSESSMENT'
  | 'AWAITING_POST_ARREST_DECISION'
  | 'COMPLETED'
  | 'CLOSED_NO_FURTHER_ACTION'
  | 'PROSECUTION_PENDING'
  | 'CEASED';
export type TimeLimitStatus = 'NOT_APPLICABLE' | 'OK' | 'APPROACHING' | 'STATUTE_BARRED';

/**
 * Something with a due date the workflow watches. The instants are computed by the caller (UK time zone rules
 * stay out of the workflow): remind at 09:00 UK some days before, breach at the end of the due day.
 */
export interface ScheduledItem {
  itemId: string;
  conditionId: string;
  instalmentNumber: number | null;
  dueDate: IsoDate;
  remindAt: string;
  breachAt: string;
  /** The day a missed due date is detected: the day after it. */
  detectedOn: IsoDate;
}

export interface TimeLimitSchedule {
  /** Summary-only offences: offence date + 6 months (MCA 1980 s127; domain.md 2.1.13). */
  lastDateToLay: IsoDate;
  /** When to escalate: the configured days before the last date (09:00 UK). */
  approachingAt: string;
  /** The end of the last date: after it the offence cannot be prosecuted. */
  barredAt: string;
}

export interface CautionWorkflowInput {
  cautionId: string;
  reference: string;
  issueDate: IsoDate;
  completionDueDate: IsoDate;
  /** Issue date + the maximum period (20 weeks): no extension may go beyond it (domain.md 2.1.10). */
  latestCompletionDate: IsoDate;
  items: ScheduledItem[];
  timeLimit: TimeLimitSchedule | null;
  correlationId: string;
}

// --- signals (validated by the API against the database first; the workflow re-checks its own state) ---

export interface ConditionEvidencedSignal {
  evidenceId: string;
  conditionId: string;
  instalmentNumber: number | null;
  completedOn: IsoDate;
}

export interface CompletionExtendedSignal {
  extensionId: string;
  newCompletionDueDate: IsoDate;
  /** New due dates (and instants) of pending items. */
  reschedule: ScheduledItem[];
}

export interface ConditionsVariedSignal {
  variationId: string;
  newCompletionDueDate?: IsoDate;
  /** New conditions (their rows are written by the API in the same transaction as the signal). */
  add: ScheduledItem[];
  /** Conditions replaced by the variation. */
  withdrawConditionIds: string[];
  reschedule: ScheduledItem[];
}

export interface BreachDecidedSignal {
  breachId: string;
  decision: BreachDecisionType;
  decidedOn: IsoDate;
  proceedingsStartedOn?: IsoDate;
  /** With VARY_CONDITIONS: the authorised variation. */
  variation?: ConditionsVariedSignal;
}

export interface ProceedingsStartedSignal {
  startedOn: IsoDate;
}

export type CautionSignal =
  | ({ type: 'evidence' } & ConditionEvidencedSignal)
  | ({ type: 'extension' } & CompletionExtendedSignal)
  | ({ type: 'variation' } & ConditionsVariedSignal)
  | ({ type: 'breachDecision' } & BreachDecidedSignal)
  | ({ type: 'proceedings' } & ProceedingsStartedSignal);

// --- state (answered by the query, written back to the database by syncCautionState) ---

export interface ItemState extends ScheduledItem {
  status: ItemStatus;
  reminded: boolean;
  completedOn: IsoDate | null;
  /** Evidenced after its due date had passed: the breach stays for the reasonable-excuse assessment. */
  completedLate: boolean;
}

export interface OpenBreach {
  breachId: string;
  detectedOn: IsoDate;
  itemIds: string[];
  arrested: boolean;
}

export interface CautionWorkflowState {
  status: CautionStatus;
  completionDueDate: IsoDate;
  items: ItemState[];
  openBreach: OpenBreach | null;
  timeLimitStatus: TimeLimitStatus;
  lastDateToLay: IsoDate | null;
  completedOn: IsoDate | null;
  closedOn: IsoDate | null;
  proceedingsStartedOn: IsoDate | null;
  /** Increases with every change; the database keeps the highest written. */
  stateVersion: number;
  /** Signals already applied, so a repeated signal has no second effect. */
  appliedSignalIds: string[];
  /** Signals that did not fit the state, with the reason (an operator can see them in the query). */
  rejectedSignals: Array<{ type: string; id: string; reason: string }>;
}

export interface CautionSnapshot {
  cautionId: string;
  stateVersion: number;
  status: CautionStatus;
  completionDueDate: IsoDate;
  timeLimitStatus: TimeLimitStatus;
  completedOn: IsoDate | null;
  closedOn: IsoDate | null;
  proceedingsStartedOn: IsoDate | null;
  items: Array<{
    conditionId: string;
    instalmentNumber: number | null;
    status: ItemStatus;
    dueDate: IsoDate;
    completedOn: IsoDate | null;
  }>;
  correlationId: string;
}
