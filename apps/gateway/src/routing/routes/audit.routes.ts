import { Role } from '@oversight/auth';
import { operationsRoutes, RouteRule } from './route-rule';

const svc = 'audit' as const;

/** Auditors only; the audit service records each query of the trail in the trail itself. */
export const auditRoutes: RouteRule[] = [
  { method: 'GET', path: '/audit/entries', upstream: svc, upstreamPath: '/entries', roles: [Role.Auditor] },
  {
    method: 'GET',
    path: '/audit/verification',
    upstream: svc,
    upstreamPath: '/verification',
    roles: [Role.Auditor],
  },
  ...operationsRoutes(svc, { outbox: false }),
];
