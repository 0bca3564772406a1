import { waitFor } from '@oversight/testing';
import { Kafka, Producer } from 'kafkajs';
import { setTimeout as delay } from 'node:timers/promises';
import {
  appendToOutbox,
  createProducer,
  errSummary,
  InboxConsumer,
  kafkaPublisher,
  OutboxRelay,
  PublishBatch,
} from '../src';
import {
  groupCaughtUp,
  handlers,
  messagingDb,
  outboxState,
  recordEffect,
  reviewEvent,
  TestBroker,
  TestDb,
  topic,
} from './support';

const GROUP = 'msg-it-restart';
/** Events written before the broker is taken down (the consumer must be live by then). */
const WRITTEN_BEFORE_OUTAGE = 100;
/** The writer's pace: a steady trickle of domain transactions, as a service under load would make. */
const WRITE_EVERY_MS = 20;
/** Events the writer must add while the broker is down before it is started again. */
const WRITTEN_WHILE_DOWN = 60;
/** Events the writer must add after the broker is back before it is told to stop. */
const WRITTEN_AFTER_RESTART = 60;
/**
 * The outage held past the producer's own retries (~30 s) makes the relay give up on a batch, and
 * the consumer crash and rejoin. It adds about a minute to the run; it is the case that matters most.
 */
const itLongOutage = it;

/**
 * Acceptance test: the whole path — domain write + outbox in one transaction → relay → Kafka →
 * inbox consumer → effect — keeps going through a broker outage. The broker is stopped (and, in
 * the second phase, SIGKILLed) while events are being written; once it is back, every event has
 * exactly one effect and nothing is left in the outbox.
 */
describe('a broker outage in the middle of a steady stream of events', () => {
  let db: TestDb;
  let broker: TestBroker;
  let kafka: Kafka;
  let producer: Producer;
  let relay: OutboxRelay;
  let consumer: InboxConsumer;
  const figures: Record<string, Record<string, number | string[]>> = {};
  /** Every batch the relay failed to publish (the relay itself only logs them). */
  const publishFailures: string[] = [];

  beforeAll(async () => {
    [db, broker] = await Promise.all([messagingDb('restart'), TestBroker.fresh('msg-it-restart', 19096)]);
    kafka = broker.kafka('restart');
    producer = await createProducer(kafka);
    const publish = kafkaPublisher(producer);
    const observedPublish: PublishBatch = async (rows) => {
      try {
        await publish(rows);
      } catch (err) {
        publishFailures.push(errSummary(err));
        throw err;
      }
    };
    relay = new OutboxRelay({
      db: db.client,
      publish: observedPublish,
      listenConnectionString: db.url,
      pollIntervalMs: 200,
      name: 'restart',
    });
    consumer = new InboxConsumer({
      kafka,
      groupId: GROUP,
      db: db.client,
      handlers: handlers(recordEffect),
      maxBackoffMs: 1000,
    });
    await consumer.start();
    await relay.start();
  });

  afterAll(async () => {
    await relay?.stop(2000);
    await consumer?.stop();
    await producer?.disconnect();
    await db?.close();
    broker?.shutdown();
    console.info(`broker outage figures: ${JSON.stringify(figures)}`);
  });

  /**
   * One domain transaction per event: the domain row and its outbox row. Runs until the phase sets
   * `stop`, so the counts follow what happened (how long the broker took to stop or start) rather
   * than racing it: a fixed count could run out before a slow broker stop returned.
   */
  async function writeSteadily(progress: { written: string[]; stop: boolean }): Promise<void> {
    for (let i = 0; !progress.stop; i++) {
      const event = reviewEvent({ reference: `CR-2026-${String(i).padStart(6, '0')}` });
      await db.client.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(
          `INSERT INTO review_application (id, reference) VALUES ($1::uuid, $2)`,
          event.metadata.aggregateId,
          event.reference,
        );
        await appendToOutbox(tx, topic, event);
      });
      progress.written.push(event.metadata.eventId);
      await delay(WRITE_EVERY_MS); // pacing the writer, not waiting for an outcome
    }
  }

  async function effectsOf(ids: string[]): Promise<{ total: number; distinct: number }> {
    const [row] = await db.rows<{ total: number; distinct: number }>(
      `SELECT count(*)::int AS total, count(DISTINCT event_id)::int AS distinct FROM effect WHERE event_id = ANY($1::uuid[])`,
      ids,
    );
    return row;
  }

  let phasesRun = 0;
  let writtenInAllPhases = 0;

  /**
   * Writes events at a steady pace until told to stop; after WRITTEN_BEFORE_OUTAGE, takes the broker
   * down (`how`) and brings it back once WRITTEN_WHILE_DOWN more events are written — and, with
   * `untilRelayGivesUp`, once the relay's publish has failed (the producer's retries ran out) — then
   * stops the writer once WRITTEN_AFTER_RESTART more are written. Every count is taken from what
   * was written, whatever the broker's and the machine's speed.
   */
  async function runOutage(
    phase: string,
    { how, untilRelayGivesUp }: { how: 'stop' | 'kill'; untilRelayGivesUp: boolean },
  ): Promise<void> {
    phasesRun++;
    const progress = { written: [] as string[], stop: false };
    const t0 = Date.now();
    const writer = writeSteadily(progress);
    // Whatever fails below, the writer must not outlive the phase.
    const stopWriter = async (): Promise<void> => {
      progress.stop = true;
      await writer;
    };
    try {
      await outageWhileWriting(phase, how, untilRelayGivesUp, progress, stopWriter, t0);
    } finally {
      await stopWriter();
    }
  }

  async function outageWhileWriting(
    phase: string,
    how: 'stop' | 'kill',
    untilRelayGivesUp: boolean,
    progress: { written: string[]; stop: boolean },
    stopWriter: () => Promise<void>,
    t0: number,
  ): Promise<void> {
    await waitFor(
      `${WRITTEN_BEFORE_OUTAGE} events written before the outage`,
      async () => progress.written.length >= WRITTEN_BEFORE_OUTAGE,
      Boolean,
      { timeoutMs: 60_000 },
    );
    // Events before the outage really went through: the consumer is live, not just catching up later.
    await waitFor(
      'the first events handled before the outage',
      async () => (await effectsOf(progress.written.slice(0, 20))).distinct === 20,
    );
    const writtenBeforeOutage = progress.written.length;
    const tDown = Date.now();
    const downMs = how === 'stop' ? await broker.stop() : await broker.kill();
    const writtenWhenDown = progress.written.length;
    const unpublishedWhenDown = (await outboxState(db)).unpublished;
    const failuresBefore = publishFailures.length;

    await waitFor(
      `${WRITTEN_WHILE_DOWN} more events written with the broker down`,
      async () => progress.written.length >= writtenWhenDown + WRITTEN_WHILE_DOWN,
      Boolean,
      {
        timeoutMs: 60_000,
      },
    );
    if (untilRelayGivesUp) {
      await waitFor(
        'the relay to fail a publish',
        async () => publishFailures.length > failuresBefore,
        Boolean,
        { timeoutMs: 90_000, intervalMs: 250 },
      );
    }
    const unpublishedBeforeRestart = (await outboxState(db)).unpublished;
    const startMs = await broker.start();
    const tUp = Date.now();
    const writtenAtRestart = progress.written.length;
    const writtenDuringOutage = writtenAtRestart - writtenBeforeOutage;
    // Writes go on across the restart, as a live service's would.
    await waitFor(
      `${WRITTEN_AFTER_RESTART} more events written after the restart`,
      async () => progress.written.length >= writtenAtRestart + WRITTEN_AFTER_RESTART,
      Boolean,
      { timeoutMs: 60_000 },
    );
    await stopWriter();
    const ids = [...progress.written];
    const written = ids.length;
    writtenInAllPhases += written;

    const [tDrained, tHandled] = await Promise.all([
      waitFor(
        'the outbox to be drained',
        async () => (await outboxState(db)).unpublished,
        (n) => n === 0,
        { timeoutMs: 120_000, intervalMs: 250 },
      ).then(() => Date.now()),
      waitFor(
        'every event handled',
        async () => (await effectsOf(ids)).distinct,
        (n) => n === written,
        { timeoutMs: 120_000, intervalMs: 250 },
      ).then(() => Date.now()),
    ]);
    await waitFor(
      'the consumer group to commit to the end of the topic',
      () => groupCaughtUp(kafka, GROUP, topic.name),
      Boolean,
      { timeoutMs: 60_000, intervalMs: 250 },
    );

    expect(new Set(ids).size).toBe(written);
    expect(written).toBeGreaterThanOrEqual(
      WRITTEN_BEFORE_OUTAGE + WRITTEN_WHILE_DOWN + WRITTEN_AFTER_RESTART,
    );
    expect(await effectsOf(ids)).toEqual({ total: written, distinct: written });
    expect(await outboxState(db)).toMatchObject({ unpublished: 0, parked: 0 });
    expect(await consumer.parkedMessages.list()).toEqual([]);
    // The outage was real: rows piled up in the outbox while the broker was away.
    expect(unpublishedBeforeRestart).toBeGreaterThanOrEqual(WRITTEN_WHILE_DOWN);

    const failures = publishFailures.slice(failuresBefore);
    if (untilRelayGivesUp) expect(failures.length).toBeGreaterThan(0);

    figures[phase] = {
      brokerDownCommandMs: downMs,
      brokerStartCommandMs: startMs,
      outageMs: tUp - tDown,
      writtenBeforeOutage,
      writtenDuringOutage,
      written,
      unpublishedWhenDown,
      unpublishedBeforeRestart,
      outboxDrainedAfterRestartMs: tDrained - tUp,
      allHandledAfterRestartMs: tHandled - tUp,
      failedPublishes: failures.length,
      failureKinds: [...new Set(failures.map((f) => f.split(':')[0]))],
      phaseMs: Date.now() - t0,
    };
  }

  it('graceful stop, then start: every event has exactly one effect and the outbox is empty', async () => {
    await runOutage('stop', { how: 'stop', untilRelayGivesUp: false });
  });

  it('SIGKILL, then start: every event has exactly one effect and the outbox is empty', async () => {
    await runOutage('kill', { how: 'kill', untilRelayGivesUp: false });
  });

  itLongOutage('graceful stop held until the relay gives up, then start: the same holds', async () => {
    await runOutage('long-stop', { how: 'stop', untilRelayGivesUp: true });
  });

  it('across all the outages, no event was handled twice', async () => {
    const [row] = await db.rows<{ total: number; distinct: number; doubled: number }>(
      `SELECT count(*)::int AS total, count(DISTINCT event_id)::int AS distinct,
              (SELECT count(*)::int FROM (SELECT 1 FROM effect GROUP BY event_id HAVING count(*) > 1) d) AS doubled
         FROM effect`,
    );
    expect(phasesRun).toBeGreaterThan(0);
    expect(row).toEqual({ total: writtenInAllPhases, distinct: writtenInAllPhases, doubled: 0 });
  });
});
