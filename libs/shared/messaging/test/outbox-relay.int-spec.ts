import { waitFor } from '@oversight/testing';
import { Kafka, Producer } from 'kafkajs';
import { appendToOutbox, createProducer, kafkaPublisher, OutboxRelay, OutboxRow, PublishBatch } from '../src';
import {
  collectTopic,
  CollectedMessage,
  eventIdsOf,
  hasMetricSeries,
  messagingDb,
  metricValue,
  reviewEvent,
  ReviewEvent,
  tally,
  TestBroker,
  TestDb,
  topic,
} from './support';

/**
 * The relay against a real broker: what goes over the wire (key, headers), that each row is
 * published once even with two relays racing, in seq order, and that a poison row is parked
 * without holding up the others.
 */
describe('OutboxRelay', () => {
  let db: TestDb;
  let broker: TestBroker;
  let kafka: Kafka;
  let producer: Producer;
  let wire: Awaited<ReturnType<typeof collectTopic>>;
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    [db, broker] = await Promise.all([messagingDb('relay'), TestBroker.fresh('msg-it-relay', 19092)]);
    kafka = broker.kafka('relay');
    producer = await createProducer(kafka);
    wire = await collectTopic(broker.kafka('wire'), topic.name);
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop(1000)));
  });

  afterAll(async () => {
    await wire?.stop();
    await producer?.disconnect();
    await db?.close();
    broker?.shutdown();
  });

  function relay(opts: {
    name: string;
    publish?: PublishBatch;
    batchSize?: number;
    maxAttempts?: number;
    listen?: boolean;
    pollIntervalMs?: number;
  }): OutboxRelay {
    const r = new OutboxRelay({
      db: db.client,
      publish: opts.publish ?? kafkaPublisher(producer),
      name: opts.name,
      batchSize: opts.batchSize ?? 50,
      maxAttempts: opts.maxAttempts,
      pollIntervalMs: opts.pollIntervalMs ?? 50,
      listenConnectionString: opts.listen ? db.url : undefined,
    });
    relays.push(r);
    return r;
  }

  /** Appends events, one transaction each (or all in one when `oneTransaction`). */
  async function append(events: ReviewEvent[], oneTransaction = false): Promise<void> {
    if (oneTransaction) {
      await db.client.$transaction(
        async (tx) => {
          for (const e of events) await appendToOutbox(tx, topic, e);
        },
        { timeout: 60_000 },
      );
    } else {
      for (const e of events) await db.client.$transaction(async (tx) => appendToOutbox(tx, topic, e));
    }
  }

  const onWire = (events: ReviewEvent[]): CollectedMessage[] => {
    const ids = new Set(events.map((e) => e.metadata.eventId));
    return wire.messages.filter((m) => ids.has(m.headers['event-id']));
  };
  const published = (events: ReviewEvent[]) =>
    db
      .rows<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox_message WHERE published_at IS NOT NULL AND id = ANY($1::uuid[])`,
        events.map((e) => e.metadata.eventId),
      )
      .then(([r]) => r.n);
  /** Waits until the raw consumer has read to the end of the log, so counts on the wire are final. */
  const wireSettled = () => waitFor('the raw consumer to reach the end of the topic', () => wire.caughtUp());

  it('publishes each row keyed by aggregate id with the event headers, and marks it published', async () => {
    const aggregates = [crypto.randomUUID(), crypto.randomUUID()];
    const events = [0, 1, 2, 3, 4, 5].map((i) =>
      reviewEvent({
        aggregateId: aggregates[i % 2],
        correlationId: `corr-relay-${i}`,
        reference: `CR-2026-00010${i}`,
      }),
    );
    await append(events);
    relay({ name: 'headers' }).start();

    await waitFor(
      'all six on the wire',
      async () => onWire(events).length,
      (n) => n === 6,
    );
    for (const e of events) {
      const [m] = onWire([e]);
      expect(m.key).toBe(e.metadata.aggregateId);
      expect(m.headers).toMatchObject({
        'event-id': e.metadata.eventId,
        'x-correlation-id': e.metadata.correlationId,
        'event-type': topic.eventType,
      });
    }
    // One aggregate, one partition: its events arrive in the order they were written.
    for (const aggregateId of aggregates) {
      const mine = onWire(events).filter((m) => m.key === aggregateId);
      expect(new Set(mine.map((m) => m.partition)).size).toBe(1);
      expect(mine.map((m) => m.headers['event-id'])).toEqual(
        events.filter((e) => e.metadata.aggregateId === aggregateId).map((e) => e.metadata.eventId),
      );
    }
    expect(
      await waitFor(
        'rows marked published',
        () => published(events),
        (n) => n === 6,
      ),
    ).toBe(6);
  });

  it('is woken by the commit (LISTEN/NOTIFY), not by its poll interval', async () => {
    const r = relay({ name: 'listen', listen: true, pollIntervalMs: 120_000 });
    await r.start();
    // The pending gauge is set at the end of each pass: once it exists, the relay is asleep for two minutes.
    await waitFor('the relay to finish its first pass', () =>
      hasMetricSeries('outbox_pending', { relay: 'listen' }),
    );
    const event = reviewEvent();
    await append([event]);
    await waitFor(
      'the event on the wire, long before the next poll',
      async () => onWire([event]).length === 1,
      Boolean,
      { timeoutMs: 10_000 },
    );
    expect(await published([event])).toBe(1);
  });

  it('with two relays racing over 500 rows, publishes every row exactly once', async () => {
    const events = Array.from({ length: 500 }, () => reviewEvent());
    await append(events, true);
    const a = relay({ name: 'race-a' });
    const b = relay({ name: 'race-b' });
    await Promise.all([a.start(), b.start()]);

    await waitFor(
      'all 500 marked published',
      () => published(events),
      (n) => n === 500,
      { timeoutMs: 60_000 },
    );
    await wireSettled();
    const counts = tally(eventIdsOf(onWire(events)));
    expect(counts.size).toBe(500);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    // both relays did part of the work (otherwise this was not a race)
    expect(await publishedBy('race-a')).toBeGreaterThan(0);
    expect(await publishedBy('race-b')).toBeGreaterThan(0);
  });

  it('claims rows in seq order', async () => {
    const events = Array.from({ length: 40 }, () => reviewEvent());
    await append(events);
    const seen: OutboxRow[] = [];
    const publish = kafkaPublisher(producer);
    relay({
      name: 'order',
      batchSize: 7,
      publish: async (rows) => {
        seen.push(...rows);
        await publish(rows);
      },
    }).start();

    await waitFor(
      'all 40 published',
      () => published(events),
      (n) => n === 40,
    );
    const seqs = seen.map((r) => Number(r.seq));
    expect(seqs).toHaveLength(40);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(40);
    expect(seen.map((r) => r.id)).toEqual(events.map((e) => e.metadata.eventId));
  });

  it('does not count a transient publish failure against the rows: it backs off and publishes them later', async () => {
    const events = Array.from({ length: 5 }, () => reviewEvent());
    await append(events);
    let failuresLeft = 3;
    const publish = kafkaPublisher(producer);
    relay({
      name: 'transient',
      maxAttempts: 2, // fewer than the failures: a counted failure would park the rows
      publish: async (rows) => {
        if (failuresLeft > 0) {
          failuresLeft--;
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9092'), { code: 'ECONNREFUSED' });
        }
        await publish(rows);
      },
    }).start();

    await waitFor(
      'the rows published after the failures',
      () => published(events),
      (n) => n === 5,
    );
    expect(failuresLeft).toBe(0);
    const rows = await db.rows<{ attempts: number; last_error: string | null; parked_at: Date | null }>(
      `SELECT attempts, last_error, parked_at FROM outbox_message WHERE id = ANY($1::uuid[])`,
      events.map((e) => e.metadata.eventId),
    );
    expect(rows).toEqual(Array(5).fill({ attempts: 0, last_error: null, parked_at: null }));
  });

  it('parks a poison row after maxAttempts while the rows around it are published, and replays it on request', async () => {
    const events = Array.from({ length: 10 }, () => reviewEvent());
    const poison = events[4];
    await append(events);
    let poisonFixed = false;
    const publish = kafkaPublisher(producer);
    const r = relay({
      name: 'poison',
      maxAttempts: 3,
      publish: async (rows) => {
        if (!poisonFixed && rows.some((row) => row.id === poison.metadata.eventId))
          throw new Error('RecordTooLarge: this message can never be sent');
        await publish(rows);
      },
    });
    r.start();

    const parkedRow = await waitFor(
      'the poison row to be parked',
      async () =>
        (
          await db.rows<{ attempts: number; parked_at: Date | null; last_error: string }>(
            `SELECT attempts, parked_at, last_error FROM outbox_message WHERE id = $1::uuid`,
            poison.metadata.eventId,
          )
        )[0],
      (row) => row?.parked_at != null,
    );
    expect(parkedRow.attempts).toBe(3);
    expect(parkedRow.last_error).toMatch(/RecordTooLarge/);

    const others = events.filter((e) => e !== poison);
    expect(
      await waitFor(
        'the other nine published',
        () => published(others),
        (n) => n === 9,
      ),
    ).toBe(9);
    const [{ max }] = await db.rows<{ max: number }>(
      `SELECT max(attempts)::int AS max FROM outbox_message WHERE id = ANY($1::uuid[])`,
      others.map((e) => e.metadata.eventId),
    );
    expect(max).toBe(0); // only the offending row counts attempts

    const parkedList = await r.listParked();
    expect(parkedList.map((p) => p.id)).toEqual([poison.metadata.eventId]);
    expect(parkedList[0]).toMatchObject({
      attempts: 3,
      topic: topic.name,
      message_key: poison.metadata.aggregateId,
    });
    expect(await published([poison])).toBe(0);

    poisonFixed = true;
    expect(await r.replayParked(poison.metadata.eventId)).toBe(true);
    expect(await r.replayParked(poison.metadata.eventId)).toBe(false); // no longer parked
    await waitFor(
      'the replayed row published',
      () => published([poison]),
      (n) => n === 1,
    );
    expect(await r.listParked()).toEqual([]);
    await wireSettled();
    expect(onWire([poison])).toHaveLength(1);
    expect(onWire(others)).toHaveLength(9);
  });

  it('counts no attempt against healthy rows when the broker fails while a poison row is being isolated', async () => {
    const events = Array.from({ length: 4 }, () => reviewEvent());
    const poison = events[2];
    await append(events);
    let brokerBlips = 1;
    const publish = kafkaPublisher(producer);
    relay({
      name: 'blip',
      maxAttempts: 1, // any attempt counted against a row parks it
      publish: async (rows) => {
        if (rows.some((row) => row.id === poison.metadata.eventId))
          throw new Error('RecordTooLarge: never sendable');
        if (brokerBlips > 0) {
          // the batch failed because of the poison row; now, publishing one by one, the broker goes away
          brokerBlips--;
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9092'), { code: 'ECONNREFUSED' });
        }
        await publish(rows);
      },
    }).start();

    const settled = () =>
      db.rows<{ id: string; attempts: number; published: boolean; parked: boolean }>(
        `SELECT id::text, attempts, published_at IS NOT NULL AS published, parked_at IS NOT NULL AS parked
           FROM outbox_message WHERE id = ANY($1::uuid[]) ORDER BY seq`,
        events.map((e) => e.metadata.eventId),
      );
    const rows = await waitFor('every row published or parked', settled, (rs) =>
      rs.every((r) => r.published || r.parked),
    );
    expect(brokerBlips).toBe(0);
    expect(rows).toEqual(
      events.map((e) => ({
        id: e.metadata.eventId,
        attempts: e === poison ? 1 : 0,
        published: e !== poison,
        parked: e === poison,
      })),
    );
  });
});

async function publishedBy(relayName: string): Promise<number> {
  return metricValue('outbox_published_total', { relay: relayName });
}
