import { Role } from '@oversight/auth';
import { operationsRoutes, RouteRule } from './route-rule';

/** Case staff of every area; the service shows each area only its own notifications. */
const CASE_STAFF = [
  Role.OpccReviewer,
  Role.OpccManager,
  Role.CjOpsOfficer,
  Role.CjOpsSupervisor,
  Role.VruCoordinator,
] as const;
const svc = 'notifications' as const;

export const notificationsRoutes: RouteRule[] = [
  {
    method: 'GET',
    path: '/notifications/notifications',
    upstream: svc,
    upstreamPath: '/notifications',
    roles: CASE_STAFF,
  },
  {
    method: 'GET',
    path: '/notifications/notifications/:id',
    upstream: svc,
    upstreamPath: '/notifications/:id',
    roles: CASE_STAFF,
    access: {
      recordType: 'notification',
      processing: 'CONSULTATION',
      idParam: 'id',
      justification: 'optional',
    },
  },
  ...operationsRoutes(svc, { outbox: true }),
];
