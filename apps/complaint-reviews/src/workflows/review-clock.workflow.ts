import { condition, defineQuery, defineSignal, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ReviewClockActivities } from '../clocks/review-clock.activities';
import { CLOCK_MET_SIGNAL, CLOCK_STATE_QUERY, ReviewClockInput, ReviewClockState } from './review-clock.types';

export const clockMet = defineSignal(CLOCK_MET_SIGNAL);
export const clockState = defineQuery<ReviewClockState>(CLOCK_STATE_QUERY);

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
  setHandler(clockMet, () => {
    if (status === 'RUNNING') status = 'MET';
  });
  setHandler(clockState, () => ({ status, dueOn: input.dueOn, breachAt: input.breachAt }));

  const remainingMs = Date.parse(input.breachAt) - Date.now();
  const met = remainingMs > 0 ? await condition(() => status === 'MET', remainingMs) : (status as ReviewClockState['status']) === 'MET';
  if (met) {
    await activities.recordClockMet({ workflowId: workflowInfo().workflowId, correlationId: input.correlationId });
  } else {
    status = 'BREACHED';
    await activities.recordClockBreached({ workflowId: workflowInfo().workflowId, correlationId: input.correlationId });
  }
  return { status, dueOn: input.dueOn, breachAt: input.breachAt };
}
