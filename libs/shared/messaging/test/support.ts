/**
 * Shared setup for the messaging integration tests: a scratch database with the messaging tables
 * and an effects table, a private Kafka broker that a test may stop or kill, events of the one
 * topic these tests use, and probes that tell when Kafka or a consumer group has caught up.
 */
import {
  ApplicationChannel,
  buildEvent,
  encodeEvent,
  eventHeaders,
  EventOf,
  Processing,
  Topics,
  allTopics,
} from '@oversight/contracts';
import { metricsRegistry } from '@oversight/observability';
import { freshDatabase, PrivateKafka, REPO_ROOT } from '@oversight/testing';
import { Kafka, Producer } from 'kafkajs';
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import {
  createKafka,
  ensureTopics,
  EventHandler,
  HandlerContext,
  MESSAGING_TABLES_SQL,
  PgTransactionalDb,
} from '../src';

export const topic = Topics.reviewApplicationReceived;
export type ReviewEvent = EventOf<typeof Topics.reviewApplicationReceived>;

const REGISTER = join(REPO_ROOT, 'tools', 'register.js');
const FIXTURES = join(__dirname, 'fixtures');

// ---------------------------------------------------------------------------------------------
// Database

/**
 * `effect` is what handlers write. It has no unique constraint on purpose: a message handled twice
 * shows up as two rows, so "exactly once" is checked by counting, not enforced by the table.
 * `review_application` stands for the domain table written in the same transaction as the outbox.
 */
export const TEST_TABLES_SQL = `
CREATE TABLE effect (
  event_id uuid NOT NULL,
  reference text NOT NULL,
  consumer_group text NOT NULL,
  partition integer NOT NULL,
  "offset" text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE review_application (id uuid PRIMARY KEY, reference text NOT NULL);`;

export interface TestDb {
  url: string;
  /** The messaging lib's database port, as the relay, writer and consumer take it. */
  client: PgTransactionalDb;
  rows<T = Record<string, unknown>>(sql: string, ...values: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** A fresh database `msg_it_<name>` with the messaging tables and the test tables. */
export async function messagingDb(name: string): Promise<TestDb> {
  const url = await freshDatabase(`msg_it_${name}`, MESSAGING_TABLES_SQL + TEST_TABLES_SQL);
  const { client, close } = connectDb(url);
  return {
    url,
    client,
    rows: <T>(sql: string, ...values: unknown[]) => client.$queryRawUnsafe<T[]>(sql, ...values),
    close,
  };
}

/**
 * The lib's pg-based port over its own pool. (A lib may not import a service's generated Prisma
 * client; the port has the same contract: its transaction client has no `$transaction`.)
 */
export function connectDb(connectionString: string): { client: PgTransactionalDb; close(): Promise<void> } {
  const pool = new Pool({ connectionString, max: 10 });
  // An idle client losing its connection is reported on the pool; unheard, it would crash the process.
  pool.on('error', () => undefined);
  return { client: new PgTransactionalDb(pool), close: () => pool.end() };
}

export async function effectCounts(db: TestDb): Promise<{ total: number; distinct: number }> {
  const [row] = await db.rows<{ total: number; distinct: number }>(
    `SELECT count(*)::int AS total, count(DISTINCT event_id)::int AS distinct FROM effect`,
  );
  return row;
}

/** Event ids that have more than one effect row (should always be empty). */
export async function doubledEffects(db: TestDb): Promise<string[]> {
  const rows = await db.rows<{ event_id: string }>(
    `SELECT event_id::text FROM effect GROUP BY event_id HAVING count(*) > 1`,
  );
  return rows.map((r) => r.event_id);
}

export async function outboxState(
  db: TestDb,
): Promise<{ total: number; unpublished: number; parked: number }> {
  const [row] = await db.rows<{ total: number; unpublished: number; parked: number }>(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE published_at IS NULL)::int AS unpublished,
            count(*) FILTER (WHERE parked_at IS NOT NULL)::int AS parked
       FROM outbox_message`,
  );
  return row;
}

// ---------------------------------------------------------------------------------------------
// Events

export function reviewEvent(
  opts: { aggregateId?: string; reference?: string; correlationId?: string } = {},
): ReviewEvent {
  const aggregateId = opts.aggregateId ?? randomUUID();
  return buildEvent(
    topic,
    {
      aggregateId,
      actor: { subject: 'msg-it' },
      correlationId: opts.correlationId ?? `corr-${randomUUID()}`,
      processing: Processing.COLLECTION,
    },
    {
      applicationId: aggregateId,
      reference: opts.reference ?? 'CR-2026-000001',
      channel: ApplicationChannel.EMAIL,
      receivedOn: '2026-04-10',
    },
  );
}

/** The Kafka message the relay would produce for an event (for tests that publish directly). */
export function kafkaMessage(event: ReviewEvent): {
  key: string;
  value: string;
  headers: Record<string, string>;
} {
  return { key: event.metadata.aggregateId, value: encodeEvent(topic, event), headers: eventHeaders(event) };
}

// ---------------------------------------------------------------------------------------------
// Handlers

/** A handler that records its effect in the inbox transaction. */
export const recordEffect: EventHandler = async (event, ctx) => {
  await insertEffect(event as ReviewEvent, ctx, 'test');
};

export async function insertEffect(event: ReviewEvent, ctx: HandlerContext, group: string): Promise<void> {
  await ctx.tx.$executeRawUnsafe(
    `INSERT INTO effect (event_id, reference, consumer_group, partition, "offset") VALUES ($1::uuid, $2, $3, $4, $5)`,
    event.metadata.eventId,
    event.reference,
    group,
    ctx.partition,
    ctx.offset,
  );
}

export function handlers(handler: EventHandler): ReadonlyMap<string, EventHandler> {
  return new Map([[topic.name, handler]]);
}

/** Whether this process's metrics registry has a series of `name` with these labels yet. */
export async function hasMetricSeries(name: string, labels: Record<string, string>): Promise<boolean> {
  const metric = metricsRegistry.getSingleMetric(name);
  if (!metric) return false;
  const { values } = await metric.get();
  return values.some((v) => Object.entries(labels).every(([k, want]) => v.labels[k] === want));
}

/** Sum of a counter of this process's metrics registry over the series matching `labels`. */
export async function metricValue(name: string, labels: Record<string, string>): Promise<number> {
  const metric = metricsRegistry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, want]) => v.labels[k] === want))
    .reduce((n, v) => n + v.value, 0);
}

// ---------------------------------------------------------------------------------------------
// Kafka

/**
 * A private broker (own port, own data) with the catalogue's topics. `stop`, `kill` and `start`
 * run the broker script in a child process and resolve when it returns, so the test's own event
 * loop — writer, relay, consumer — keeps running through the outage.
 */
export class TestBroker {
  readonly brokers: string;
  private readonly instance: PrivateKafka;

  private constructor(
    private readonly name: string,
    private readonly port: number,
  ) {
    this.instance = new PrivateKafka(name, port);
    this.brokers = this.instance.brokers;
  }

  /** A new, empty broker with every topic of the catalogue. */
  static async fresh(name: string, port: number): Promise<TestBroker> {
    const broker = new TestBroker(name, port);
    broker.instance.reset();
    broker.instance.start();
    await ensureTopics(broker.kafka('setup'), allTopics);
    return broker;
  }

  kafka(clientId: string): Kafka {
    return createKafka(`msg-it-${clientId}`, this.brokers);
  }

  /** Graceful stop (SIGTERM, broker flushes and deregisters). Resolves with the time it took. */
  stop(): Promise<number> {
    return this.run('stop');
  }
  /** SIGKILL: no flush, no deregistration. */
  kill(): Promise<number> {
    return this.run('kill');
  }
  /** Starts the broker and resolves once it answers a metadata request. */
  start(): Promise<number> {
    return this.run('start');
  }

  /** For afterAll: blocking is fine once the test is over. */
  shutdown(): void {
    try {
      this.instance.stop();
    } catch {
      this.instance.kill();
    }
  }

  private async run(action: string): Promise<number> {
    const t0 = Date.now();
    await promisify(execFile)(
      process.execPath,
      ['-r', REGISTER, join(FIXTURES, 'private-kafka.ts'), this.name, String(this.port), action],
      {
        timeout: 120_000,
      },
    );
    return Date.now() - t0;
  }
}

export interface CollectedMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/**
 * A plain kafkajs consumer (no inbox, no decoding) that records every message on a topic: what
 * actually went over the wire. `caughtUp` tells when it has read up to the current end of the log.
 */
export async function collectTopic(
  kafka: Kafka,
  topicName: string,
): Promise<{ messages: CollectedMessage[]; caughtUp(): Promise<boolean>; stop(): Promise<void> }> {
  const messages: CollectedMessage[] = [];
  const next = new Map<number, bigint>();
  const consumer = kafka.consumer({ groupId: `msg-it-collector-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: topicName, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
      messages.push({
        partition,
        offset: message.offset,
        key: message.key?.toString() ?? null,
        value: message.value?.toString() ?? null,
        headers,
      });
      next.set(partition, BigInt(message.offset) + 1n);
    },
  });
  return {
    messages,
    caughtUp: async () => {
      const ends = await topicEnds(kafka, topicName);
      return ends.every(({ partition, low, high }) => high === low || (next.get(partition) ?? 0n) >= high);
    },
    stop: () => consumer.disconnect(),
  };
}

/** True once a consumer group has committed offsets up to the end of every partition of a topic. */
export async function groupCaughtUp(kafka: Kafka, groupId: string, topicName: string): Promise<boolean> {
  const ends = await topicEnds(kafka, topicName);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topicName] });
    return ends.every(({ partition, low, high }) => {
      const offset = committed?.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
      return BigInt(offset === '-1' ? low : offset) >= high;
    });
  } finally {
    await admin.disconnect();
  }
}

async function topicEnds(
  kafka: Kafka,
  topicName: string,
): Promise<Array<{ partition: number; low: bigint; high: bigint }>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topicName);
    return offsets.map((o) => ({ partition: o.partition, low: BigInt(o.low), high: BigInt(o.high) }));
  } finally {
    await admin.disconnect();
  }
}

/** A plain producer for messages the relay would never send (duplicates, garbage). */
export async function rawProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  return producer;
}

export function eventIdsOf(messages: CollectedMessage[]): string[] {
  return messages.map((m) => m.headers['event-id']);
}

/** Map of value → how many times it occurs. */
export function tally(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

// ---------------------------------------------------------------------------------------------
// A consumer in its own process (so it can be SIGKILLed)

export interface ConsumerProcess {
  child: ChildProcess;
  /** Lines the fixture wrote with the FIXTURE prefix, parsed. */
  reports: Array<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the process wrote, for a failure message. */
  output(): string;
}

export function spawnConsumerProcess(env: {
  DATABASE_URL: string;
  KAFKA_BROKERS: string;
  GROUP_ID: string;
  HANDLER_DELAY_MS: string;
  STALL_AFTER_EFFECTS?: string;
}): ConsumerProcess {
  const child = spawn(process.execPath, ['-r', REGISTER, join(FIXTURES, 'inbox-consumer.process.ts')], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn', SERVICE_NAME: 'msg-it-consumer' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const reports: Array<Record<string, unknown>> = [];
  let out = '';
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines)
      if (line.startsWith('FIXTURE ')) reports.push(JSON.parse(line.slice('FIXTURE '.length)));
  });
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, reports, exited, output: () => out.slice(-4000) };
}
