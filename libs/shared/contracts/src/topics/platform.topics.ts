import { AccessRecordedSchema } from '../generated/oversight/events/v1/platform_pb';
import { defineTopic } from './topic.definition';

/** Topics of the platform services (gateway, audit, notifications). */
export const platformTopics = {
  accessRecorded: defineTopic('platform', 'access-recorded', 1, AccessRecordedSchema, 'access', { partitions: 6 }),
} as const;
