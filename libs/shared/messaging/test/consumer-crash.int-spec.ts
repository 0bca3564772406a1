import { waitFor } from '@oversight/testing';
import { Kafka, Producer } from 'kafkajs';
import {
  ConsumerProcess,
  doubledEffects,
  effectCounts,
  groupCaughtUp,
  kafkaMessage,
  messagingDb,
  rawProducer,
  reviewEvent,
  spawnConsumerProcess,
  TestBroker,
  TestDb,
  topic,
} from './support';

const GROUP = 'msg-it-crash';
const EVENTS = 400;

/**
 * Acceptance test: a consumer process is SIGKILLed in the middle of a batch (handled messages whose
 * offsets are not committed yet, one transaction open). Its successor in the same group gets those
 * messages again; the inbox makes the second delivery a no-op, so each event has one effect.
 */
describe('a consumer killed in the middle of a batch', () => {
  let db: TestDb;
  let broker: TestBroker;
  let kafka: Kafka;
  let producer: Producer;
  const children: ConsumerProcess[] = [];
  const figures: Record<string, number> = {};

  beforeAll(async () => {
    [db, broker] = await Promise.all([messagingDb('crash'), TestBroker.fresh('msg-it-crash', 19098)]);
    kafka = broker.kafka('crash');
    producer = await rawProducer(kafka);
  });

  afterAll(async () => {
    for (const c of children)
      if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await producer?.disconnect();
    await db?.close();
    broker?.shutdown();
    console.info(`consumer crash figures: ${JSON.stringify(figures)}`);
  });

  const consumerProcess = (stallAfterEffects?: number) => {
    const c = spawnConsumerProcess({
      DATABASE_URL: db.url,
      KAFKA_BROKERS: broker.brokers,
      GROUP_ID: GROUP,
      HANDLER_DELAY_MS: '20',
      ...(stallAfterEffects === undefined ? {} : { STALL_AFTER_EFFECTS: String(stallAfterEffects) }),
    });
    children.push(c);
    return c;
  };

  it('hands every event to the next consumer and has each effect exactly once', async () => {
    const events = Array.from({ length: EVENTS }, (_, i) =>
      reviewEvent({ reference: `CR-2026-${String(i).padStart(6, '0')}` }),
    );
    await producer.send({ topic: topic.name, acks: -1, messages: events.map(kafkaMessage) });

    // The first consumer hangs in its handler after half of the events, so the kill lands mid-batch
    // however slowly this test polls (a fast consumer could otherwise finish before the kill).
    const first = consumerProcess(EVENTS / 2);
    await waitFor(
      'the first consumer to handle half of the events',
      async () => (await effectCounts(db)).total,
      (n) => n >= EVENTS / 2,
      { timeoutMs: 60_000, intervalMs: 100 },
    ).catch((err) => {
      throw new Error(`${(err as Error).message}\n--- first consumer output ---\n${first.output()}`);
    });
    first.child.kill('SIGKILL');
    const tKilled = Date.now();
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    figures.effectsAtKill = (await effectCounts(db)).total;
    figures.committedAtKill = await committedCount();

    const second = consumerProcess();
    await waitFor(
      'every event handled',
      async () => (await effectCounts(db)).distinct,
      (n) => n === EVENTS,
      { timeoutMs: 120_000, intervalMs: 250 },
    ).catch((err) => {
      throw new Error(`${(err as Error).message}\n--- second consumer output ---\n${second.output()}`);
    });
    figures.secondConsumerDoneAfterKillMs = Date.now() - tKilled;
    await waitFor(
      'the group to commit to the end of the topic',
      () => groupCaughtUp(kafka, GROUP, topic.name),
      Boolean,
      { timeoutMs: 60_000, intervalMs: 250 },
    );

    // A clean stop, then ask the second consumer what its inbox decided.
    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    const report = second.reports.find((r) => r['stopped']) as
      | { processed: number; duplicate: number; parked: number }
      | undefined;
    expect(report).toBeDefined();
    figures.secondProcessed = report!.processed;
    figures.secondDuplicates = report!.duplicate;

    expect(await effectCounts(db)).toEqual({ total: EVENTS, distinct: EVENTS });
    expect(await doubledEffects(db)).toEqual([]);
    const [{ n: inboxRows }] = await db.rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM inbox_message WHERE consumer_group = $1`,
      GROUP,
    );
    expect(inboxRows).toBe(EVENTS);
    expect(report!.parked).toBe(0);
    // The kill did land mid-batch: the successor was handed events the first one had already handled.
    expect(report!.duplicate).toBeGreaterThan(0);
    expect(report!.processed + figures.effectsAtKill).toBe(EVENTS);
  });

  /** Messages whose offsets the group has committed. */
  async function committedCount(): Promise<number> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId: GROUP, topics: [topic.name] });
      return offsets.partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
    } finally {
      await admin.disconnect();
    }
  }
});
