import { auditRoutes } from './routes/audit.routes';
import { complaintReviewsRoutes } from './routes/complaint-reviews.routes';
import { knifeSwapsRoutes } from './routes/knife-swaps.routes';
import { oocrRoutes } from './routes/oocr.routes';
import { tagReferralsRoutes } from './routes/tag-referrals.routes';
import { notificationsRoutes } from './routes/notifications.routes';
import { RouteRule } from './routes/route-rule';

export type { AccessPolicy, AccessProcessing, RouteRule, Upstream } from './routes/route-rule';

/**
 * Every route the gateway exposes, and who may call it, one file per service under routes/.
 * Anything not listed here is refused (404); a listed route called by a role not named is refused
 * (403). The role × route matrix test is generated from this table. The owning service re-checks the
 * token and applies record-level rules.
 */
export const ROUTES: readonly RouteRule[] = [
  ...complaintReviewsRoutes,
  ...auditRoutes,
  ...notificationsRoutes,
  ...oocrRoutes,
  ...tagReferralsRoutes,
  ...knifeSwapsRoutes,
];
