import {
  ReviewApplicationReceivedSchema,
  ReviewDecidedSchema,
  ReviewStatusChangedSchema,
} from '../generated/oversight/events/v1/complaints_pb';
import { defineTopic } from './topic.definition';

/** Topics of the OPCC complaint-reviews service. */
export const complaintsTopics = {
  reviewApplicationReceived: defineTopic(
    'complaints',
    'review-application-received',
    1,
    ReviewApplicationReceivedSchema,
    'complaint-review',
  ),
  reviewStatusChanged: defineTopic(
    'complaints',
    'review-status-changed',
    1,
    ReviewStatusChangedSchema,
    'complaint-review',
  ),
  reviewDecided: defineTopic('complaints', 'review-decided', 1, ReviewDecidedSchema, 'complaint-review'),
} as const;
