import { Role } from '@oversight/auth';
import { AccessPolicy, operationsRoutes, RouteRule } from './route-rule';

const C = Role.VruCoordinator;
const M = Role.VruManager;
const P = Role.VruPractitioner;
const PARTNER = Role.PartnerReferrer;
const VRU = [C, M, P] as const;
const REPORT_READERS = [C, M, Role.Auditor] as const;
const svc = 'knife-swaps' as const;

/**
 * A household's referral (address, members, the young person): every read is recorded. A domestic-abuse referral
 * is further restricted by the service (VRU roles only, X-Access-Reason required, its own consultation log entry).
 */
const referralRecord: AccessPolicy = {
  recordType: 'skrs-referral',
  processing: 'CONSULTATION',
  idParam: 'id',
  justification: 'optional',
};

const r = (
  method: RouteRule['method'],
  path: string,
  roles: readonly Role[],
  access?: AccessPolicy,
): RouteRule => ({
  method,
  path: `/knife-swaps${path}`,
  upstream: svc,
  upstreamPath: path,
  roles,
  ...(access ? { access } : {}),
});

/** Safer Knife Replacement Scheme (apps/knife-swaps). Partner referrers see their own organisation's referrals only. */
export const knifeSwapsRoutes: RouteRule[] = [
  r('POST', '/referrals', [PARTNER, C]),
  r('GET', '/referrals', [PARTNER, ...VRU]),
  r('GET', '/referrals/:id', [PARTNER, ...VRU], referralRecord),
  r('POST', '/referrals/:id/discussions', [C]),
  r('POST', '/referrals/:id/eligibility', [C]),
  r('POST', '/referrals/:id/consent', [P]),
  r('POST', '/referrals/:id/swap', [P]),
  r('POST', '/referrals/:id/follow-up', [P, C]),
  r('POST', '/referrals/:id/withdrawal', [C]),
  r('GET', '/stores', VRU),
  r('POST', '/stores', [C]),
  r('POST', '/stores/:id/movements', [C]),
  r('POST', '/stores/:id/transfers', [C]),
  r('GET', '/stores/:id/ledger', [C, M]),
  r('GET', '/custody', VRU),
  r('POST', '/custody/:bagId/steps', [P]),
  r('GET', '/tasks', VRU),
  r('POST', '/tasks/:id/done', VRU),
  r('GET', '/reports/swaps', REPORT_READERS),
  r('GET', '/reports/swaps.csv', REPORT_READERS),
  r('GET', '/reports/running-total', REPORT_READERS),
  r('GET', '/reports/stock', REPORT_READERS),
  r('GET', '/reports/custody-exceptions', REPORT_READERS),
  ...operationsRoutes(svc, { outbox: true }),
];
