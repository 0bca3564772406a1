// The few end-to-end helpers these tests need, copied from apps/gateway/test/support.ts (an app's
// tests may not import another app's files).
import { databaseUrl, localSecrets } from '@oversight/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/** The running gateway (started by scripts/start-services.sh). */
export const GATEWAY = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';

const tokens = new Map<string, string>();

export async function tokenFor(username: string): Promise<string> {
  const cached = tokens.get(username);
  if (cached) return cached;
  const res = await fetch(`${GATEWAY}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: localSecrets().DEMO_USER_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status}`);
  const { access_token } = (await res.json()) as { access_token: string };
  tokens.set(username, access_token);
  return access_token;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * Every request of this test process carries a correlation id with this prefix (the gateway keeps it on the
 * access records it writes), so rowCounts can count this process's gateway records and not other work on the
 * shared stack.
 */
const RUN = `cr-test-${randomUUID()}`;
let requestNumber = 0;

export async function api<T = any>(
  method: string,
  path: string,
  opts: { as?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {
    'x-correlation-id': `${RUN}-${++requestNumber}`,
    ...(opts.headers ?? {}),
  };
  if (opts.as) headers.authorization = `Bearer ${await tokenFor(opts.as)}`;
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${GATEWAY}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export async function query<T = any>(db: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: databaseUrl(db) });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

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

export function daysAgo(n: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() - n * 86_400_000),
  );
}

/** A valid application for an invented complainant. */
export function validApplication(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'EMAIL',
    receivedOn: daysAgo(1),
    forceComplaintReference: 'PSD/2026/04417',
    complaintDate: daysAgo(90),
    handling: 'OTHERWISE_THAN_BY_INVESTIGATION',
    outcomeInformationProvidedOn: daysAgo(10),
    grounds: 'The outcome letter did not address my complaint about the search of my car.',
    complainant: {
      fullName: 'Delphine Arkwright',
      email: 'd.arkwright@example.org',
      contactPreference: 'EMAIL',
    },
    ...overrides,
  };
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
