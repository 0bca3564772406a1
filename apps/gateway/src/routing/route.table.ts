import { Role } from '@oversight/auth';

const R = Role;

export type Upstream = 'complaint-reviews' | 'audit';
export type AccessProcessing = 'CONSULTATION' | 'DISCLOSURE';

export interface AccessPolicy {
  /** What kind of record the route reads, for the audit trail. */
  recordType: string;
  processing: AccessProcessing;
  /** Which path parameter identifies the record. */
  idParam: string;
  /** 'required': the caller must give a reason (X-Access-Reason) before data is released. */
  justification: 'required' | 'optional';
}

export interface RouteRule {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Public path under /api, with :params. */
  path: string;
  upstream: Upstream;
  /** Path on the upstream service. */
  upstreamPath: string;
  roles: readonly Role[];
  access?: AccessPolicy;
}

const REVIEW_STAFF = [R.OpccReviewer, R.OpccManager] as const;

/**
 * Every route the gateway exposes, and who may call it. Anything not listed here is refused (404);
 * a listed route called by a role not named is refused (403). The role × route matrix test is
 * generated from this table. The owning service re-checks the token and applies record-level rules.
 */
export const ROUTES: readonly RouteRule[] = [
  // OPCC complaint reviews
  { method: 'POST', path: '/complaint-reviews/applications', upstream: 'complaint-reviews', upstreamPath: '/applications', roles: REVIEW_STAFF },
  { method: 'GET', path: '/complaint-reviews/applications', upstream: 'complaint-reviews', upstreamPath: '/applications', roles: REVIEW_STAFF },
  {
    method: 'GET',
    path: '/complaint-reviews/applications/:id',
    upstream: 'complaint-reviews',
    upstreamPath: '/applications/:id',
    roles: REVIEW_STAFF,
    access: { recordType: 'complaint-review', processing: 'CONSULTATION', idParam: 'id', justification: 'optional' },
  },
  {
    method: 'POST',
    path: '/complaint-reviews/applications/:id/acknowledgement',
    upstream: 'complaint-reviews',
    upstreamPath: '/applications/:id/acknowledgement',
    roles: REVIEW_STAFF,
  },
  // Audit trail: auditors only; the audit service records each query of the log in the log itself.
  { method: 'GET', path: '/audit/entries', upstream: 'audit', upstreamPath: '/entries', roles: [R.Auditor] },
  { method: 'GET', path: '/audit/verification', upstream: 'audit', upstreamPath: '/verification', roles: [R.Auditor] },
  // Operations: parked messages, for administrators.
  ...(['complaint-reviews', 'audit'] as const).flatMap((svc): RouteRule[] => [
    { method: 'GET', path: `/${svc}/operations/parked-messages`, upstream: svc, upstreamPath: '/operations/parked-messages', roles: [R.Administrator] },
    { method: 'POST', path: `/${svc}/operations/parked-messages/:id/replay`, upstream: svc, upstreamPath: '/operations/parked-messages/:id/replay', roles: [R.Administrator] },
  ]),
  { method: 'GET', path: '/complaint-reviews/operations/outbox/parked', upstream: 'complaint-reviews', upstreamPath: '/operations/outbox/parked', roles: [R.Administrator] },
  { method: 'POST', path: '/complaint-reviews/operations/outbox/parked/:id/replay', upstream: 'complaint-reviews', upstreamPath: '/operations/outbox/parked/:id/replay', roles: [R.Administrator] },
];
