// Helpers for complaint-reviews' end-to-end tests on the running stack (scripts/start-services.sh). The shared helpers
// (sign-in, API through the gateway, database, dates, the sample application) are @oversight/testing's e2e-client.
import {
  ApiOptions,
  ApiResponse,
  gatewayApi,
  queryDatabase,
  validReviewApplication,
} from '@oversight/testing';
import { randomUUID } from 'node:crypto';

export { GATEWAY_URL as GATEWAY, tokenFor, daysAgo, type ApiResponse } from '@oversight/testing';

/**
 * Every request of this test process carries a correlation id with this prefix (the gateway keeps it on the
 * access records it writes), so rowCounts can count this process's gateway records and not other work on the
 * shared stack.
 */
const RUN = `cr-test-${randomUUID()}`;
let requestNumber = 0;

/** A request through the gateway, with this run's correlation id (unless the test sends its own). */
export function api<T = any>(method: string, path: string, opts: ApiOptions = {}): Promise<ApiResponse<T>> {
  return gatewayApi<T>(method, path, {
    ...opts,
    headers: { 'x-correlation-id': `${RUN}-${++requestNumber}`, ...(opts.headers ?? {}) },
  });
}

/** Rows of a query on one database of the stack (`complaint_reviews`, `gateway`...). */
export const query = queryDatabase;

/** A valid application for an invented complainant. */
export const validApplication = validReviewApplication;

/**
 * Rows a request to this service could write, to prove a refused request wrote nothing. Clock rows
 * are left out: earlier cases' clocks are started asynchronously by the consumer.
 */
export async function rowCounts(): Promise<Record<string, number>> {
  const tables = [
    'review_application',
    'person',
    'outbox_message',
    'decision_log_entry',
    'letter',
    'recommendation',
    'review_decision',
    'extension_decision',
    'application_attachment',
    'notified_party',
  ];
  const [counts] = await query(
    'complaint_reviews',
    `SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ')}`,
  );
  const [gateway] = await query(
    'gateway',
    `SELECT count(*)::int AS outbox_message FROM outbox_message WHERE headers->>'x-correlation-id' LIKE $1`,
    [`${RUN}-%`],
  );
  return { ...counts, 'gateway.outbox_message': gateway.outbox_message };
}

/**
 * What any action on one case writes in its transaction (its row version and status, decision log,
 * events, letters): "nothing written" checked on the case itself, so other work on the shared database
 * cannot disturb the comparison. Clocks are left out: the consumers write them after the case's events
 * (the intake's acknowledgement clock may appear at any moment), and a refused action writes no event.
 */
export async function caseRows(id: string): Promise<Record<string, unknown>> {
  const [row] = await query(
    'complaint_reviews',
    `SELECT a.version, a.status::text AS status,
            (SELECT count(*)::int FROM decision_log_entry d WHERE d.application_id = a.id) AS log,
            (SELECT count(*)::int FROM outbox_message o WHERE o.message_key = a.id::text) AS events,
            (SELECT count(*)::int FROM letter l WHERE l.application_id = a.id) AS letters
       FROM review_application a WHERE a.id = $1`,
    [id],
  );
  return row;
}

/** The relevant-review-body checklist with every answer no: the OPCC reviews (domain.md 1.3.1). */
export const NO_IOPC_CRITERION = {
  // 1.3.1(a) from facts (issue 10 item 5): an inspector is not above chief superintendent.
  officerRanks: ['INSPECTOR'],
  couldNotRuleOutProceedingsOrArticle2Or3: false,
  referredOrMustBeReferredToIopc: false,
  treatedAsReferredByIopc: false,
  sameIncidentAsIopcComplaint: false,
  anyPartWithinIopcCriteria: false,
  appropriateAuthorityIsLocalPolicingBody: false,
} as const;
