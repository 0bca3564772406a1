/** Shared between the completion clock workflow, its activities and its callers: types only. */
import { reviewClockWorkflowId } from './review-clock.types';

export interface CompletionClockInput {
  applicationId: string;
  /** Due date (YYYY-MM-DD) and the instants derived from it by the starter (UK time). */
  dueOn: string;
  breachAt: string;
  /** From this instant the reviewer is warned the target is near. */
  warnAt: string;
  correlationId: string;
}

/** Sent when the clock restarts: the due date recomputed with every stop (rules lib completionClock). */
export interface ClockRestartSignal {
  dueOn: string;
  breachAt: string;
  warnAt: string;
}

export interface CompletionClockState {
  status: 'RUNNING' | 'STOPPED' | 'MET' | 'BREACHED';
  dueOn: string;
  breachAt: string;
  warnAt: string;
  warned: boolean;
  stops: number;
}

export const COMPLETION_CLOCK_WORKFLOW = 'completionClockWorkflow';
export const STOP_CLOCK_SIGNAL = 'stopClock';
export const RESTART_CLOCK_SIGNAL = 'restartClock';

export function completionClockWorkflowId(applicationId: string): string {
  return reviewClockWorkflowId(applicationId, 'COMPLETION');
}
