// Entry point of the workflow bundle: every workflow this service's worker runs.
export { tagEpisodeWorkflow } from './episode.workflow';
