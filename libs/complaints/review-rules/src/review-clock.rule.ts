import {
  addCalendarDays,
  addWorkingDays,
  compareIsoDates,
  defaultEnglandAndWalesCalendar,
  isAfter,
  isBefore,
  isIsoDate,
  isWorkingDay,
  maxIsoDate,
  minIsoDate,
  subtractWorkingDays,
  workingDaysBetween,
  type BankHolidayCalendar,
  type IsoDate,
} from '@oversight/working-days';
import { resolveReviewRulesConfig, type ReviewRulesConfigOverride } from './review-rules.config';
import { InvalidReviewInputError } from './review-rules.errors';
import type { CompletionClockStartEvent, RuleRef } from './review.vocabulary';

/**
 * Why a review clock is stopped. There is no statutory completion limit (1.4.7 [S]), so these are
 * local-standard reasons; OTHER needs a note so the stop can be justified later.
 */
export const STOP_CLOCK_REASONS = [
  'AWAITING_PSD_FILE',
  'AWAITING_COMPLAINANT',
  'AWAITING_THIRD_PARTY',
  'AWAITING_IOPC',
  'OTHER',
] as const;
export type StopClockReason = (typeof STOP_CLOCK_REASONS)[number];

/**
 * The clock stops at the end of `from` and restarts at the end of `to`: working days in (from, to]
 * do not count. A stop with no `to` is still running.
 */
export interface ClockStop {
  readonly from: IsoDate;
  readonly to?: IsoDate;
  readonly reason: StopClockReason;
  readonly note?: string;
}

export type ReviewClockKind = 'ACKNOWLEDGEMENT' | 'COMPLETION';

export interface ReviewClock {
  readonly kind: ReviewClockKind;
  readonly startedOn: IsoDate;
  readonly targetWorkingDays: number;
  /** Due date had the clock never stopped. */
  readonly baseDueDate: IsoDate;
  /** Base due date pushed back by the working days stopped before it was reached. */
  readonly dueDate: IsoDate;
  readonly workingDaysStopped: number;
  /** From this day the clock is DUE_SOON. */
  readonly warningDate: IsoDate;
  /** A stop is open: dueDate is projected as if the clock restarted at the end of asOf. */
  readonly clockStopped: boolean;
  readonly rules: readonly RuleRef[];
}

export interface AcknowledgementClockInput {
  readonly receivedOn: IsoDate;
}

/** Acknowledge within N working days of receipt; default 5 (1.4.7 [S], 1.5.10). */
export function acknowledgementClock(
  input: AcknowledgementClockInput,
  config: ReviewRulesConfigOverride = {},
  calendar: BankHolidayCalendar = defaultEnglandAndWalesCalendar(),
): ReviewClock {
  const { clocks } = resolveReviewRulesConfig(config);
  return buildClock(
    'ACKNOWLEDGEMENT',
    input.receivedOn,
    clocks.acknowledgementWorkingDays,
    clocks.acknowledgementWarningWorkingDays,
    [],
    undefined,
    calendar,
  );
}

export interface CompletionClockInput {
  /** The day the application was accepted as valid (or proceeded with despite gaps). */
  readonly acceptedOn: IsoDate;
  readonly stops?: readonly ClockStop[];
  /** Needed only while a stop is open, to project the due date. */
  readonly asOf?: IsoDate;
}

/** Complete within N working days of acceptance, default 28 (1.4.7 [S], 1.5.10), plus stopped days. */
export function completionClock(
  input: CompletionClockInput,
  config: ReviewRulesConfigOverride = {},
  calendar: BankHolidayCalendar = defaultEnglandAndWalesCalendar(),
): ReviewClock {
  const { clocks } = resolveReviewRulesConfig(config);
  return buildClock(
    'COMPLETION',
    input.acceptedOn,
    clocks.completionWorkingDays,
    clocks.completionWarningWorkingDays,
    input.stops ?? [],
    input.asOf,
    calendar,
  );
}

function buildClock(
  kind: ReviewClockKind,
  startedOn: IsoDate,
  targetWorkingDays: number,
  warningWorkingDays: number,
  stops: readonly ClockStop[],
  asOf: IsoDate | undefined,
  calendar: BankHolidayCalendar,
): ReviewClock {
  requireDate('startedOn', startedOn);
  if (asOf !== undefined) requireDate('asOf', asOf);
  const clockStopped = stops.some((s) => s.to === undefined);
  const ranges = stops.map((stop) => stopRange(stop, asOf));

  const baseDueDate = addWorkingDays(startedOn, targetWorkingDays, calendar);
  const dueDate =
    targetWorkingDays === 0
      ? baseDueDate
      : countUnstoppedWorkingDays(startedOn, targetWorkingDays, ranges, calendar);
  const workingDaysStopped = workingDaysBetween(baseDueDate, dueDate, calendar);
  const warningDate = maxIsoDate(subtractWorkingDays(dueDate, warningWorkingDays, calendar), startedOn);
  const rules: RuleRef[] = ['1.4.7 [S]'];
  if (warningWorkingDays > 0) rules.push('warning period [U]');
  return {
    kind,
    startedOn,
    targetWorkingDays,
    baseDueDate,
    dueDate,
    workingDaysStopped,
    warningDate,
    clockStopped,
    rules,
  };
}

interface StopRange {
  readonly after: IsoDate;
  readonly through: IsoDate;
}

function stopRange(stop: ClockStop, asOf: IsoDate | undefined): StopRange {
  requireDate('stop.from', stop.from);
  if (stop.reason === 'OTHER' && (stop.note === undefined || stop.note.trim() === '')) {
    throw new InvalidReviewInputError(
      `A clock stop from ${stop.from} with reason OTHER needs a note explaining it.`,
    );
  }
  if (stop.to === undefined) {
    if (asOf === undefined) {
      throw new InvalidReviewInputError(
        `The clock stop from ${stop.from} is still open; pass asOf to project the due date.`,
      );
    }
    return { after: stop.from, through: maxIsoDate(asOf, stop.from) };
  }
  requireDate('stop.to', stop.to);
  if (isBefore(stop.to, stop.from)) {
    throw new InvalidReviewInputError(`Clock stop ends on ${stop.to}, before it starts on ${stop.from}.`);
  }
  return { after: stop.from, through: stop.to };
}

/**
 * Walk forward counting working days that no stop covers. Walking, rather than adding the stopped
 * total, means overlapping stops count once and a stop that starts after the due date has passed
 * cannot un-breach a clock.
 */
function countUnstoppedWorkingDays(
  startedOn: IsoDate,
  target: number,
  ranges: readonly StopRange[],
  calendar: BankHolidayCalendar,
): IsoDate {
  let day = startedOn;
  let counted = 0;
  while (counted < target) {
    day = addCalendarDays(day, 1);
    const current = day;
    const stopped = ranges.some((r) => isAfter(current, r.after) && compareIsoDates(current, r.through) <= 0);
    if (!stopped && isWorkingDay(day, calendar)) counted += 1;
  }
  return day;
}

export type ClockStatus = 'ON_TRACK' | 'DUE_SOON' | 'BREACHED' | 'MET';

export interface ClockEvaluation {
  readonly clock: ReviewClock;
  readonly asOf: IsoDate;
  /** ON_TRACK / DUE_SOON / BREACHED while open; MET or BREACHED once completed. */
  readonly status: ClockStatus;
  readonly completed: boolean;
  /** Working days left to the due date; negative once breached. */
  readonly workingDaysRemaining: number;
}

/**
 * Status of a clock on `asOf`. The due date itself is still in time. A completed clock is judged
 * on its completion date, so closing a case late stays BREACHED forever.
 */
export function evaluateClock(
  clock: ReviewClock,
  asOf: IsoDate,
  completedOn?: IsoDate,
  calendar: BankHolidayCalendar = defaultEnglandAndWalesCalendar(),
): ClockEvaluation {
  requireDate('asOf', asOf);
  if (completedOn !== undefined) requireDate('completedOn', completedOn);
  const completed = completedOn !== undefined && !isAfter(completedOn, asOf);
  const judgedOn = completed ? completedOn : asOf;
  const breached = isAfter(judgedOn, clock.dueDate);
  const status: ClockStatus = breached
    ? 'BREACHED'
    : completed
      ? 'MET'
      : isBefore(judgedOn, clock.warningDate)
        ? 'ON_TRACK'
        : 'DUE_SOON';
  return {
    clock,
    asOf,
    status,
    completed,
    workingDaysRemaining: workingDaysBetween(judgedOn, clock.dueDate, calendar),
  };
}

export interface CompletionClockStartInput {
  /** The day the review body received the application (back-dated intake keeps the real day). */
  readonly receivedOn: IsoDate;
  /** The day the OPCC was confirmed as the review body; absent while that is not decided. */
  readonly acceptedOn?: IsoDate;
}

export interface CompletionClockStart {
  readonly startedOn: IsoDate;
  readonly event: CompletionClockStartEvent;
  readonly rule: RuleRef;
}

/**
 * The one definition of when the completion clock starts (1.4.7 [S]): the configured event, by default
 * receipt of the application, as the OPCCs' published local standards measure it. The clock only runs
 * once the OPCC is confirmed as the review body (no acceptance, no clock), but it counts from this day,
 * so a review received long ago and accepted today is already late. Stopped periods are excluded by
 * completionClock; completionOutcome judges a decision against the same clock.
 */
export function completionClockStart(
  input: CompletionClockStartInput,
  config: ReviewRulesConfigOverride = {},
): CompletionClockStart | null {
  const { clocks } = resolveReviewRulesConfig(config);
  requireDate('receivedOn', input.receivedOn);
  if (input.acceptedOn === undefined) return null;
  requireDate('acceptedOn', input.acceptedOn);
  if (isBefore(input.acceptedOn, input.receivedOn))
    throw new InvalidReviewInputError(
      `acceptedOn (${input.acceptedOn}) cannot be before receivedOn (${input.receivedOn}).`,
    );
  const event = clocks.completionStartsOn;
  return {
    startedOn: event === 'RECEIPT' ? input.receivedOn : input.acceptedOn,
    event,
    rule: '1.4.7 [S] (clocks.completionStartsOn)',
  };
}

export interface CompletionOutcome {
  readonly clock: ReviewClock;
  /** MET when decided on or before the due date (stopped working days excluded), else BREACHED. */
  readonly status: 'MET' | 'BREACHED';
  /** Working days the clock ran from its start to the decision, stopped days (stops never overlap) not counted. */
  readonly workingDaysTaken: number;
}

/**
 * A decided review judged against its completion clock: what the clock records and what every report
 * counts as "completed within target". One function, so the two cannot disagree.
 */
export function completionOutcome(
  input: CompletionClockStartInput & { readonly stops?: readonly ClockStop[]; readonly decidedOn: IsoDate },
  config: ReviewRulesConfigOverride = {},
  calendar: BankHolidayCalendar = defaultEnglandAndWalesCalendar(),
): CompletionOutcome {
  requireDate('decidedOn', input.decidedOn);
  const start = completionClockStart(
    { receivedOn: input.receivedOn, acceptedOn: input.acceptedOn ?? input.decidedOn },
    config,
  );
  const startedOn = start!.startedOn;
  const stops = (input.stops ?? []).map((s) => ({ ...s, to: s.to ?? input.decidedOn }));
  const clock = completionClock({ acceptedOn: startedOn, stops }, config, calendar);
  const evaluation = evaluateClock(clock, input.decidedOn, input.decidedOn, calendar);
  const stopped = stops.reduce(
    (n, s) =>
      n +
      Math.max(
        workingDaysBetween(maxIsoDate(s.from, startedOn), minIsoDate(s.to, input.decidedOn), calendar),
        0,
      ),
    0,
  );
  const elapsed = workingDaysBetween(startedOn, input.decidedOn, calendar);
  return {
    clock,
    status: evaluation.status === 'BREACHED' ? 'BREACHED' : 'MET',
    workingDaysTaken: Math.max(elapsed - stopped, 0),
  };
}

export interface ReviewClocksInput {
  readonly receivedOn: IsoDate;
  readonly acknowledgedOn?: IsoDate;
  /** Absent until the application is accepted, so there is no completion clock yet. */
  readonly acceptedOn?: IsoDate;
  readonly stops?: readonly ClockStop[];
  readonly completedOn?: IsoDate;
}

export interface ReviewClocksEvaluation {
  readonly acknowledgement: ClockEvaluation;
  readonly completion?: ClockEvaluation;
}

/** Both review clocks of one case as of a date: what a dashboard or a scheduled check needs. */
export function evaluateReviewClocks(
  input: ReviewClocksInput,
  asOf: IsoDate,
  config: ReviewRulesConfigOverride = {},
  calendar: BankHolidayCalendar = defaultEnglandAndWalesCalendar(),
): ReviewClocksEvaluation {
  const acknowledgement = evaluateClock(
    acknowledgementClock({ receivedOn: input.receivedOn }, config, calendar),
    asOf,
    input.acknowledgedOn,
    calendar,
  );
  if (input.acceptedOn === undefined) return { acknowledgement };
  const completion = evaluateClock(
    completionClock({ acceptedOn: input.acceptedOn, stops: input.stops, asOf }, config, calendar),
    asOf,
    input.completedOn,
    calendar,
  );
  return { acknowledgement, completion };
}

export interface RecommendationResponseDeadline {
  readonly sentOn: IsoDate;
  readonly dueDate: IsoDate;
  readonly rule: RuleRef;
}

/**
 * When the force's reply to LPB recommendations is due. No statutory period was confirmed
 * (1.4.5 [U], 1.5.9), so the period is config; the default borrows 56 days from 1.4.6 [P].
 */
export function recommendationResponseDeadline(
  sentOn: IsoDate,
  config: ReviewRulesConfigOverride = {},
  calendar: BankHolidayCalendar = defaultEnglandAndWalesCalendar(),
): RecommendationResponseDeadline {
  const { recommendations } = resolveReviewRulesConfig(config);
  requireDate('sentOn', sentOn);
  const { days, unit } = recommendations.responsePeriod;
  const dueDate =
    unit === 'WORKING_DAYS' ? addWorkingDays(sentOn, days, calendar) : addCalendarDays(sentOn, days);
  return { sentOn, dueDate, rule: '1.4.5 [U]' };
}

function requireDate(field: string, value: unknown): void {
  if (!isIsoDate(value))
    throw new InvalidReviewInputError(`${field} must be a YYYY-MM-DD date (got ${String(value)}).`);
}
