import { encodeEvent } from '@oversight/contracts';
import { waitFor } from '@oversight/testing';
import { Kafka, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  appendToOutbox,
  createProducer,
  InboxConsumer,
  kafkaPublisher,
  OutboxRelay,
  ParkedMessage,
  PermanentProcessingError,
} from '../src';
import {
  handlers,
  insertEffect,
  kafkaMessage,
  messagingDb,
  metricValue,
  rawProducer,
  reviewEvent,
  ReviewEvent,
  TestBroker,
  TestDb,
  topic,
} from './support';

const GROUP = 'msg-it-inbox';

/**
 * The inbox consumer against a real broker: invalid messages are parked with their payload and do
 * not block the partition, handler failures are retried or parked according to their kind, and an
 * event delivered twice has one effect.
 */
describe('InboxConsumer', () => {
  let db: TestDb;
  let broker: TestBroker;
  let kafka: Kafka;
  let producer: Producer;
  let consumer: InboxConsumer;
  /** Handler calls per event id, to see retries. */
  const calls = new Map<string, number>();
  /** References whose permanent failure has been "fixed" by an operator. */
  const fixed = new Set<string>();

  beforeAll(async () => {
    [db, broker] = await Promise.all([messagingDb('inbox'), TestBroker.fresh('msg-it-inbox', 19094)]);
    kafka = broker.kafka('inbox');
    producer = await rawProducer(kafka);
    // The handler's behaviour is chosen by the event's reference, so each test sends its own cases.
    consumer = new InboxConsumer({
      kafka,
      groupId: GROUP,
      db: db.client,
      maxAttempts: 3,
      maxBackoffMs: 400,
      handlers: handlers(async (e, ctx) => {
        const event = e as ReviewEvent;
        const n = (calls.get(event.metadata.eventId) ?? 0) + 1;
        calls.set(event.metadata.eventId, n);
        await insertEffect(event, ctx, GROUP); // rolled back with the transaction when the handler throws
        if (event.reference.startsWith('PERMANENT') && !fixed.has(event.reference))
          throw new PermanentProcessingError('application is unknown to this service');
        if (event.reference.startsWith('FLAKY') && n <= 2) throw new Error(`lock not available (call ${n})`);
        if (event.reference.startsWith('BROKEN')) throw new Error('handler bug: always fails');
      }),
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await producer?.disconnect();
    await db?.close();
    broker?.shutdown();
  });

  const send = (key: string, ...messages: Array<{ value: string; headers?: Record<string, string> }>) =>
    producer.send({ topic: topic.name, messages: messages.map((m) => ({ key, ...m })) });
  const effectsOf = (event: ReviewEvent) =>
    db
      .rows<{
        n: number;
      }>(`SELECT count(*)::int AS n FROM effect WHERE event_id = $1::uuid`, event.metadata.eventId)
      .then(([r]) => r.n);
  const inboxRowsOf = (event: ReviewEvent) =>
    db
      .rows<{
        n: number;
      }>(`SELECT count(*)::int AS n FROM inbox_message WHERE event_id = $1::uuid`, event.metadata.eventId)
      .then(([r]) => r.n);
  const waitForEffect = (event: ReviewEvent, what: string) =>
    waitFor(
      what,
      () => effectsOf(event),
      (n) => n > 0,
    );
  const parkedByKey = (key: string) =>
    db.rows<ParkedMessage>(
      `SELECT id::text, reason, payload, headers, error, attempts, partition, replayed_at FROM parked_message WHERE message_key = $1 ORDER BY "offset"::bigint`,
      key,
    );

  it('parks malformed, wrong-type and wrong-envelope messages with their payload, and goes on with the partition', async () => {
    const key = randomUUID(); // one key: one partition, so the valid messages queue behind the invalid ones
    const wellFormed = JSON.parse(encodeEvent(topic, reviewEvent({ aggregateId: key })));
    const malformed = '{"metadata": {"eventId": ';
    // An added field is not a reason to park (rolling upgrades: apps/audit/test/rolling-upgrade.int-spec.ts).
    const wrongType = JSON.stringify({ ...wellFormed, reference: 42 });
    const wrongEnvelope = JSON.stringify({
      ...wellFormed,
      metadata: { ...wellFormed.metadata, eventType: 'complaints.something-else' },
    });
    const after = [reviewEvent({ aggregateId: key }), reviewEvent({ aggregateId: key })];
    await send(
      key,
      { value: malformed, headers: { 'event-id': 'not-even-an-id' } },
      { value: wrongType },
      { value: wrongEnvelope },
      ...after.map((e) => kafkaMessage(e)),
    );

    for (const e of after) await waitForEffect(e, 'the valid message behind the invalid ones');
    const parked = await parkedByKey(key);
    expect(parked.map((p) => p.reason)).toEqual(['INVALID_MESSAGE', 'INVALID_MESSAGE', 'INVALID_MESSAGE']);
    expect(parked.map((p) => p.payload)).toEqual([malformed, wrongType, wrongEnvelope]);
    expect(parked[0].headers).toMatchObject({ 'event-id': 'not-even-an-id' });
    expect(parked[1].error).toMatch(/malformed/);
    expect(parked[2].error).toMatch(/eventType must be complaints.review-application-received/);
    expect((await consumer.parkedMessages.list()).map((p) => p.id)).toEqual(
      expect.arrayContaining(parked.map((p) => p.id)),
    );

    // An invalid message stays invalid: replaying it parks it again (same row, still not replayed).
    expect(await consumer.replay(parked[1].id)).toBe('parked');
    const again = await parkedByKey(key);
    expect(again).toHaveLength(3);
    expect(again[1]).toMatchObject({ id: parked[1].id, reason: 'INVALID_MESSAGE', replayed_at: null });
    expect(await consumer.replay(randomUUID())).toBe('not-found');
  });

  it('parks a PermanentProcessingError at once, with no effect and no inbox row, and processes it on replay once fixed', async () => {
    const key = randomUUID();
    const permanent = reviewEvent({ aggregateId: key, reference: `PERMANENT-${key}` });
    const next = reviewEvent({ aggregateId: key });
    await send(key, kafkaMessage(permanent), kafkaMessage(next));

    await waitForEffect(next, 'the message after the failing one');
    const [parked] = await parkedByKey(key);
    expect(parked).toMatchObject({ reason: 'PERMANENT_FAILURE', attempts: 1, replayed_at: null });
    expect(parked.error).toMatch(/PermanentProcessingError: application is unknown/);
    expect(calls.get(permanent.metadata.eventId)).toBe(1); // not retried
    expect(await effectsOf(permanent)).toBe(0);
    expect(await inboxRowsOf(permanent)).toBe(0);

    fixed.add(permanent.reference);
    expect(await consumer.replay(parked.id)).toBe('processed');
    expect(await effectsOf(permanent)).toBe(1);
    expect((await consumer.parkedMessages.get(parked.id))?.replayed_at).toBeInstanceOf(Date);
    expect((await consumer.parkedMessages.list()).map((p) => p.id)).not.toContain(parked.id);
  });

  it('retries a plain error and processes the message once when it then succeeds', async () => {
    const key = randomUUID();
    const flaky = reviewEvent({ aggregateId: key, reference: `FLAKY-${key}` });
    await send(key, kafkaMessage(flaky));

    await waitForEffect(flaky, 'the flaky message to succeed');
    expect(calls.get(flaky.metadata.eventId)).toBe(3);
    expect(await effectsOf(flaky)).toBe(1);
    expect(await inboxRowsOf(flaky)).toBe(1);
    expect(await parkedByKey(key)).toEqual([]);
  });

  it('parks a message whose handler keeps failing after maxAttempts (RETRIES_EXHAUSTED)', async () => {
    const key = randomUUID();
    const broken = reviewEvent({ aggregateId: key, reference: `BROKEN-${key}` });
    const next = reviewEvent({ aggregateId: key });
    await send(key, kafkaMessage(broken), kafkaMessage(next));

    await waitForEffect(next, 'the message after the broken one');
    const [parked] = await parkedByKey(key);
    expect(parked).toMatchObject({ reason: 'RETRIES_EXHAUSTED', attempts: 3 });
    expect(calls.get(broken.metadata.eventId)).toBe(3);
    expect(await effectsOf(broken)).toBe(0);
  });

  it('has one effect for an event delivered twice in a row', async () => {
    const key = randomUUID();
    const event = reviewEvent({ aggregateId: key });
    const sentinel = reviewEvent({ aggregateId: key });
    const duplicatesBefore = await metricValue('inbox_messages_total', {
      group: GROUP,
      outcome: 'duplicate',
    });
    await send(key, kafkaMessage(event), kafkaMessage(event), kafkaMessage(sentinel));

    await waitForEffect(sentinel, 'the message after the duplicate'); // same partition: the duplicate came first
    expect(await effectsOf(event)).toBe(1);
    expect(calls.get(event.metadata.eventId)).toBe(1);
    expect(await metricValue('inbox_messages_total', { group: GROUP, outcome: 'duplicate' })).toBe(
      duplicatesBefore + 1,
    );
  });

  it('has one effect when the relay publishes a row again (crash between publish and mark)', async () => {
    const relayProducer = await createProducer(kafka);
    const relay = new OutboxRelay({
      db: db.client,
      publish: kafkaPublisher(relayProducer),
      name: 'inbox-test',
      pollIntervalMs: 50,
    });
    try {
      await relay.start();
      const key = randomUUID();
      const event = reviewEvent({ aggregateId: key });
      await db.client.$transaction((tx) => appendToOutbox(tx, topic, event));
      await waitForEffect(event, 'the first delivery');

      // What a relay that died after the broker's ack but before marking the row leaves behind:
      await db.client.$executeRawUnsafe(
        `UPDATE outbox_message SET published_at = NULL WHERE id = $1::uuid`,
        event.metadata.eventId,
      );
      const sentinel = reviewEvent({ aggregateId: key });
      await db.client.$transaction((tx) => appendToOutbox(tx, topic, sentinel));
      await waitForEffect(sentinel, 'the event written after the re-published one');

      const [{ n: republished }] = await db.rows<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox_message WHERE id = $1::uuid AND published_at IS NOT NULL`,
        event.metadata.eventId,
      );
      expect(republished).toBe(1);
      expect(await effectsOf(event)).toBe(1);
      expect(calls.get(event.metadata.eventId)).toBe(1);
    } finally {
      await relay.stop(1000);
      await relayProducer.disconnect();
    }
  });
});
