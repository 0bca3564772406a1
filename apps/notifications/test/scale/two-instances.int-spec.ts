// Issue 14 §2 on the real local stack: a second notifications process beside the running one
// (scripts/start-services.sh: notifications :3104, one process: HTTP API, consumer of the `notifications` group,
// outbox relay). The second one sends through GOV.UK Notify's adapter to a fake Notify in this test; the running
// one keeps its local sink, so every send is seen and attributed. Proves that both processes hold partitions of
// the request topic, that only one of the two relays publishes, and that a SIGKILL of the second process in the
// middle of a burst of requests loses none and repeats no effect: one row SENT, one inbox row and one dispatched
// event (published) per request; Notify gets each request at most once, and only the one request in flight in
// the killed process may also be sent by the survivor (delivery is at least once, README: the retry after a
// commit that never happened sends again, with the same `reference`).
//
// Scheduled work: notifications has none. Its retry (provider down) is the consumer holding the message's offset
// in the process that took it, so it cannot run twice in two processes; nothing else is timed.
import { encodeEvent, eventHeaders, Topics } from '@oversight/contracts';
import {
  consumerGroup,
  outboxRelaySessions,
  relayRole,
  ServiceInstance,
  SHARED_KAFKA_BROKERS,
  startSecondProcess,
  waitFor,
  waitForNewMemberPartitions,
} from '@oversight/testing';
import { existsSync } from 'node:fs';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { CONSUMER_GROUP } from '../../src/app.module';
import { FakeNotify } from '../fake-notify';
import { notificationRequest, query, removeSinkFiles, sinkFile } from '../support';

const PORT = 3204;
const TOPIC = Topics.notificationRequested;
const SERVICE_ID = '0d5b8a31-3f7e-4c52-9a0e-6b1c2d3e4f50';
const SECRET = '7c9e1a2b-4d3f-4e5a-8b6c-0d1e2f3a4b5c';
const TEMPLATE_ID = '2a4c6e80-1b3d-4f5a-9c7e-8d0f1a2b3c4d';
jest.setTimeout(150_000);

describe('two notifications processes on the real stack', () => {
  const notify = new FakeNotify();
  let second: ServiceInstance | undefined;
  let kafka: Kafka;
  let producer: Producer;
  let secondPartitions: number[] = [];
  const sent: string[] = [];

  beforeAll(async () => {
    await notify.start();
    kafka = new Kafka({
      clientId: 'notifications-scale-it',
      brokers: [SHARED_KAFKA_BROKERS],
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
  });

  afterAll(async () => {
    await second?.stop();
    await producer?.disconnect();
    await notify.stop();
    removeSinkFiles(sent); // invented personal data
  });

  /** Sends `n` requests, each to the next partition in turn, so that every partition carries some. */
  const burst = async (n: number) => {
    const requests = Array.from({ length: n }, (_, k) => ({
      request: notificationRequest(),
      partition: (sent.length + k) % TOPIC.partitions,
    }));
    sent.push(...requests.map((r) => r.request.notificationId));
    await producer.send({
      topic: TOPIC.name,
      acks: -1,
      messages: requests.map(({ request, partition }) => ({
        key: request.notificationId,
        partition,
        value: encodeEvent(TOPIC, request),
        headers: eventHeaders(request),
      })),
    });
  };
  const toNotify = () => notify.received.map((r) => String(r.body.reference));

  it('a second process joins the notifications group, takes partitions, and its relay stands by', async () => {
    const before = await consumerGroup(kafka, CONSUMER_GROUP);
    second = await startSecondProcess('notifications', PORT, {
      NOTIFICATIONS_DELIVERY: 'govuk-notify',
      NOTIFY_BASE_URL: notify.url,
      NOTIFY_API_KEY: `oversight-scale-${SERVICE_ID}-${SECRET}`,
      NOTIFY_TEMPLATE_IDS: JSON.stringify({ '*': TEMPLATE_ID }),
      NOTIFY_TIMEOUT_MS: '5000',
    });
    secondPartitions = await waitForNewMemberPartitions(kafka, CONSUMER_GROUP, TOPIC.name, before);
    expect(secondPartitions.length).toBeGreaterThan(0);
    expect(secondPartitions.length).toBeLessThan(TOPIC.partitions); // the running process kept some
    // Two relays run on the notifications database and one holds the leader lock: the running process's (it
    // held it first); the second's stands by until that one goes.
    expect(
      await waitFor(
        'two notifications relays, one leader',
        () => outboxRelaySessions('notifications', 'notifications'),
        (r) => r.relays === 2,
        { timeoutMs: 30_000, intervalMs: 200 },
      ),
    ).toEqual({ relays: 2, leaders: 1 });
    expect(await relayRole({ app: 'notifications', port: 3104 })).toBe('leader');
    expect(await relayRole({ app: 'notifications', port: PORT })).not.toBe('leader');
  });

  it('SIGKILL of one process mid-burst: every request sent, none lost, no effect twice', async () => {
    expect(second).toBeDefined();
    await burst(150);
    // The second process sends what its partitions carry: wait until it has sent (and committed) some, then kill
    // it in the middle of its stream.
    const viaNotifySoFar = async () =>
      (
        await query<{ n: number }>(
          `SELECT count(*)::int AS n FROM notification WHERE id = ANY($1::uuid[]) AND delivered_by = 'govuk-notify'`,
          [sent],
        )
      )[0].n;
    await waitFor('the second process to send some through Notify', viaNotifySoFar, (n) => n >= 5, {
      timeoutMs: 60_000,
      intervalMs: 50,
    });
    await second!.kill();
    expect((await second!.exited).signal).toBe('SIGKILL');
    await burst(50);

    const rows = await waitFor(
      'every request of the burst SENT',
      () =>
        query<{ id: string; status: string; delivered_by: string }>(
          `SELECT id::text, status::text, delivered_by FROM notification WHERE id = ANY($1::uuid[])`,
          [sent],
        ),
      (r) => r.length === sent.length && r.every((x) => x.status === 'SENT'),
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    // One inbox row per request, one dispatched event per request, published by the one relay.
    const effects = await waitFor(
      'every dispatched event published',
      () =>
        query<{ id: string; inbox: number; dispatched: number; unpublished: number }>(
          `SELECT s.id::text AS id,
                  (SELECT count(*)::int FROM inbox_message i JOIN notification n ON n.request_event_id = i.event_id
                    WHERE n.id = s.id AND i.consumer_group = $2) AS inbox,
                  (SELECT count(*)::int FROM outbox_message o WHERE o.topic = $3 AND o.message_key = s.id::text) AS dispatched,
                  (SELECT count(*)::int FROM outbox_message o
                    WHERE o.topic = $3 AND o.message_key = s.id::text AND o.published_at IS NULL) AS unpublished
             FROM unnest($1::uuid[]) AS s(id)`,
          [sent, CONSUMER_GROUP, Topics.notificationDispatched.name],
        ),
      (r) => r.every((x) => x.unpublished === 0),
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(effects.filter((x) => x.inbox !== 1 || x.dispatched !== 1)).toEqual([]);

    // Who sent what: Notify (the second process, before it died) or the running process's sink.
    const received = toNotify().filter((ref) => sent.includes(ref));
    expect(received.length).toBe(new Set(received).size); // Notify got no request twice
    const viaNotify = rows.filter((r) => r.delivered_by === 'govuk-notify').map((r) => r.id);
    const viaSink = rows.filter((r) => r.delivered_by === 'local').map((r) => r.id);
    expect(viaNotify.length + viaSink.length).toBe(sent.length);
    expect(viaNotify.filter((id) => !received.includes(id))).toEqual([]); // each recorded Notify send happened
    expect(viaSink.filter((id) => !existsSync(sinkFile(id)))).toEqual([]);
    // Sent by both: only what the killed process had in flight (one message at a time per process) — its send
    // reached Notify, its transaction never committed, and the survivor sent it again.
    const twice = received.filter((id) => viaSink.includes(id));
    expect(twice.length).toBeLessThanOrEqual(1);
    expect(viaNotify.length).toBeGreaterThan(0);
    expect(viaSink.length).toBeGreaterThan(0);
  });
});
