// A deliberately incompatible version of the episode workflow (it raises a follow-up before anything else), used only
// to prove that the replay test catches a change that would break running episodes.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { EpisodeActivities } from '../../src/episodes/episode.activities';
import type { EpisodeInput } from '../../src/workflows/episode.types';

const activities = proxyActivities<EpisodeActivities>({ startToCloseTimeout: '30 seconds' });

export async function tagEpisodeWorkflow(input: EpisodeInput) {
  await activities.raiseFollowUp({
    referralId: input.referralId,
    reference: input.reference,
    months: 0,
    dueOn: input.fittedOn,
    correlationId: input.correlationId,
  });
  await sleep('1 day');
  return null;
}
