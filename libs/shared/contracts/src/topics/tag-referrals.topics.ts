import {
  TagDeviceEventReportedSchema,
  TagReferralReceivedSchema,
  TagReferralUpdatedSchema,
} from '../generated/oversight/events/v1/tag_referrals_pb';
import { defineTopic } from './topic.definition';

/** Topics of the voluntary Buddi tag referrals service (apps/tag-referrals) and of the tag monitoring platform. */
export const tagReferralsTopics = {
  tagReferralReceived: defineTopic(
    'vru',
    'tag-referral-received',
    1,
    TagReferralReceivedSchema,
    'vru-tag-referral',
  ),
  tagReferralUpdated: defineTopic(
    'vru',
    'tag-referral-updated',
    1,
    TagReferralUpdatedSchema,
    'vru-tag-referral',
  ),
  /** From the tag monitoring platform (alerts and daily summaries), keyed by tag serial. */
  tagDeviceEventReported: defineTopic(
    'vru',
    'tag-device-event-reported',
    1,
    TagDeviceEventReportedSchema,
    'vru-tag-device',
  ),
} as const;
