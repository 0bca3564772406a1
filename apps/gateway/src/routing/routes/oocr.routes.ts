import { Role } from '@oversight/auth';
import { AccessPolicy, operationsRoutes, RouteRule } from './route-rule';

const CJ_OPS = [Role.CjOpsOfficer, Role.CjOpsSupervisor] as const;
const SUPERVISOR = [Role.CjOpsSupervisor] as const;
const svc = 'oocr' as const;

/** Offender records are law-enforcement data (DPA 2018 Part 3): every read needs a reason (X-Access-Reason). */
const offenderRecord: AccessPolicy = {
  recordType: 'oocr-disposal',
  processing: 'CONSULTATION',
  idParam: 'id',
  justification: 'required',
};
/** Gender and ethnicity (s35 sensitive processing): supervisors only, with a reason; the service logs the read too. */
const specialCategory: AccessPolicy = {
  recordType: 'oocr-special-category',
  processing: 'CONSULTATION',
  idParam: 'id',
  justification: 'required',
};
/** A caution's live workflow state: no names, but about one person's caution. */
const cautionState: AccessPolicy = {
  recordType: 'oocr-disposal',
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
  path: `/oocr${path}`,
  upstream: svc,
  upstreamPath: path,
  roles,
  ...(access ? { access } : {}),
});

export const oocrRoutes: RouteRule[] = [
  r('POST', '/disposals', CJ_OPS),
  r('POST', '/disposals/validation', CJ_OPS),
  r('GET', '/disposals', CJ_OPS),
  r('GET', '/disposals/:id', CJ_OPS, offenderRecord),
  r('GET', '/disposals/:id/special-category', SUPERVISOR, specialCategory),
  r('GET', '/reviews', CJ_OPS),
  r('POST', '/reviews/bulk', CJ_OPS),
  r('POST', '/reviews/:id/assignment', CJ_OPS),
  r('POST', '/reviews/:id/outcome', CJ_OPS),
  r('POST', '/reviews/:id/referrals/:referralId/actions/:seq/done', CJ_OPS),
  r('GET', '/cautions', CJ_OPS),
  r('GET', '/cautions/:id/workflow-state', CJ_OPS, cautionState),
  r('POST', '/cautions/:id/conditions/:conditionId/evidence', CJ_OPS),
  r('POST', '/cautions/:id/extension', SUPERVISOR),
  r('POST', '/cautions/:id/variation', SUPERVISOR),
  r('POST', '/cautions/:id/breaches/:breachId/assessment', CJ_OPS),
  r('POST', '/cautions/:id/breaches/:breachId/decision', SUPERVISOR),
  r('POST', '/cautions/:id/proceedings', SUPERVISOR),
  r('GET', '/tasks', CJ_OPS),
  r('POST', '/tasks/:id/done', CJ_OPS),
  r('GET', '/reports/counts', CJ_OPS),
  r('GET', '/reports/review-outcomes', CJ_OPS),
  r('GET', '/reports/caution-outcomes', CJ_OPS),
  r('GET', '/reports/conditions-by-purpose', CJ_OPS),
  r('GET', '/reports/disproportionality', SUPERVISOR),
  r('GET', '/reports/export', SUPERVISOR),
  ...operationsRoutes(svc, { outbox: true }),
];
