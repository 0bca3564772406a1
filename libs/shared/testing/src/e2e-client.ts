/* eslint-disable @typescript-eslint/no-explicit-any -- e2e tests read JSON bodies of every shape */
// What every app's end-to-end tests do against the running stack (scripts/start-services.sh): sign in as a demo
// user, call the API through the gateway, read the service's database, check the audit trail, publish to Kafka
// as another system would. Each app's test/support.ts binds these to its own database, fixtures and client id.
import { Kafka, logLevel, Message, Partitioners, Producer } from 'kafkajs';
import { Client } from 'pg';
import { databaseUrl, localSecrets, SHARED_KAFKA_BROKERS } from './local-stack';

/** The running gateway. */
export const GATEWAY_URL = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';

const tokens = new Map<string, string>();

/** A demo user's access token from the gateway's local issuer (one per user for the test process). */
export async function tokenFor(username: string): Promise<string> {
  const cached = tokens.get(username);
  if (cached) return cached;
  const res = await fetch(`${GATEWAY_URL}/auth/token`, {
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
  /** The parsed JSON body; the text when it is not JSON; undefined when empty. */
  body: T;
  headers: Headers;
  text: string;
}

export interface ApiOptions {
  /** Signs in as this demo user (tokenFor). */
  as?: string;
  /** A token of the test's own making (expired, forged), instead of `as`. */
  token?: string;
  /** Sent as JSON (content-type application/json unless `headers` says otherwise). */
  body?: unknown;
  /** Sent as it is, for bodies that are not valid JSON on purpose. */
  rawBody?: string;
  /** The X-Access-Reason a read of personal data needs. */
  reason?: string;
  headers?: Record<string, string>;
}

/** One request to `url` (the gateway, or a service called directly on purpose). */
export async function request<T = any>(
  method: string,
  url: string,
  opts: ApiOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const token = opts.token ?? (opts.as ? await tokenFor(opts.as) : undefined);
  if (token) headers.authorization = `Bearer ${token}`;
  if (opts.reason) headers['x-access-reason'] = opts.reason;
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(url, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, headers: res.headers, text };
}

/** One request through the gateway: `path` from the root, e.g. `/api/oocr/disposals`. */
export function gatewayApi<T = any>(
  method: string,
  path: string,
  opts: ApiOptions = {},
): Promise<ApiResponse<T>> {
  return request<T>(method, `${GATEWAY_URL}${path}`, opts);
}

/** Rows of one query on a database of the local stack (a connection of its own, closed after). */
export async function queryDatabase<T = any>(
  database: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const c = new Client({ connectionString: databaseUrl(database) });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** The audit trail's entries about one record, read as an auditor, who must give a reason. */
export async function auditEntriesAbout(recordId: string, reason: string): Promise<any[]> {
  const r = await gatewayApi('GET', `/api/audit/entries?recordId=${recordId}&limit=1000`, {
    as: 'auditor.ruth',
    reason,
  });
  if (r.status !== 200) throw new Error(`audit query failed: ${r.status} ${r.text}`);
  return r.body;
}

/** Today's date in England (YYYY-MM-DD): what the services take as "today". */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}

/** The date `n` days after `from` (before, when negative), YYYY-MM-DD. */
export function daysFrom(n: number, from = today()): string {
  const d = new Date(`${from}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The date in England `n` days ago (24-hour days back from now), YYYY-MM-DD. */
export function daysAgo(n: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() - n * 86_400_000),
  );
}

/**
 * A producer on the shared Kafka for a test that plays another system (the officers' field app, a provider,
 * the tag monitoring platform, a requester's relay): connected on first use, closed by `close()`.
 */
export class TestKafkaProducer {
  private producer?: Producer;

  constructor(private readonly clientId: string) {}

  /** Sends and waits for every in-sync replica (acks=all), as the services' relays do. */
  async send(topic: string, messages: Message[]): Promise<void> {
    if (!this.producer) {
      this.producer = new Kafka({
        clientId: this.clientId,
        brokers: [SHARED_KAFKA_BROKERS],
        logLevel: logLevel.WARN,
      }).producer({
        // Idempotent, as the services' relays publish (@oversight/messaging createProducer): a retried send is
        // not a second message, which a test counting effects would see.
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await this.producer.connect();
    }
    await this.producer.send({ topic, acks: -1, messages });
  }

  /** Raw bytes, for messages that are not valid events. */
  publishRaw(topic: string, key: string, value: string): Promise<void> {
    return this.send(topic, [{ key, value }]);
  }

  async close(): Promise<void> {
    await this.producer?.disconnect();
    this.producer = undefined;
  }
}
