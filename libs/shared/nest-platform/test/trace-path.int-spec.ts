/**
 * Issue 14 §4: one request's whole path is one trace. On the real local stack (PostgreSQL, Kafka,
 * Temporal), with the platform's own pieces in this process: an HTTP service built by
 * createServiceApp writes an event to the outbox in its transaction; the outbox relay publishes it to
 * Kafka; an InboxConsumer handles it and starts a workflow through connectTemporalClient; a worker on
 * connectTemporalWorker runs the workflow and its activity. Spans go to an in-memory exporter.
 * The request comes in with a `traceparent` as the gateway sends it, so the trace starts "at the
 * gateway" and the test checks that every leg carries that trace id, each a child of the one before.
 */
import { Controller, HttpCode, Module, Post } from '@nestjs/common';
import { buildEvent, EventOf, Topics } from '@oversight/contracts';
import {
  appendToOutbox,
  createKafka,
  createProducer,
  ensureTopics,
  InboxConsumer,
  kafkaPublisher,
  MESSAGING_TABLES_SQL,
  OutboxRelay,
  PgTransactionalDb,
} from '@oversight/messaging';
import { createServiceApp } from '../src';
import { currentTraceId, startTracing } from '@oversight/observability';
import { connectTemporalClient, connectTemporalWorker } from '@oversight/temporal';
import { freshDatabase, SHARED_KAFKA_BROKERS, SHARED_TEMPORAL_ADDRESS, waitFor } from '@oversight/testing';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { INestApplication } from '@nestjs/common';
import { Client as TemporalClient } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Pool } from 'pg';

// First, before anything else starts tracing: this process's spans go to memory.
const exporter = new InMemorySpanExporter();
startTracing({ serviceName: 'trace-path-it', spanProcessors: [new SimpleSpanProcessor(exporter)] });

const topic = Topics.knifeKitStockMoved; // consumed elsewhere only by audit, which records it
const run = randomUUID().slice(0, 8);
const taskQueue = `trace-path-it-${run}`;
const groupId = `trace-path-it-${run}`;

let pool: Pool;
let db: PgTransactionalDb;

@Controller('trace-path')
class TracePathController {
  @Post()
  @HttpCode(202)
  async write(): Promise<{ eventId: string }> {
    const event = buildEvent(
      topic,
      { aggregateId: randomUUID(), actor: { subject: 'trace-path-it' }, correlationId: randomUUID() },
      {
        movementId: randomUUID(),
        storeId: `trace-path-it-${run}`,
        kitType: 'TEST',
        kind: 'RECEIPT',
        quantity: 1,
        balanceAfter: 1,
        reorderLevel: 0,
        reorderLevelReached: false,
        swapId: '',
        transferId: '',
      },
    );
    await db.$transaction((tx) => appendToOutbox(tx, topic, event));
    return { eventId: event.metadata.eventId };
  }
}

@Module({ controllers: [TracePathController] })
class TracePathModule {}

describe('tracing: HTTP → outbox → Kafka → consumer → Temporal workflow → activity is one trace', () => {
  let app: INestApplication;
  let baseUrl: string;
  let producer: Producer;
  let relay: OutboxRelay;
  let consumer: InboxConsumer;
  let temporal: TemporalClient;
  let workerConnection: NativeConnection;
  let worker: Worker;
  let workerRun: Promise<void>;
  const activityTraceIds = new Map<string, string | undefined>();
  const workflowResults = new Map<string, Promise<string>>();

  beforeAll(async () => {
    const url = await freshDatabase(`trace_path_it`, MESSAGING_TABLES_SQL);
    pool = new Pool({ connectionString: url, max: 5 });
    pool.on('error', () => undefined);
    db = new PgTransactionalDb(pool);

    const kafka = createKafka(`trace-path-it-${run}`, SHARED_KAFKA_BROKERS);
    await ensureTopics(kafka, [topic]);
    producer = await createProducer(kafka);
    relay = new OutboxRelay({
      db,
      publish: kafkaPublisher(producer),
      listenConnectionString: url,
      pollIntervalMs: 200,
      name: `trace-path-it-${run}`,
    });
    await relay.start();

    temporal = await connectTemporalClient({ address: SHARED_TEMPORAL_ADDRESS, namespace: 'default' });
    workerConnection = await connectTemporalWorker({
      address: SHARED_TEMPORAL_ADDRESS,
      namespace: 'default',
    });
    worker = await Worker.create({
      connection: workerConnection,
      namespace: 'default',
      taskQueue,
      workflowsPath: require.resolve('./fixtures/trace-path.workflow'),
      activities: {
        async seeTrace(eventId: string): Promise<string> {
          const traceId = currentTraceId();
          activityTraceIds.set(eventId, traceId);
          return traceId ?? 'none';
        },
      },
    });
    workerRun = worker.run();

    consumer = new InboxConsumer({
      kafka,
      groupId,
      db,
      // From the beginning: a new group reads the topic's history too; the handler skips all but this run's event.
      fromBeginning: true,
      handlers: new Map([
        [
          topic.name,
          async (event) => {
            const e = event as EventOf<typeof topic>;
            if (e.storeId !== `trace-path-it-${run}`) return; // another run's or the product's event
            const handle = await temporal.workflow.start('tracePathWorkflow', {
              taskQueue,
              workflowId: `trace-path-it-${e.metadata.eventId}`,
              args: [e.metadata.eventId],
            });
            workflowResults.set(e.metadata.eventId, handle.result());
          },
        ],
      ]),
    });
    await consumer.start();

    app = await createServiceApp(TracePathModule, { serviceName: 'trace-path-it' });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await consumer?.stop();
    await relay?.stop(2000);
    await producer?.disconnect();
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await workerRun?.catch(() => undefined);
    await workerConnection?.close();
    await temporal?.connection.close();
    await pool?.end();
  });

  it('carries the gateway’s trace id through every leg, each span a child of the one before', async () => {
    // The gateway's upstream call, as proxy.controller.ts sends it: a traceparent in the headers.
    const gatewayTraceId = randomUUID().replace(/-/g, '');
    const gatewaySpanId = randomUUID().replace(/-/g, '').slice(0, 16);

    const res = await fetch(`${baseUrl}/trace-path`, {
      method: 'POST',
      headers: { traceparent: `00-${gatewayTraceId}-${gatewaySpanId}-01` },
    });
    expect(res.status).toBe(202);
    const { eventId } = (await res.json()) as { eventId: string };

    await waitFor(
      'the workflow to be started by the consumer',
      async () => workflowResults.has(eventId),
      Boolean,
      {
        timeoutMs: 60_000,
      },
    );
    const activityTrace = await workflowResults.get(eventId);
    expect(activityTrace).toBe(gatewayTraceId);
    expect(activityTraceIds.get(eventId)).toBe(gatewayTraceId);

    // Workflow spans come from the sandbox through a sink; wait until the activity's has arrived.
    const spans = await waitFor(
      'the spans of every leg',
      async () => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === gatewayTraceId),
      (found) =>
        ['RunActivity:seeTrace', 'RunWorkflow:tracePathWorkflow'].every((n) =>
          found.some((s) => s.name === n),
        ),
      { timeoutMs: 30_000 },
    );
    const byName = (prefix: string): ReadableSpan => {
      const s = spans.find((x) => x.name.startsWith(prefix));
      if (!s) throw new Error(`no span ${prefix}; have ${spans.map((x) => x.name).join(', ')}`);
      return s;
    };
    const parentOf = (s: ReadableSpan): string | undefined =>
      s.parentSpanContext?.spanId ?? (s as unknown as { parentSpanId?: string }).parentSpanId;

    const server = byName('POST /trace-path');
    const outbox = byName(`${topic.name} publish`);
    const consume = byName(`${topic.name} process`);
    const startWorkflow = byName('StartWorkflow:tracePathWorkflow');
    const runWorkflow = byName('RunWorkflow:tracePathWorkflow');
    const startActivity = byName('StartActivity:seeTrace');
    const runActivity = byName('RunActivity:seeTrace');

    expect(server.kind).toBe(SpanKind.SERVER);
    expect(parentOf(server)).toBe(gatewaySpanId);
    expect(outbox.kind).toBe(SpanKind.PRODUCER);
    expect(parentOf(outbox)).toBe(server.spanContext().spanId);
    expect(consume.kind).toBe(SpanKind.CONSUMER);
    expect(parentOf(consume)).toBe(outbox.spanContext().spanId);
    expect(parentOf(startWorkflow)).toBe(consume.spanContext().spanId);
    expect(parentOf(runWorkflow)).toBe(startWorkflow.spanContext().spanId);
    expect(parentOf(startActivity)).toBe(runWorkflow.spanContext().spanId);
    expect(parentOf(runActivity)).toBe(startActivity.spanContext().spanId);
    // The workflow span, adapted from the interceptor's 1.x shape, exports with its parent and scope.
    expect(runWorkflow.parentSpanContext?.spanId).toBe(startWorkflow.spanContext().spanId);
    expect(runWorkflow.instrumentationScope?.name).toBeTruthy();
  });
});
