import {
  NotificationDispatchedSchema,
  NotificationRequestedSchema,
} from '../generated/oversight/events/v1/notifications_pb';
import { AccessRecordedSchema } from '../generated/oversight/events/v1/platform_pb';
import { defineTopic } from './topic.definition';

/** Topics of the platform services (gateway, audit, notifications). */
export const platformTopics = {
  accessRecorded: defineTopic('platform', 'access-recorded', 1, AccessRecordedSchema, 'access', {
    partitions: 6,
  }),
  notificationRequested: defineTopic(
    'platform',
    'notification-requested',
    1,
    NotificationRequestedSchema,
    'notification',
  ),
  notificationDispatched: defineTopic(
    'platform',
    'notification-dispatched',
    1,
    NotificationDispatchedSchema,
    'notification',
  ),
} as const;
