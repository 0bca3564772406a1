import {
  CaseFileReceivedSchema,
  CaseFileRequestedSchema,
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
  /** To the force PSD's system: a request for its complaint file (domain.md 1.4.2). */
  caseFileRequested: defineTopic(
    'complaints',
    'case-file-requested',
    1,
    CaseFileRequestedSchema,
    'complaint-review',
  ),
  /** From the force PSD's system: the case file it provided (document metadata), consumed by complaint-reviews. */
  caseFileProvided: defineTopic('psd', 'case-file-provided', 1, CaseFileReceivedSchema, 'complaint-review'),
} as const;
