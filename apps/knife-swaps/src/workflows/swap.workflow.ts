import { condition, defineQuery, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { SwapActivities } from '../custody/swap.activities';
import {
  CUSTODY_DESTROYED_SIGNAL,
  FOLLOW_UP_RECORDED_SIGNAL,
  SWAP_STATE_QUERY,
  SwapWorkflowInput,
  SwapWorkflowState,
} from './swap.types';

export const custodyDestroyed = defineSignal(CUSTODY_DESTROYED_SIGNAL);
export const followUpRecorded = defineSignal(FOLLOW_UP_RECORDED_SIGNAL);
export const swapState = defineQuery<SwapWorkflowState>(SWAP_STATE_QUERY);

const activities = proxyActivities<SwapActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * The waits of one swap (issue 12 §6–7): the surrendered knives must be destroyed by chaseAt, else the coordinator
 * is asked to chase them, and the VRU manager is told at escalateAt; the follow-up check-in falls due at followUpAt.
 * Signals (from the service, after the record is written) end a wait early; each activity re-reads the record
 * first, so a signal lost or late changes nothing but the timing.
 */
export async function knifeSwapWorkflow(input: SwapWorkflowInput): Promise<SwapWorkflowState> {
  const state: SwapWorkflowState = { custody: 'OPEN', followUp: 'WAITING', chased: false, escalated: false };
  setHandler(custodyDestroyed, () => void (state.custody = 'DESTROYED'));
  setHandler(followUpRecorded, () => void (state.followUp = 'DONE'));
  setHandler(swapState, () => state);
  const ref = { swapId: input.swapId, bagId: input.bagId, correlationId: input.correlationId };

  const deadlines = () => [
    state.custody === 'OPEN' && !state.chased ? Date.parse(input.chaseAt) : Infinity,
    state.custody === 'OPEN' && !state.escalated ? Date.parse(input.escalateAt) : Infinity,
    state.followUp === 'WAITING' ? Date.parse(input.followUpAt) : Infinity,
  ];
  const finished = () => state.custody === 'DESTROYED' && state.followUp === 'DONE';

  while (!finished()) {
    const wakeAt = Math.min(...deadlines());
    if (wakeAt === Infinity) {
      await condition(finished);
      break;
    }
    const before = { custody: state.custody, followUp: state.followUp };
    const changed = () => state.custody !== before.custody || state.followUp !== before.followUp;
    if (await condition(changed, Math.max(0, wakeAt - Date.now()))) continue;
    const now = Date.now();
    if (state.custody === 'OPEN' && !state.chased && now >= Date.parse(input.chaseAt)) {
      state.chased = true;
      if (!(await activities.chaseUndestroyedKnives(ref)).open) state.custody = 'DESTROYED';
    }
    if (state.custody === 'OPEN' && !state.escalated && now >= Date.parse(input.escalateAt)) {
      state.escalated = true;
      if (!(await activities.escalateUndestroyedKnives(ref)).open) state.custody = 'DESTROYED';
    }
    if (state.followUp === 'WAITING' && now >= Date.parse(input.followUpAt)) {
      state.followUp = (await activities.followUpDue(ref)).open ? 'DUE' : 'DONE';
    }
  }
  return state;
}
