import { complaintsTopics } from './topics/complaints.topics';
import { knifeSwapsTopics } from './topics/knife-swaps.topics';
import { oocrTopics } from './topics/oocr.topics';
import { platformTopics } from './topics/platform.topics';
import { tagReferralsTopics } from './topics/tag-referrals.topics';
import { TopicDefinition } from './topics/topic.definition';

export { defineTopic } from './topics/topic.definition';
export type { TopicDefinition } from './topics/topic.definition';

/** Every topic of the platform, one file per business area under topics/. */
export const Topics = {
  ...complaintsTopics,
  ...platformTopics,
  ...oocrTopics,
  ...tagReferralsTopics,
  ...knifeSwapsTopics,
} as const;

export type TopicKey = keyof typeof Topics;

export const allTopics: readonly TopicDefinition[] = Object.values(Topics);

export function topicByName(name: string): TopicDefinition | undefined {
  return allTopics.find((t) => t.name === name);
}
