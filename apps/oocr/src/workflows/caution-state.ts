// The conditional caution's state machine, as pure functions: the workflow (caution.workflow.ts) only waits,
// feeds signals and the clock in, and runs the effects as activities. Deterministic by construction (no I/O, no
// clock of its own), so it is safe in the workflow sandbox and unit-tested without Temporal.
//
// Changing behaviour here changes running workflows on replay: guard a change with patched('<id>') in the
// workflow and keep the replay tests (test/workflows/caution.replay.int-spec.ts) green.
import type {
  CautionSignal,
  CautionSnapshot,
  CautionStatus,
  CautionWorkflowInput,
  CautionWorkflowState,
  ConditionsVariedSignal,
  ItemState,
  OpenBreach,
  ScheduledItem,
} from './caution.types';

export type CautionEffect =
  | { kind: 'remind'; item: ItemState }
  | { kind: 'breachOpened'; breach: OpenBreach; items: ItemState[] }
  | { kind: 'completed'; completedOn: string }
  | { kind: 'timeLimit'; status: 'APPROACHING' | 'STATUTE_BARRED'; lastDateToLay: string };

const TERMINAL: CautionStatus[] = ['COMPLETED', 'CLOSED_NO_FURTHER_ACTION', 'CEASED'];
const OPEN_BREACH_STATUSES: CautionStatus[] = ['BREACH_ASSESSMENT', 'AWAITING_POST_ARREST_DECISION'];
/** States in which conditions are still running. */
const RUNNING: CautionStatus[] = ['ACTIVE', ...OPEN_BREACH_STATUSES];

const ms = (iso: string) => Date.parse(iso);
const maxDate = (dates: string[]) => dates.reduce((a, b) => (b > a ? b : a));

function toItemState(item: ScheduledItem): ItemState {
  return { ...item, status: 'PENDING', reminded: false, completedOn: null, completedLate: false };
}

export function initialCautionState(input: CautionWorkflowInput): CautionWorkflowState {
  return {
    status: 'ACTIVE',
    completionDueDate: input.completionDueDate,
    items: input.items.map(toItemState),
    openBreach: null,
    timeLimitStatus: input.timeLimit ? 'OK' : 'NOT_APPLICABLE',
    lastDateToLay: input.timeLimit?.lastDateToLay ?? null,
    completedOn: null,
    closedOn: null,
    proceedingsStartedOn: null,
    stateVersion: 1,
    appliedSignalIds: [],
    rejectedSignals: [],
  };
}

/** Nothing more can happen: the workflow ends. A pending prosecution ends when it can no longer be brought. */
export function isTerminal(state: CautionWorkflowState): boolean {
  return (
    TERMINAL.includes(state.status) ||
    (state.status === 'PROSECUTION_PENDING' && state.timeLimitStatus === 'STATUTE_BARRED')
  );
}

/** The next instant the clock matters (a reminder, a due date passing, a time-limit step), or null. */
export function nextWakeAt(state: CautionWorkflowState, input: CautionWorkflowInput): number | null {
  const candidates: number[] = [];
  if (RUNNING.includes(state.status)) {
    for (const item of state.items) {
      if (item.status !== 'PENDING') continue;
      candidates.push(ms(item.breachAt));
      if (!item.reminded && ms(item.remindAt) < ms(item.breachAt)) candidates.push(ms(item.remindAt));
    }
  }
  if (input.timeLimit && !isTerminal(state)) {
    if (state.timeLimitStatus === 'OK') candidates.push(ms(input.timeLimit.approachingAt));
    if (state.timeLimitStatus !== 'STATUTE_BARRED') candidates.push(ms(input.timeLimit.barredAt));
  }
  return candidates.length ? Math.min(...candidates) : null;
}

/** What the clock does at `now`: reminders, missed due dates (one breach for all missed together), time-limit steps. */
export function applyClock(
  state: CautionWorkflowState,
  now: number,
  input: CautionWorkflowInput,
  newId: () => string,
): CautionEffect[] {
  const effects: CautionEffect[] = [];
  if (isTerminal(state)) return effects;
  if (RUNNING.includes(state.status)) {
    const missed: ItemState[] = [];
    for (const item of state.items) {
      if (item.status !== 'PENDING') continue;
      if (now >= ms(item.breachAt)) {
        item.status = 'MISSED';
        missed.push(item);
      } else if (!item.reminded && now >= ms(item.remindAt)) {
        item.reminded = true;
        effects.push({ kind: 'remind', item: { ...item } });
      }
    }
    if (missed.length) {
      const breach: OpenBreach = state.openBreach ?? {
        breachId: newId(),
        detectedOn: minDetected(missed),
        itemIds: [],
        arrested: false,
      };
      breach.itemIds.push(...missed.map((i) => i.itemId));
      state.openBreach = breach;
      if (state.status === 'ACTIVE') state.status = 'BREACH_ASSESSMENT';
      effects.push({
        kind: 'breachOpened',
        breach: { ...breach, itemIds: [...breach.itemIds] },
        items: state.items.filter((i) => breach.itemIds.includes(i.itemId)).map((i) => ({ ...i })),
      });
    }
  }
  if (input.timeLimit) {
    if (state.timeLimitStatus !== 'STATUTE_BARRED' && now >= ms(input.timeLimit.barredAt)) {
      state.timeLimitStatus = 'STATUTE_BARRED';
      effects.push({
        kind: 'timeLimit',
        status: 'STATUTE_BARRED',
        lastDateToLay: input.timeLimit.lastDateToLay,
      });
    } else if (state.timeLimitStatus === 'OK' && now >= ms(input.timeLimit.approachingAt)) {
      state.timeLimitStatus = 'APPROACHING';
      effects.push({
        kind: 'timeLimit',
        status: 'APPROACHING',
        lastDateToLay: input.timeLimit.lastDateToLay,
      });
    }
  }
  if (effects.length) state.stateVersion++;
  return effects;
}

function minDetected(items: ItemState[]): string {
  return items.map((i) => i.detectedOn).reduce((a, b) => (b < a ? b : a));
}

function signalId(signal: CautionSignal): string {
  switch (signal.type) {
    case 'evidence':
      return `evidence:${signal.evidenceId}`;
    case 'extension':
      return `extension:${signal.extensionId}`;
    case 'variation':
      return `variation:${signal.variationId}`;
    case 'breachDecision':
      return `breach:${signal.breachId}:${signal.decision}`;
    case 'proceedings':
      return `proceedings:${signal.startedOn}`;
  }
}

/** Applies one signal. A signal that does not fit the state is recorded as rejected and changes nothing else. */
export function applySignal(
  state: CautionWorkflowState,
  signal: CautionSignal,
  input: CautionWorkflowInput,
): CautionEffect[] {
  const id = signalId(signal);
  if (state.appliedSignalIds.includes(id)) return [];
  const problem = apply(state, signal, input);
  if (problem) {
    state.rejectedSignals.push({ type: signal.type, id, reason: problem });
    state.stateVersion++;
    return [];
  }
  state.appliedSignalIds.push(id);
  state.stateVersion++;
  return settle(state, signal.type === 'breachDecision' ? signal.decidedOn : null);
}

/** Returns why the signal cannot be applied, or null once applied. */
function apply(
  state: CautionWorkflowState,
  signal: CautionSignal,
  input: CautionWorkflowInput,
): string | null {
  switch (signal.type) {
    case 'evidence': {
      if (!RUNNING.includes(state.status)) return `the caution is ${state.status}`;
      const item = state.items.find(
        (i) => i.conditionId === signal.conditionId && i.instalmentNumber === signal.instalmentNumber,
      );
      if (!item) return 'no such condition or instalment';
      if (item.status !== 'PENDING' && item.status !== 'MISSED')
        return `the condition is already ${item.status}`;
      item.completedLate = item.status === 'MISSED';
      item.status = 'COMPLETED';
      item.completedOn = signal.completedOn;
      return null;
    }
    case 'extension': {
      if (!RUNNING.includes(state.status)) return `the caution is ${state.status}`;
      const dateProblem = completionDateProblem(signal.newCompletionDueDate, input);
      if (dateProblem) return dateProblem;
      state.completionDueDate = signal.newCompletionDueDate;
      reschedule(state, signal.reschedule);
      return null;
    }
    case 'variation': {
      if (state.status !== 'ACTIVE')
        return `conditions can be varied outside a breach decision only while ACTIVE (the caution is ${state.status})`;
      return vary(state, signal, input);
    }
    case 'breachDecision': {
      const breach = state.openBreach;
      if (!breach || breach.breachId !== signal.breachId || !OPEN_BREACH_STATUSES.includes(state.status))
        return 'no such breach awaiting a decision';
      const breachItems = state.items.filter((i) => breach.itemIds.includes(i.itemId));
      switch (signal.decision) {
        case 'ARREST_S24A':
          if (breach.arrested) return 'already arrested for this breach: record the decision after arrest';
          breach.arrested = true;
          state.status = 'AWAITING_POST_ARREST_DECISION';
          return null;
        case 'NO_ACTION':
          breachItems.filter((i) => i.status === 'MISSED').forEach((i) => (i.status = 'WAIVED'));
          state.openBreach = null;
          state.status = 'ACTIVE';
          return null;
        case 'VARY_CONDITIONS': {
          if (!signal.variation) return 'a decision to vary needs the variation';
          const problem = vary(state, signal.variation, input, true);
          if (problem) return problem;
          breachItems.filter((i) => i.status === 'MISSED').forEach((i) => (i.status = 'VARIED'));
          state.openBreach = null;
          state.status = 'ACTIVE';
          return null;
        }
        case 'PROSECUTE_ORIGINAL_OFFENCE':
          if (state.timeLimitStatus === 'STATUTE_BARRED') return 'the time limit to prosecute has passed';
          state.items
            .filter((i) => i.status === 'PENDING' || i.status === 'MISSED')
            .forEach((i) => (i.status = 'CANCELLED'));
          state.openBreach = null;
          // CJA 2003 s24(3): the caution ceases to have effect once proceedings start (2.1.11).
          state.status = signal.proceedingsStartedOn ? 'CEASED' : 'PROSECUTION_PENDING';
          state.proceedingsStartedOn = signal.proceedingsStartedOn ?? null;
          return null;
      }
      return 'unknown decision';
    }
    case 'proceedings': {
      if (state.status !== 'PROSECUTION_PENDING')
        return `no prosecution is pending (the caution is ${state.status})`;
      state.status = 'CEASED';
      state.proceedingsStartedOn = signal.startedOn;
      return null;
    }
  }
}

function completionDateProblem(date: string, input: CautionWorkflowInput): string | null {
  if (date > input.latestCompletionDate)
    return `completion cannot be later than ${input.latestCompletionDate}`;
  if (date < input.issueDate) return 'completion cannot be before the issue date';
  return null;
}

function reschedule(state: CautionWorkflowState, items: ScheduledItem[]): void {
  for (const change of items) {
    const item = state.items.find((i) => i.itemId === change.itemId);
    if (!item || item.status !== 'PENDING') continue;
    if (ms(change.remindAt) > ms(item.remindAt)) item.reminded = false;
    Object.assign(item, {
      dueDate: change.dueDate,
      remindAt: change.remindAt,
      breachAt: change.breachAt,
      detectedOn: change.detectedOn,
    });
  }
}

function vary(
  state: CautionWorkflowState,
  v: ConditionsVariedSignal,
  input: CautionWorkflowInput,
  inBreach = false,
): string | null {
  if (v.newCompletionDueDate) {
    const dateProblem = completionDateProblem(v.newCompletionDueDate, input);
    if (dateProblem) return dateProblem;
  }
  if (v.add.some((a) => state.items.some((i) => i.itemId === a.itemId)))
    return 'a condition added by the variation already exists';
  if (v.newCompletionDueDate) state.completionDueDate = v.newCompletionDueDate;
  for (const item of state.items) {
    const replaced = v.withdrawConditionIds.includes(item.conditionId);
    if (replaced && (item.status === 'PENDING' || (inBreach && item.status === 'MISSED')))
      item.status = 'VARIED';
  }
  reschedule(state, v.reschedule);
  state.items.push(...v.add.map(toItemState));
  return null;
}

/** After a change: a running caution whose conditions are all settled completes (or closes, if any was waived). */
function settle(state: CautionWorkflowState, decidedOn: string | null): CautionEffect[] {
  if (state.status !== 'ACTIVE') return [];
  const live = state.items.filter((i) => i.status !== 'VARIED' && i.status !== 'CANCELLED');
  if (live.some((i) => i.status === 'PENDING' || i.status === 'MISSED')) return [];
  if (live.length > 0 && live.every((i) => i.status === 'COMPLETED')) {
    state.status = 'COMPLETED';
    state.completedOn = maxDate(live.map((i) => i.completedOn!));
    return [{ kind: 'completed', completedOn: state.completedOn }];
  }
  state.status = 'CLOSED_NO_FURTHER_ACTION';
  state.closedOn = decidedOn ?? maxDate(live.map((i) => i.completedOn ?? i.dueDate));
  return [];
}

export function snapshotOf(state: CautionWorkflowState, input: CautionWorkflowInput): CautionSnapshot {
  return {
    cautionId: input.cautionId,
    stateVersion: state.stateVersion,
    status: state.status,
    completionDueDate: state.completionDueDate,
    timeLimitStatus: state.timeLimitStatus,
    completedOn: state.completedOn,
    closedOn: state.closedOn,
    proceedingsStartedOn: state.proceedingsStartedOn,
    items: state.items.map((i) => ({
      conditionId: i.conditionId,
      instalmentNumber: i.instalmentNumber,
      status: i.status,
      dueDate: i.dueDate,
      completedOn: i.completedOn,
    })),
    correlationId: input.correlationId,
  };
}
