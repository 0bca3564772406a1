import {
  addCalendarDays,
  calendarDaysBetween,
  isBefore,
  isIsoDate,
  type IsoDate,
} from '@oversight/working-days';
import { resolveReviewRulesConfig, type ReviewRulesConfigOverride } from './review-rules.config';
import {
  InvalidExtensionDecisionError,
  InvalidReviewInputError,
  MissingTimeLimitStartDateError,
} from './review-rules.errors';
import type { RuleRef, TimeLimitBasis } from './review.vocabulary';

/** A spell with the wrong review body, which does not count towards the limit (1.2.3 [P]). */
export interface WrongBodyPeriod {
  readonly receivedByWrongBodyOn: IsoDate;
  readonly forwardedOn: IsoDate;
}

export interface TimeLimitInput {
  /** The day the complainant was given the outcome information (1.2.1 [P]); may differ from the letter date. */
  readonly outcomeInformationProvidedOn?: IsoDate;
  /** The date on the outcome letter (1.2.2 [S]); kept separately as 1.5.1 asks. */
  readonly outcomeLetterDatedOn?: IsoDate;
  /** The day the correct review body received the application (after any forwarding). */
  readonly receivedOn: IsoDate;
  readonly wrongBodyPeriods?: readonly WrongBodyPeriod[];
}

export type TimeLimitStatus = 'IN_TIME' | 'OUT_OF_TIME';

export interface TimeLimitAssessment {
  readonly basis: TimeLimitBasis;
  /** Day 0; day 1 is the day after (1.2.1 [P]). */
  readonly countedFrom: IsoDate;
  readonly periodDays: number;
  /** Calendar days with the wrong review body, added to the deadline (1.2.3 [P]). */
  readonly daysDisregarded: number;
  /** Last day on which the application may be received. */
  readonly deadline: IsoDate;
  readonly receivedOn: IsoDate;
  readonly status: TimeLimitStatus;
  /** 0 when in time. */
  readonly daysLate: number;
  /** Out of time never means refused: a reviewer must decide on an extension (1.2.5, 1.5.3). */
  readonly extensionDecisionRequired: boolean;
  readonly rules: readonly RuleRef[];
}

/**
 * Whether an application for review arrived within the time limit, calculated rather than typed
 * in (1.5.3). Example (1.2.2 [S]): outcome information provided 1 April → deadline 29 April; five
 * days with the wrong body → 4 May.
 */
export function assessTimeLimit(
  input: TimeLimitInput,
  config: ReviewRulesConfigOverride = {},
): TimeLimitAssessment {
  const { timeLimit } = resolveReviewRulesConfig(config);
  const countedFrom =
    timeLimit.countFrom === 'OUTCOME_LETTER_DATE'
      ? input.outcomeLetterDatedOn
      : input.outcomeInformationProvidedOn;
  if (countedFrom === undefined) throw new MissingTimeLimitStartDateError(timeLimit.countFrom);
  requireDate('countedFrom', countedFrom);
  requireDate('receivedOn', input.receivedOn);

  const periods = input.wrongBodyPeriods ?? [];
  for (const period of periods) validateWrongBodyPeriod(period, input.receivedOn);
  const daysDisregarded = daysCoveredBy(periods);

  const deadline = addCalendarDays(countedFrom, timeLimit.periodDays + daysDisregarded);
  const daysLate = Math.max(0, calendarDaysBetween(deadline, input.receivedOn));
  const rules: RuleRef[] = ['1.2.1 [P]'];
  if (timeLimit.countFrom === 'OUTCOME_LETTER_DATE') rules.push('1.2.2 [S]');
  if (daysDisregarded > 0) rules.push('1.2.3 [P]');
  if (daysLate > 0) rules.push('1.2.5 [U]');

  return {
    basis: timeLimit.countFrom,
    countedFrom,
    periodDays: timeLimit.periodDays,
    daysDisregarded,
    deadline,
    receivedOn: input.receivedOn,
    status: daysLate > 0 ? 'OUT_OF_TIME' : 'IN_TIME',
    daysLate,
    extensionDecisionRequired: daysLate > 0,
    rules,
  };
}

/** Overlapping wrong-body spells (an application bounced twice) count once per day. */
function daysCoveredBy(periods: readonly WrongBodyPeriod[]): number {
  const sorted = [...periods].sort((a, b) =>
    calendarDaysBetween(b.receivedByWrongBodyOn, a.receivedByWrongBodyOn),
  );
  let total = 0;
  let coveredUntil: IsoDate | undefined;
  for (const { receivedByWrongBodyOn, forwardedOn } of sorted) {
    const start =
      coveredUntil && isBefore(receivedByWrongBodyOn, coveredUntil) ? coveredUntil : receivedByWrongBodyOn;
    if (isBefore(start, forwardedOn)) {
      total += calendarDaysBetween(start, forwardedOn);
      coveredUntil = forwardedOn;
    }
  }
  return total;
}

function validateWrongBodyPeriod(period: WrongBodyPeriod, receivedOn: IsoDate): void {
  requireDate('receivedByWrongBodyOn', period.receivedByWrongBodyOn);
  requireDate('forwardedOn', period.forwardedOn);
  if (isBefore(period.forwardedOn, period.receivedByWrongBodyOn)) {
    throw new InvalidReviewInputError(
      `Wrong-body period forwarded on ${period.forwardedOn}, before it was received on ${period.receivedByWrongBodyOn}.`,
    );
  }
  if (isBefore(receivedOn, period.forwardedOn)) {
    throw new InvalidReviewInputError(
      `Application received on ${receivedOn}, before the wrong body forwarded it on ${period.forwardedOn}.`,
    );
  }
}

function requireDate(field: string, value: unknown): void {
  if (!isIsoDate(value))
    throw new InvalidReviewInputError(`${field} must be a YYYY-MM-DD date (got ${String(value)}).`);
}

// ---- Late applications: extension on special circumstances (1.2.5 [U] 2020 wording; [P] analogue) ----

export type ExtensionOutcome = 'EXTENDED' | 'REFUSED';

/** The record 1.5.3 asks for: reasons (the special circumstances, or why there are none), decider, date. */
export interface ExtensionDecision {
  readonly outcome: ExtensionOutcome;
  readonly reasons: string;
  readonly decidedBy: string;
  readonly decidedOn: IsoDate;
}

export type ExtensionDecisionProblemCode =
  | 'NOT_REQUIRED'
  | 'OUTCOME_INVALID'
  | 'REASONS_REQUIRED'
  | 'DECIDER_REQUIRED'
  | 'DECISION_DATE_INVALID'
  | 'DECIDED_BEFORE_RECEIPT';

export interface ExtensionDecisionProblem {
  readonly code: ExtensionDecisionProblemCode;
  readonly message: string;
}

export function validateExtensionDecision(
  decision: ExtensionDecision,
  assessment: TimeLimitAssessment,
): { readonly valid: boolean; readonly problems: readonly ExtensionDecisionProblem[] } {
  const problems: ExtensionDecisionProblem[] = [];
  if (!assessment.extensionDecisionRequired) {
    problems.push({
      code: 'NOT_REQUIRED',
      message: 'The application was in time; no extension decision is needed.',
    });
  }
  if (decision.outcome !== 'EXTENDED' && decision.outcome !== 'REFUSED') {
    problems.push({ code: 'OUTCOME_INVALID', message: 'Outcome must be EXTENDED or REFUSED.' });
  }
  if (isBlank(decision.reasons)) {
    problems.push({
      code: 'REASONS_REQUIRED',
      message: 'Record the special circumstances considered and why they do or do not justify an extension.',
    });
  }
  if (isBlank(decision.decidedBy)) {
    problems.push({ code: 'DECIDER_REQUIRED', message: 'Record who made the extension decision.' });
  }
  if (!isIsoDate(decision.decidedOn)) {
    problems.push({ code: 'DECISION_DATE_INVALID', message: 'The decision date must be YYYY-MM-DD.' });
  } else if (isBefore(decision.decidedOn, assessment.receivedOn)) {
    problems.push({
      code: 'DECIDED_BEFORE_RECEIPT',
      message: `The decision date ${decision.decidedOn} is before the application was received (${assessment.receivedOn}).`,
    });
  }
  return { valid: problems.length === 0, problems };
}

export function assertValidExtensionDecision(
  decision: ExtensionDecision,
  assessment: TimeLimitAssessment,
): void {
  const { problems } = validateExtensionDecision(decision, assessment);
  if (problems.length > 0) throw new InvalidExtensionDecisionError(problems);
}

export type ApplicationTimeliness =
  | 'IN_TIME'
  | 'OUT_OF_TIME_AWAITING_EXTENSION_DECISION'
  | 'OUT_OF_TIME_EXTENDED'
  | 'OUT_OF_TIME_REFUSED';

/** Where an application stands on timing once any extension decision is applied; never refused by default. */
export function applicationTimeliness(
  assessment: TimeLimitAssessment,
  decision?: ExtensionDecision,
): ApplicationTimeliness {
  if (!assessment.extensionDecisionRequired) return 'IN_TIME';
  if (decision === undefined) return 'OUT_OF_TIME_AWAITING_EXTENSION_DECISION';
  assertValidExtensionDecision(decision, assessment);
  return decision.outcome === 'EXTENDED' ? 'OUT_OF_TIME_EXTENDED' : 'OUT_OF_TIME_REFUSED';
}

function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}
