/** Shared between the workflow, its activities and its callers: types only, no runtime code. */
export type ReviewClockKind =
  | 'ACKNOWLEDGEMENT'
  | 'COMPLETION'
  | 'INFORMATION_REQUEST'
  | 'CASE_FILE_REQUEST'
  | 'RECOMMENDATION_RESPONSE';

export interface ReviewClockInput {
  applicationId: string;
  kind: ReviewClockKind;
  /** Calendar due date (YYYY-MM-DD), for display. */
  dueOn: string;
  /** The instant the clock breaches: end of the due day, UK time, computed by the starter. */
  breachAt: string;
  correlationId: string;
}

/** Sent with the clockMet signal: when the thing the clock waited for happened (ISO instant). */
export interface ClockMetSignal {
  metAt?: string;
}

export interface ReviewClockState {
  status: 'RUNNING' | 'MET' | 'BREACHED';
  dueOn: string;
  breachAt: string;
}

export const REVIEW_CLOCK_WORKFLOW = 'reviewClockWorkflow';
export const CLOCK_MET_SIGNAL = 'clockMet';
export const CLOCK_STATE_QUERY = 'state';

export function reviewClockWorkflowId(applicationId: string, kind: ReviewClockKind): string {
  return `review-clock-${applicationId}-${kind}`;
}
