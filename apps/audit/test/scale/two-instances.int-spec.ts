// Issue 14 §2 on the real local stack: a second audit process beside the running one (scripts/start-services.sh:
// audit :3102, one process: HTTP API, consumer of every catalogue topic in the `audit` group, no outbox).
// Proves that both processes hold partitions of the group, that a SIGKILL of the second one in the middle of a
// burst of access records (the events audit writes most: one per personal-data read at the gateway) loses
// none and records none twice — one entry per event, one inbox row per event — and that the hash chain stays
// one chain while two processes append to it (each entry's prev_hash is the hash of the entry before it).
import { buildEvent, encodeEvent, eventHeaders, Processing, Topics } from '@oversight/contracts';
import {
  consumerGroup,
  databaseUrl,
  ServiceInstance,
  SHARED_KAFKA_BROKERS,
  startSecondProcess,
  waitFor,
  waitForNewMemberPartitions,
} from '@oversight/testing';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { CONSUMER_GROUP } from '../../src/app.module';

const PORT = 3202;
const TOPIC = Topics.accessRecorded;
const RUN = `scale-${randomUUID().slice(0, 8)}`;
jest.setTimeout(150_000);

describe('two audit processes on the real stack', () => {
  let second: ServiceInstance | undefined;
  let kafka: Kafka;
  let producer: Producer;
  let db: Client;
  let secondPartitions: number[] = [];

  beforeAll(async () => {
    kafka = new Kafka({
      clientId: 'audit-scale-it',
      brokers: [SHARED_KAFKA_BROKERS],
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
    db = new Client({ connectionString: databaseUrl('audit') });
    await db.connect();
  });

  afterAll(async () => {
    await second?.stop();
    await producer?.disconnect();
    await db?.end();
  });

  /** One access record (a personal-data read at the gateway), with this run's correlation id. */
  const accessEvent = (i: number) => {
    const recordId = randomUUID();
    return buildEvent(
      TOPIC,
      {
        aggregateId: recordId,
        actor: { subject: 'scale-test', roles: ['OPCC_REVIEWER'] },
        correlationId: `${RUN}-${i}`,
        processing: Processing.CONSULTATION,
      },
      { recordType: 'complaint-review', recordId, route: 'GET /reviews/:id', statusCode: 200, allowed: true },
    );
  };

  /** Sends `n` events, each to the next partition in turn, so that every partition carries some. */
  const sent: string[] = [];
  const burst = async (n: number) => {
    const events = Array.from({ length: n }, (_, k) => ({
      event: accessEvent(sent.length + k + 1),
      partition: (sent.length + k) % TOPIC.partitions,
    }));
    sent.push(...events.map((e) => e.event.metadata.eventId));
    await producer.send({
      topic: TOPIC.name,
      acks: -1,
      messages: events.map(({ event, partition }) => ({
        key: event.metadata.aggregateId,
        partition,
        value: encodeEvent(TOPIC, event),
        headers: eventHeaders(event),
      })),
    });
    return events.map(({ event, partition }) => ({ id: event.metadata.eventId, partition }));
  };
  const recorded = async (ids: string[]) =>
    (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_entry WHERE source_event_id = ANY($1::uuid[])`,
        [ids],
      )
    ).rows[0].n;

  it('a second process joins the audit group and takes partitions of the access-record topic', async () => {
    const before = await consumerGroup(kafka, CONSUMER_GROUP);
    second = await startSecondProcess('audit', PORT);
    secondPartitions = await waitForNewMemberPartitions(kafka, CONSUMER_GROUP, TOPIC.name, before);
    expect(secondPartitions.length).toBeGreaterThan(0);
    expect(secondPartitions.length).toBeLessThan(TOPIC.partitions); // the running process kept some
  });

  it('SIGKILL of one process mid-burst: every access record is recorded exactly once, in one hash chain', async () => {
    expect(second).toBeDefined();
    const first = await burst(300);
    // The second process records what its partitions carry: wait until it has, then kill it without a goodbye.
    const onSecond = first.filter((e) => secondPartitions.includes(e.partition)).map((e) => e.id);
    await waitFor(
      'the second process to record events of its partitions',
      () => recorded(onSecond),
      (n) => n >= 10,
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    await second!.kill();
    expect((await second!.exited).signal).toBe('SIGKILL');
    expect(await recorded(onSecond)).toBeLessThan(onSecond.length); // killed with its partitions' work half done
    await burst(100);

    // The running process takes the dead member's partitions (session timeout, rebalance) and records the rest.
    await waitFor(
      'every access record of the burst recorded',
      () => recorded(sent),
      (n) => n === sent.length,
      {
        timeoutMs: 90_000,
        intervalMs: 500,
      },
    );
    const perEvent = await db.query<{ id: string; entries: number; inbox: number }>(
      `SELECT s.id::text AS id,
              (SELECT count(*)::int FROM audit_entry a WHERE a.source_event_id = s.id) AS entries,
              (SELECT count(*)::int FROM inbox_message i WHERE i.event_id = s.id AND i.consumer_group = $2) AS inbox
         FROM unnest($1::uuid[]) AS s(id)`,
      [sent, CONSUMER_GROUP],
    );
    expect(perEvent.rows).toHaveLength(400);
    expect(perEvent.rows.filter((r) => r.entries !== 1 || r.inbox !== 1)).toEqual([]);
    expect(
      (
        await db.query(`SELECT count(*)::int AS n FROM audit_entry WHERE correlation_id LIKE $1`, [
          `${RUN}-%`,
        ])
      ).rows,
    ).toEqual([{ n: 400 }]);

    // Two processes appended under the chain's lock: each of this run's entries links to the entry just before it.
    const broken = await db.query(
      `SELECT e.seq::text FROM audit_entry e
        WHERE e.correlation_id LIKE $1
          AND e.prev_hash IS DISTINCT FROM (SELECT p.hash FROM audit_entry p WHERE p.seq < e.seq ORDER BY p.seq DESC LIMIT 1)`,
      [`${RUN}-%`],
    );
    expect(broken.rows).toEqual([]);
  });
});
