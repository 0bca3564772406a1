import { Role } from '@oversight/auth';
import { operationsRoutes, RouteRule } from './route-rule';

const REVIEW_STAFF = [Role.OpccReviewer, Role.OpccManager] as const;
const svc = 'complaint-reviews' as const;

export const complaintReviewsRoutes: RouteRule[] = [
  { method: 'POST', path: '/complaint-reviews/applications', upstream: svc, upstreamPath: '/applications', roles: REVIEW_STAFF },
  { method: 'GET', path: '/complaint-reviews/applications', upstream: svc, upstreamPath: '/applications', roles: REVIEW_STAFF },
  {
    method: 'GET',
    path: '/complaint-reviews/applications/:id',
    upstream: svc,
    upstreamPath: '/applications/:id',
    roles: REVIEW_STAFF,
    access: { recordType: 'complaint-review', processing: 'CONSULTATION', idParam: 'id', justification: 'optional' },
  },
  { method: 'POST', path: '/complaint-reviews/applications/:id/acknowledgement', upstream: svc, upstreamPath: '/applications/:id/acknowledgement', roles: REVIEW_STAFF },
  ...operationsRoutes(svc, { outbox: true }),
];
