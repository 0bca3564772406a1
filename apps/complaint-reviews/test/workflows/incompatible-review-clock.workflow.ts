// A deliberately incompatible version of reviewClockWorkflow, for the replay test only: it proves
// that replaying the recorded histories does catch a change that would break running workflows.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ReviewClockActivities } from '../../src/clocks/review-clock.activities';
import { reviewClockWorkflow as currentReviewClockWorkflow } from '../../src/workflows/review-clock.workflow';
import type { ReviewClockInput, ReviewClockState } from '../../src/workflows/review-clock.types';

const { recordClockMet } = proxyActivities<ReviewClockActivities>({ startToCloseTimeout: '30 seconds' });

export async function reviewClockWorkflow(input: ReviewClockInput): Promise<ReviewClockState> {
  // The breaking change: an extra activity before the clock starts waiting.
  await recordClockMet({ workflowId: workflowInfo().workflowId, correlationId: input.correlationId });
  return currentReviewClockWorkflow(input);
}
