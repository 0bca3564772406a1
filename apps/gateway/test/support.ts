import { DEMO_USERS, LocalIssuer } from '@oversight/auth';
import { databaseUrl, localSecrets, REPO_ROOT } from '@oversight/testing';
import { join } from 'node:path';
import { Client } from 'pg';

/** The running gateway (started by scripts/start-services.sh). */
export const GATEWAY = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
export const ISSUER = `${GATEWAY}/auth`;

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

/** The gateway's own signing key, to make tokens a real client could not (expired ones). */
export async function gatewayIssuer(): Promise<LocalIssuer> {
  return LocalIssuer.create({
    issuer: ISSUER,
    audience: 'oversight-api',
    keyFile: join(REPO_ROOT, '.local', 'issuer-key.json'),
  });
}

export const demoUser = (username: string) => DEMO_USERS.find((u) => u.username === username)!;

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function api<T = any>(
  method: string,
  path: string,
  opts: {
    as?: string;
    token?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const token = opts.token ?? (opts.as ? await tokenFor(opts.as) : undefined);
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
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

/** Row counts of the tables a write could touch, to prove that a refused request wrote nothing. */
export async function rowCounts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  const targets: Array<[string, string[]]> = [
    ['complaint_reviews', ['review_application', 'person', 'outbox_message', 'review_clock']],
    ['gateway', ['outbox_message']],
  ];
  for (const [db, tables] of targets) {
    const c = new Client({ connectionString: databaseUrl(db) });
    await c.connect();
    try {
      for (const t of tables) {
        const r = await c.query(`SELECT count(*)::int AS n FROM ${t}`);
        result[`${db}.${t}`] = r.rows[0].n;
      }
    } finally {
      await c.end();
    }
  }
  return result;
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

export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
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
