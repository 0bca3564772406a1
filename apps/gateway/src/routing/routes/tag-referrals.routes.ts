import { Role } from '@oversight/auth';
import { AccessPolicy, operationsRoutes, RouteRule } from './route-rule';

const svc = 'tag-referrals' as const;
const COORDINATOR = [Role.VruCoordinator] as const;
const VRU = [Role.VruCoordinator, Role.VruManager, Role.VruPractitioner] as const;
const PRACTICE = [Role.VruPractitioner, Role.VruManager] as const;
const STOCK = [Role.VruCoordinator, Role.VruManager] as const;

/**
 * A referral names a young person, their address and safeguarding case ids: every read is recorded. A referrer
 * reads its own organisation's referrals (the service enforces the organisation), so the reason is optional.
 */
const referralRecord: AccessPolicy = {
  recordType: 'vru-tag-referral',
  processing: 'CONSULTATION',
  idParam: 'id',
  justification: 'optional',
};

/**
 * Location data (issue 11 item 7; domain.md 4.4.6): a reason is required before anything is released; a read is a
 * consultation, an export a disclosure (the service logs each too, with the count of points, in the same
 * transaction as the read).
 */
const locationView: AccessPolicy = {
  recordType: 'vru-tag-location',
  processing: 'CONSULTATION',
  idParam: 'id',
  justification: 'required',
};
const locationExport: AccessPolicy = { ...locationView, processing: 'DISCLOSURE' };

const r = (
  method: RouteRule['method'],
  path: string,
  roles: readonly Role[],
  access?: AccessPolicy,
): RouteRule => ({
  method,
  path: `/tag-referrals${path}`,
  upstream: svc,
  upstreamPath: path,
  roles,
  ...(access ? { access } : {}),
});

/** Voluntary Buddi tag referrals (apps/tag-referrals, issue 11). */
export const tagReferralsRoutes: RouteRule[] = [
  r('POST', '/referrals', [Role.PartnerReferrer, Role.VruCoordinator]),
  r('GET', '/referrals', [Role.PartnerReferrer, ...VRU]),
  r('GET', '/referrals/:id', [Role.PartnerReferrer, ...VRU], referralRecord),
  r('POST', '/referrals/:id/triage', COORDINATOR),
  r('POST', '/referrals/:id/information', [Role.PartnerReferrer, Role.VruCoordinator]),
  r('POST', '/referrals/:id/consents', [Role.VruCoordinator, Role.VruPractitioner]),
  r('POST', '/referrals/:id/withdrawal', [Role.PartnerReferrer, ...VRU]),
  r('POST', '/referrals/:id/allocation', COORDINATOR),
  r('POST', '/referrals/:id/fitting', PRACTICE),
  r('POST', '/referrals/:id/extension', PRACTICE),
  r('POST', '/referrals/:id/removal', PRACTICE),
  r('POST', '/referrals/:id/outcomes', VRU),
  r('GET', '/referrals/:id/locations', PRACTICE, locationView),
  r('GET', '/referrals/:id/locations.csv', [Role.VruManager], locationExport),
  r('GET', '/pools', [...STOCK, Role.VruPractitioner]),
  r('GET', '/waiting-list', STOCK),
  r('POST', '/tags', COORDINATOR),
  r('POST', '/tags/:serial/inspection', [Role.VruCoordinator, Role.VruPractitioner]),
  r('POST', '/consumables', COORDINATOR),
  r('GET', '/reports/board', [Role.VruCoordinator, Role.VruManager, Role.Auditor]),
  r('GET', '/reports/board.csv', [Role.VruCoordinator, Role.VruManager, Role.Auditor]),
  r('GET', '/tasks', VRU),
  r('POST', '/tasks/:id/done', VRU),
  r('POST', '/operations/location-retention', [Role.Administrator]),
  r('POST', '/operations/task-reminders', [Role.Administrator]),
  ...operationsRoutes(svc, { outbox: true }),
];
