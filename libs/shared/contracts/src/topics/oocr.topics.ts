import {
  CautionUpdatedSchema,
  CommunityResolutionIssuedSchema,
  ConditionEvidenceReportedSchema,
  DisposalRecordedSchema,
  ResolutionReviewedSchema,
} from '../generated/oversight/events/v1/oocr_pb';
import { defineTopic } from './topic.definition';

/** Topics of the out-of-court resolutions service (apps/oocr) and of the systems that feed it. */
export const oocrTopics = {
  /** From the officers' field app: a community resolution issued at the scene. */
  communityResolutionIssued: defineTopic(
    'oocr',
    'community-resolution-issued',
    1,
    CommunityResolutionIssuedSchema,
    'oocr-disposal',
  ),
  disposalRecorded: defineTopic('oocr', 'disposal-recorded', 1, DisposalRecordedSchema, 'oocr-disposal'),
  /** From condition providers (courses, restorative justice, payments). */
  conditionEvidenceReported: defineTopic(
    'oocr',
    'condition-evidence-reported',
    1,
    ConditionEvidenceReportedSchema,
    'oocr-condition',
  ),
  cautionUpdated: defineTopic('oocr', 'caution-updated', 1, CautionUpdatedSchema, 'oocr-caution'),
  resolutionReviewed: defineTopic('oocr', 'resolution-reviewed', 1, ResolutionReviewedSchema, 'oocr-review'),
} as const;
