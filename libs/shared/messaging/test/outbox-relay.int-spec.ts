import { REPO_ROOT, waitFor } from '@oversight/testing';
import { Kafka, Producer } from 'kafkajs';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
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
      connectionString: db.url,
      listen: opts.listen ?? false,
    });
    relays.push(r);
    return r;
  }

  const relayProcess = (name: string) =>
    relayProcessWith({
      DATABASE_URL: db.url,
      KAFKA_BROKERS: broker.brokers,
      RELAY_NAME: name,
      BATCH_SIZE: '20',
      MARK_DELAY_MS: '30',
    });

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
    // marked right after the broker's acknowledgement
    await waitFor(
      'the row marked published',
      () => published([event]),
      (n) => n === 1,
      { timeoutMs: 5_000 },
    );
  });

  it('with two relays over 500 rows, one leads and publishes every row once in order; the other takes over when it stops', async () => {
    const aggregates = Array.from({ length: 20 }, () => crypto.randomUUID());
    const events = Array.from({ length: 500 }, (_, i) => reviewEvent({ aggregateId: aggregates[i % 20] }));
    await append(events.slice(0, 250), true);
    const a = relay({ name: 'race-a' });
    const b = relay({ name: 'race-b' });
    await Promise.all([a.start(), b.start()]);
    expect([a.leading, b.leading].sort()).toEqual([false, true]); // exactly one holds the lock
    const [first, second] = a.leading ? [a, b] : [b, a];

    await waitFor(
      'the first 250 marked published',
      () => published(events.slice(0, 250)),
      (n) => n === 250,
      { timeoutMs: 60_000 },
    );
    await first.stop(5000); // frees the lock: the standby takes over within its poll interval
    await append(events.slice(250), true);
    await waitFor(
      'all 500 marked published',
      () => published(events),
      (n) => n === 500,
      { timeoutMs: 60_000 },
    );
    expect(second.leading).toBe(true);
    await wireSettled();
    const counts = tally(eventIdsOf(onWire(events)));
    expect(counts.size).toBe(500);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    // per aggregate, the wire order is the write order, across the hand-over
    for (const aggregateId of aggregates) {
      expect(
        onWire(events)
          .filter((m) => m.key === aggregateId)
          .map((m) => m.headers['event-id']),
      ).toEqual(events.filter((e) => e.metadata.aggregateId === aggregateId).map((e) => e.metadata.eventId));
    }
    expect(await publishedBy(first === a ? 'race-a' : 'race-b')).toBe(250);
    expect(await publishedBy(second === a ? 'race-a' : 'race-b')).toBe(250);
  });

  it('with two relay processes under load, SIGKILL of the leader loses nothing, keeps per-aggregate order and re-sends only its unmarked batch', async () => {
    const aggregates = Array.from({ length: 30 }, () => crypto.randomUUID());
    const events = Array.from({ length: 600 }, (_, i) => reviewEvent({ aggregateId: aggregates[i % 30] }));
    const procs = [relayProcess('kill-a'), relayProcess('kill-b')];
    await waitFor('both relay processes started', async () =>
      procs.every((p) => p.reports.some((r) => r.started)),
    );

    // The writer keeps going through the kill: 20 transactions of 30 rows.
    let written = 0;
    const writer = (async () => {
      for (let i = 0; i < events.length; i += 30) {
        await append(events.slice(i, i + 30), true);
        written += 30;
        await new Promise((r) => setTimeout(r, 40));
      }
    })();
    await waitFor('a third written', async () => written >= 200);
    const leaderProc = await waitFor('one relay to lead', async () =>
      procs.find((p) => p.reports.some((r) => r.leading)),
    );
    if (!leaderProc) throw new Error('no relay process reported leading');
    await waitFor('the leader to have published some rows', async () => batchesOf(leaderProc).length >= 3);
    leaderProc.child.kill('SIGKILL');
    await new Promise((r) => leaderProc.child.once('exit', r));
    const inFlight = batchesOf(leaderProc).flat(); // acknowledged by the broker; the mark may be missing
    const standby = procs.find((p) => p !== leaderProc)!;
    await writer;

    await waitFor(
      'all 600 marked published by the standby',
      () => published(events),
      (n) => n === 600,
      { timeoutMs: 90_000 },
    );
    expect(standby.reports.some((r) => r.leading)).toBe(true);
    await wireSettled();
    const mine = onWire(events);
    const counts = tally(eventIdsOf(mine));
    expect(counts.size).toBe(600); // nothing lost
    const twice = [...counts.entries()].filter(([, n]) => n > 1).map(([id]) => id);
    expect([...counts.values()].filter((n) => n > 2)).toEqual([]);
    // Only the killed leader's batch in flight (acknowledged by the broker, not yet marked) can go out
    // again: at most one batch, never a row marked published.
    expect(twice.length).toBeLessThanOrEqual(20);
    expect(inFlight.length).toBeGreaterThan(0);
    // Per aggregate, the first delivery of each event is in write order (what an inbox consumer sees).
    for (const aggregateId of aggregates) {
      const firstSeen = [
        ...new Set(mine.filter((m) => m.key === aggregateId).map((m) => m.headers['event-id'])),
      ];
      expect(firstSeen).toEqual(
        events.filter((e) => e.metadata.aggregateId === aggregateId).map((e) => e.metadata.eventId),
      );
    }
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

  it('holds back the later rows of an aggregate while an earlier row of it fails, so they never overtake it', async () => {
    const aggregateId = crypto.randomUUID();
    const [poison, later] = [reviewEvent({ aggregateId }), reviewEvent({ aggregateId })];
    await append([poison, later]);
    const publish = kafkaPublisher(producer);
    relay({
      name: 'holdback',
      maxAttempts: 2,
      publish: async (rows) => {
        if (rows.some((row) => row.id === poison.metadata.eventId)) throw new Error('RecordTooLarge: never');
        await publish(rows);
      },
    }).start();
    const rows = await waitFor(
      'the later row published',
      () =>
        db.rows<{ id: string; published_at: Date | null; parked_at: Date | null }>(
          `SELECT id::text, published_at, parked_at FROM outbox_message WHERE id = ANY($1::uuid[]) ORDER BY seq`,
          [poison.metadata.eventId, later.metadata.eventId],
        ),
      (rs) => rs[1]?.published_at != null,
    );
    expect(rows[0].parked_at).not.toBeNull();
    // published only once the earlier row was parked (an operator's decision to let the aggregate move on)
    expect(rows[1].published_at!.getTime()).toBeGreaterThanOrEqual(rows[0].parked_at!.getTime());
  });
});

interface RelayProcess {
  child: ChildProcess;
  reports: Array<Record<string, unknown>>;
}

const children: ChildProcess[] = [];
afterEach(async () => {
  await Promise.all(
    children.splice(0).map(async (c) => {
      if (c.exitCode !== null || c.signalCode !== null) return;
      c.kill('SIGTERM');
      await new Promise((r) => c.once('exit', r));
    }),
  );
});

/** An OutboxRelay in its own process (fixtures/outbox-relay.process.ts), reporting on stdout. */
function relayProcessWith(env: Record<string, string>): RelayProcess {
  const child = spawn(
    process.execPath,
    ['-r', join(REPO_ROOT, 'tools/register.js'), join(__dirname, 'fixtures/outbox-relay.process.ts')],
    { env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  const reports: Array<Record<string, unknown>> = [];
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines)
      if (line.startsWith('FIXTURE ')) reports.push(JSON.parse(line.slice('FIXTURE '.length)));
  });
  return { child, reports };
}

function batchesOf(p: RelayProcess): string[][] {
  return p.reports.filter((r) => Array.isArray(r.batch)).map((r) => r.batch as string[]);
}

async function publishedBy(relayName: string): Promise<number> {
  return metricValue('outbox_published_total', { relay: relayName });
}
