// Helpers for the end-to-end tests of apps/tag-referrals on the running stack (the same shape as apps/oocr/test/support.ts:
// apps do not import each other's code).
import {
  ActorKind,
  buildEvent,
  encodeEvent,
  eventHeaders,
  EventOf,
  Processing,
  TopicDefinition,
} from '@oversight/contracts';
import { createKafka } from '@oversight/messaging';
import { databaseUrl, localSecrets, SHARED_KAFKA_BROKERS } from '@oversight/testing';
import { Partitioners, type Producer } from 'kafkajs';
import { Client } from 'pg';

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
  text: string;
}

export async function api<T = any>(
  method: string,
  path: string,
  opts: { as?: string; body?: unknown; reason?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.as) headers.authorization = `Bearer ${await tokenFor(opts.as)}`;
  if (opts.reason) headers['x-access-reason'] = opts.reason;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${GATEWAY}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, headers: res.headers, text };
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

export function daysFrom(n: number, from = today()): string {
  const d = new Date(`${from}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Audit entries about one record (as an auditor, who must give a reason). */
export async function auditEntries(recordId: string): Promise<any[]> {
  const r = await api('GET', `/api/audit/entries?recordId=${recordId}&limit=1000`, {
    as: 'auditor.ruth',
    reason: 'tag-referrals e2e: check the trail',
  });
  if (r.status !== 200) throw new Error(`audit query failed: ${r.status} ${r.text}`);
  return r.body;
}

/** Publishes an event as another system would (the tag monitoring platform): encoded, keyed, with headers. */
export class ExternalPublisher {
  private producer?: Producer;

  async publish<T extends TopicDefinition>(topic: T, event: EventOf<T>): Promise<void> {
    if (!this.producer) {
      this.producer = createKafka('tag-referrals-e2e', SHARED_KAFKA_BROKERS).producer({
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await this.producer.connect();
    }
    await this.producer.send({
      topic: topic.name,
      messages: [
        { key: event.metadata.aggregateId, value: encodeEvent(topic, event), headers: eventHeaders(event) },
      ],
    });
  }

  /** Raw bytes, for messages that are not valid events. */
  async publishRaw(topic: string, key: string, value: string): Promise<void> {
    if (!this.producer) {
      this.producer = createKafka('tag-referrals-e2e', SHARED_KAFKA_BROKERS).producer({
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await this.producer.connect();
    }
    await this.producer.send({ topic, messages: [{ key, value }] });
  }

  async close(): Promise<void> {
    await this.producer?.disconnect();
  }
}

/** An event as an outside system (the tag monitoring platform) would build it. */
export function externalEvent<T extends TopicDefinition>(
  topic: T,
  meta: { aggregateId: string; subject: string; correlationId: string; processing?: Processing },
  payload: Parameters<typeof buildEvent<T>>[2],
): EventOf<T> {
  return buildEvent(
    topic,
    {
      aggregateId: meta.aggregateId,
      actor: { subject: meta.subject, kind: ActorKind.EXTERNAL_SYSTEM },
      correlationId: meta.correlationId,
      processing: meta.processing ?? Processing.COLLECTION,
    },
    payload,
  );
}
