// A deliberately incompatible version of the swap workflow (it asks for the follow-up before anything else), used
// only to prove that the replay test catches a change that would break running workflows.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { SwapActivities } from '../../src/custody/swap.activities';
import type { SwapWorkflowInput } from '../../src/workflows/swap.types';

const activities = proxyActivities<SwapActivities>({ startToCloseTimeout: '30 seconds' });

export async function knifeSwapWorkflow(input: SwapWorkflowInput) {
  await activities.followUpDue({
    swapId: input.swapId,
    bagId: input.bagId,
    correlationId: input.correlationId,
  });
  await sleep('1 day');
  return null;
}
