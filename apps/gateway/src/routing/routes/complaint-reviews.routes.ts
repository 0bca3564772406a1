import { Role } from '@oversight/auth';
import { operationsRoutes, RouteRule } from './route-rule';

const REVIEW_STAFF = [Role.OpccReviewer, Role.OpccManager] as const;
const MANAGERS = [Role.OpccManager] as const;
/** Members of the public applying for a review (complainants and their representatives). */
const APPLICANTS = [Role.ReviewApplicant] as const;
const svc = 'complaint-reviews' as const;

export const complaintReviewsRoutes: RouteRule[] = [
  {
    method: 'POST',
    path: '/complaint-reviews/applications',
    upstream: svc,
    upstreamPath: '/applications',
    roles: REVIEW_STAFF,
  },
  {
    method: 'GET',
    path: '/complaint-reviews/applications',
    upstream: svc,
    upstreamPath: '/applications',
    roles: REVIEW_STAFF,
  },
  {
    method: 'GET',
    path: '/complaint-reviews/applications/:id',
    upstream: svc,
    upstreamPath: '/applications/:id',
    roles: REVIEW_STAFF,
    access: {
      recordType: 'complaint-review',
      processing: 'CONSULTATION',
      idParam: 'id',
      justification: 'optional',
    },
  },
  {
    method: 'POST',
    path: '/complaint-reviews/applications/:id/acknowledgement',
    upstream: svc,
    upstreamPath: '/applications/:id/acknowledgement',
    roles: REVIEW_STAFF,
  },
  ...(
    [
      'assignment',
      'clock-stop',
      'clock-restart',
      'information-request',
      'information-received',
      'proceed-despite-missing-items',
      'extension-decision',
      'review-body-assessment',
      'withdrawal',
      'decision',
      'receipt-notifications',
      'closure',
      'decision-not-to-act',
      'case-file-request',
      'case-file',
    ] as const
  ).map(
    (action): RouteRule => ({
      method: 'POST',
      path: `/complaint-reviews/applications/:id/${action}`,
      upstream: svc,
      upstreamPath: `/applications/:id/${action}`,
      roles: REVIEW_STAFF,
    }),
  ),
  {
    method: 'POST',
    path: '/complaint-reviews/recommendations/:id/force-response',
    upstream: svc,
    upstreamPath: '/recommendations/:id/force-response',
    roles: REVIEW_STAFF,
  },
  {
    method: 'POST',
    path: '/complaint-reviews/applications/assignments',
    upstream: svc,
    upstreamPath: '/applications/assignments',
    roles: MANAGERS,
  },
  {
    method: 'GET',
    path: '/complaint-reviews/workload',
    upstream: svc,
    upstreamPath: '/workload',
    roles: MANAGERS,
  },
  {
    method: 'GET',
    path: '/complaint-reviews/reports/summary',
    upstream: svc,
    upstreamPath: '/reports/summary',
    roles: REVIEW_STAFF,
  },
  {
    method: 'GET',
    path: '/complaint-reviews/reports/quarterly',
    upstream: svc,
    upstreamPath: '/reports/quarterly',
    roles: REVIEW_STAFF,
  },
  {
    method: 'POST',
    path: '/complaint-reviews/self-service/applications',
    upstream: svc,
    upstreamPath: '/self-service/applications',
    roles: APPLICANTS,
  },
  {
    method: 'GET',
    path: '/complaint-reviews/self-service/applications',
    upstream: svc,
    upstreamPath: '/self-service/applications',
    roles: APPLICANTS,
  },
  {
    method: 'POST',
    path: '/complaint-reviews/self-service/applications/:reference/withdrawal',
    upstream: svc,
    upstreamPath: '/self-service/applications/:reference/withdrawal',
    roles: APPLICANTS,
  },
  ...operationsRoutes(svc, { outbox: true }),
];
