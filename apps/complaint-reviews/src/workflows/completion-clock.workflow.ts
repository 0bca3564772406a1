import {
  condition,
  defineQuery,
  defineSignal,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { CompletionClockActivities } from '../clocks/completion-clock.activities';
import type { ReviewClockActivities } from '../clocks/review-clock.activities';
import {
  ClockRestartSignal,
  CompletionClockInput,
  CompletionClockState,
  RESTART_CLOCK_SIGNAL,
  STOP_CLOCK_SIGNAL,
} from './completion-clock.types';
import { CLOCK_MET_SIGNAL, CLOCK_STATE_QUERY, ClockMetSignal } from './review-clock.types';

export const completionMet = defineSignal<[ClockMetSignal?]>(CLOCK_MET_SIGNAL);
export const stopClock = defineSignal<[]>(STOP_CLOCK_SIGNAL);
export const restartClock = defineSignal<[ClockRestartSignal]>(RESTART_CLOCK_SIGNAL);
export const completionState = defineQuery<CompletionClockState>(CLOCK_STATE_QUERY);

/** Patch id, recorded in histories: never rename or reuse it. */
const LATE_SIGNAL_AFTER_BREACH_IGNORED = 'late-signal-after-breach-ignored';

const activities = proxyActivities<ReviewClockActivities & CompletionClockActivities>({
  startToCloseTimeout: '30 seconds',
  // No attempt limit: recording a clock result must eventually succeed (e.g. after a database outage).
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * The completion target of a review (domain.md 1.4.7 [S]: 28 working days by default), which can be
 * stopped and restarted. While stopped nothing can breach; on restart the caller sends the due date
 * recomputed with every stop. Warns once before the deadline, and at breach records it and escalates
 * to the manager. A separate workflow type from reviewClockWorkflow, so running acknowledgement clocks
 * replay unchanged.
 */
export async function completionClockWorkflow(input: CompletionClockInput): Promise<CompletionClockState> {
  const state: CompletionClockState = {
    status: 'RUNNING',
    dueOn: input.dueOn,
    breachAt: input.breachAt,
    warnAt: input.warnAt,
    warned: false,
    stops: 0,
  };
  let changes = 0;
  let metAt: string | undefined;
  // A signal handled at or after the breach instant of a running clock is late: when no worker was
  // polling at the deadline, the fired timer and a later signal reach the workflow in one activation
  // and the SDK applies signals first, so without this check a breached clock would be recorded MET
  // (or stopped). Judged by the instant the caller says the clock was met, when it says. Behind a
  // patch so workflows that already handled such a signal the old way still replay.
  const lateForRunningClock = (at: number) =>
    state.status === 'RUNNING' &&
    at >= Date.parse(state.breachAt) &&
    patched(LATE_SIGNAL_AFTER_BREACH_IGNORED);
  setHandler(completionMet, (signal?: ClockMetSignal) => {
    if (state.status !== 'RUNNING' && state.status !== 'STOPPED') return;
    const sentAt = signal?.metAt ? Date.parse(signal.metAt) : NaN;
    if (lateForRunningClock(Number.isFinite(sentAt) ? sentAt : Date.now())) return;
    state.status = 'MET';
    metAt = signal?.metAt;
    changes += 1;
  });
  setHandler(stopClock, () => {
    if (state.status !== 'RUNNING') return;
    if (lateForRunningClock(Date.now())) return;
    state.status = 'STOPPED';
    state.stops += 1;
    changes += 1;
  });
  setHandler(restartClock, (signal: ClockRestartSignal) => {
    if (state.status !== 'STOPPED') return;
    Object.assign(state, { status: 'RUNNING', ...signal, warned: false });
    changes += 1;
  });
  setHandler(completionState, () => ({ ...state }));

  const ids = () => ({ workflowId: workflowInfo().workflowId, correlationId: input.correlationId });
  for (;;) {
    const seen = changes;
    if (state.status === 'MET') {
      await activities.recordClockMet({ ...ids(), metAt });
      return { ...state };
    }
    if (state.status === 'STOPPED') {
      await condition(() => changes !== seen);
      continue;
    }
    const untilWarning = Date.parse(state.warnAt) - Date.now();
    if (!state.warned && untilWarning > 0) {
      if (await condition(() => changes !== seen, untilWarning)) continue;
    }
    if (!state.warned) {
      state.warned = true;
      await activities.recordCompletionClockEvent({
        ...ids(),
        applicationId: input.applicationId,
        event: 'WARNING',
        dueOn: state.dueOn,
      });
      continue;
    }
    const untilBreach = Date.parse(state.breachAt) - Date.now();
    if (untilBreach > 0 && (await condition(() => changes !== seen, untilBreach))) continue;
    if (changes !== seen) continue;
    state.status = 'BREACHED';
    await activities.recordClockBreached(ids());
    await activities.recordCompletionClockEvent({
      ...ids(),
      applicationId: input.applicationId,
      event: 'ESCALATED',
      dueOn: state.dueOn,
    });
    return { ...state };
  }
}
