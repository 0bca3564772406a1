// Entry point of the workflow bundle: every workflow this service's worker runs.
export { reviewClockWorkflow } from './review-clock.workflow';
export { completionClockWorkflow } from './completion-clock.workflow';
