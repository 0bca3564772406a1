// Entry point of the workflow bundle: every workflow this service's worker runs.
export { knifeSwapWorkflow } from './swap.workflow';
