import { ReviewApplicationReceivedSchema } from '../generated/oversight/events/v1/complaints_pb';
import { defineTopic } from './topic.definition';

/** Topics of the OPCC complaint-reviews service. */
export const complaintsTopics = {
  reviewApplicationReceived: defineTopic('complaints', 'review-application-received', 1, ReviewApplicationReceivedSchema, 'complaint-review'),
} as const;
