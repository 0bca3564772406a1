// Entry point of the workflow bundle: every workflow this service's worker runs.
export { conditionalCautionWorkflow } from './caution.workflow';
export { referralFollowUpWorkflow } from './referral.workflow';
