// Helpers for the gateway's end-to-end tests on the running stack (scripts/start-services.sh). The shared helpers
// (sign-in, requests, database, dates, the sample application) are @oversight/testing's e2e-client.
import { DEMO_USERS, LocalIssuer } from '@oversight/auth';
import {
  gatewayApi,
  GATEWAY_URL,
  queryDatabase,
  REPO_ROOT,
  validReviewApplication,
} from '@oversight/testing';
import { join } from 'node:path';

export { GATEWAY_URL as GATEWAY, tokenFor, today, daysAgo, type ApiResponse } from '@oversight/testing';
export const ISSUER = `${GATEWAY_URL}/auth`;

/** A request to the gateway: as a demo user (`as`), with a token of the test's making (`token`), or none. */
export const api = gatewayApi;

/** Rows of a query on one database of the stack (`gateway`, `complaint_reviews`...). */
export const query = queryDatabase;

/** A valid application for an invented complainant (complaint-reviews' intake: the sample write). */
export const validApplication = validReviewApplication;

/** The gateway's own signing key, to make tokens a real client could not (expired ones). */
export async function gatewayIssuer(): Promise<LocalIssuer> {
  return LocalIssuer.create({
    issuer: ISSUER,
    audience: 'oversight-api',
    keyFile: join(REPO_ROOT, '.local', 'issuer-key.json'),
  });
}

export const demoUser = (username: string) => DEMO_USERS.find((u) => u.username === username)!;

/** Row counts of the tables a write could touch, to prove that a refused request wrote nothing. */
export async function rowCounts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  const targets: Array<[string, string[]]> = [
    ['complaint_reviews', ['review_application', 'person', 'outbox_message', 'review_clock']],
    ['gateway', ['outbox_message']],
  ];
  for (const [db, tables] of targets) {
    for (const t of tables)
      result[`${db}.${t}`] = (await query(db, `SELECT count(*)::int AS n FROM ${t}`))[0].n;
  }
  return result;
}
