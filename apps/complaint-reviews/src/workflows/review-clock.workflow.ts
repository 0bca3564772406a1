import {
  condition,
  defineQuery,
  defineSignal,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { ReviewClockActivities } from '../clocks/review-clock.activities';
import {
  CLOCK_MET_SIGNAL,
  CLOCK_STATE_QUERY,
  ClockMetSignal,
  ReviewClockInput,
  ReviewClockState,
} from './review-clock.types';

export const clockMet = defineSignal<[ClockMetSignal?]>(CLOCK_MET_SIGNAL);
export const clockState = defineQuery<ReviewClockState>(CLOCK_STATE_QUERY);

/** Patch id, recorded in histories: never rename or reuse it. */
const LATE_MET_SIGNAL_IGNORED = 'late-met-signal-ignored';

const activities = proxyActivities<ReviewClockActivities>({
  startToCloseTimeout: '30 seconds',
  // No attempt limit: recording a clock result must eventually succeed (e.g. after a database outage).
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One review deadline. Waits (durably: a timer in Temporal, not in this process) until the clock is
 * met or its breach instant passes, and records the result in the service database so queues and
 * reports read it without asking Temporal.
 */
export async function reviewClockWorkflow(input: ReviewClockInput): Promise<ReviewClockState> {
  let status: ReviewClockState['status'] = 'RUNNING';
  let metAt: string | undefined;
  setHandler(clockMet, (signal?: ClockMetSignal) => {
    if (status !== 'RUNNING') return;
    // When the caller says when the clock was met (the API does), judge lateness by that instant:
    // a signal sent before the deadline but handled after it (no worker polling) still counts.
    const sentAt = signal?.metAt ? Date.parse(signal.metAt) : NaN;
    const when = Number.isFinite(sentAt) ? sentAt : Date.now();
    // A signal handled at or after the breach instant (workflow time: when this workflow task
    // started) is late. Without this check, when no worker was polling at the deadline, the fired
    // timer and a later clockMet reached the workflow in one activation and the signal won (the SDK
    // applies signals before timers): a breached clock was recorded as MET. Behind a patch so that
    // workflows that already recorded MET that way still replay.
    if (patched(LATE_MET_SIGNAL_IGNORED) && when >= Date.parse(input.breachAt)) return;
    status = 'MET';
    metAt = Number.isFinite(sentAt) ? signal!.metAt : undefined;
  });
  setHandler(clockState, () => ({ status, dueOn: input.dueOn, breachAt: input.breachAt }));

  const remainingMs = Date.parse(input.breachAt) - Date.now();
  const met =
    remainingMs > 0
      ? await condition(() => status === 'MET', remainingMs)
      : (status as ReviewClockState['status']) === 'MET';
  if (met) {
    await activities.recordClockMet({
      workflowId: workflowInfo().workflowId,
      correlationId: input.correlationId,
      metAt,
    });
  } else {
    status = 'BREACHED';
    await activities.recordClockBreached({
      workflowId: workflowInfo().workflowId,
      correlationId: input.correlationId,
    });
  }
  return { status, dueOn: input.dueOn, breachAt: input.breachAt };
}
