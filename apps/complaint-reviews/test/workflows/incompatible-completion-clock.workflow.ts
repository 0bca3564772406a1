// A deliberately incompatible version of completionClockWorkflow, for the replay test only: it
// proves that replaying the recorded histories does catch a change that would break running clocks.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { CompletionClockActivities } from '../../src/clocks/completion-clock.activities';
import { completionClockWorkflow as currentCompletionClockWorkflow } from '../../src/workflows/completion-clock.workflow';
import type { CompletionClockInput, CompletionClockState } from '../../src/workflows/completion-clock.types';

const { recordCompletionClockEvent } = proxyActivities<CompletionClockActivities>({
  startToCloseTimeout: '30 seconds',
});

export async function completionClockWorkflow(input: CompletionClockInput): Promise<CompletionClockState> {
  // The breaking change, one a reviewer might well propose: tell the reviewer the target date as soon
  // as the clock starts, before it waits. Running clocks have a timer (or another activity) there.
  await recordCompletionClockEvent({
    workflowId: workflowInfo().workflowId,
    correlationId: input.correlationId,
    applicationId: input.applicationId,
    event: 'WARNING',
    dueOn: input.dueOn,
  });
  return currentCompletionClockWorkflow(input);
}
