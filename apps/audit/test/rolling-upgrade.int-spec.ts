import { buildEvent, encodeEvent, Processing, Topics } from '@oversight/contracts';
import { databaseUrl, SHARED_KAFKA_BROKERS, waitFor } from '@oversight/testing';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/**
 * Rolling upgrades: a producer on a newer contract (an added field, in the body and in the envelope)
 * runs before its consumers are upgraded. The running audit service is the "old" consumer: it must
 * record the event, not park it. A message that is truly malformed is still parked.
 */
describe('audit consumer during a rolling upgrade', () => {
  const topic = Topics.accessRecorded;
  let db: Client;
  let producer: Producer;

  beforeAll(async () => {
    db = new Client({ connectionString: databaseUrl('audit') });
    await db.connect();
    producer = new Kafka({
      clientId: 'audit-it-rolling-upgrade',
      brokers: [SHARED_KAFKA_BROKERS],
      logLevel: logLevel.NOTHING,
    }).producer();
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await db?.end();
  });

  const accessEvent = () => {
    const recordId = randomUUID();
    return buildEvent(
      topic,
      {
        aggregateId: recordId,
        actor: { subject: 'rolling-upgrade-test', roles: ['OPCC_REVIEWER'] },
        correlationId: `rolling-upgrade-${recordId}`,
        processing: Processing.CONSULTATION,
      },
      { recordType: 'complaint-review', recordId, route: 'GET /reviews/:id', statusCode: 200, allowed: true },
    );
  };
  const send = (key: string, value: string) =>
    producer.send({ topic: topic.name, messages: [{ key, value }] });

  it('records an event carrying fields its contract version does not know', async () => {
    const event = accessEvent();
    const wire = JSON.parse(encodeEvent(topic, event));
    const fromNewerProducer = JSON.stringify({
      ...wire,
      purposeCode: 'A-LATER-FIELD',
      metadata: { ...wire.metadata, tenantForce: 'a later envelope field' },
    });
    await send(event.metadata.aggregateId, fromNewerProducer);

    const rows = await waitFor(
      'the audit entry of the newer-producer event',
      async () =>
        (
          await db.query(`SELECT record_id, event_type FROM audit_entry WHERE source_event_id = $1`, [
            event.metadata.eventId,
          ])
        ).rows,
      (r) => r.length === 1,
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    expect(rows[0]).toEqual({ record_id: event.metadata.aggregateId, event_type: topic.eventType });
    const parked = await db.query(`SELECT count(*)::int AS n FROM parked_message WHERE payload LIKE $1`, [
      `%${event.metadata.eventId}%`,
    ]);
    expect(parked.rows).toEqual([{ n: 0 }]);
  });

  it('still parks a malformed message (a known field with the wrong type) and records nothing', async () => {
    const event = accessEvent();
    const wire = JSON.parse(encodeEvent(topic, event));
    const malformed = JSON.stringify({ ...wire, purposeCode: 'A-LATER-FIELD', statusCode: 'two hundred' });
    await send(event.metadata.aggregateId, malformed);

    const parked = await waitFor(
      'the malformed message to be parked',
      async () =>
        (
          await db.query(`SELECT reason, error FROM parked_message WHERE topic = $1 AND payload LIKE $2`, [
            topic.name,
            `%${event.metadata.eventId}%`,
          ])
        ).rows,
      (r) => r.length === 1,
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    expect(parked[0].reason).toBe('INVALID_MESSAGE');
    expect(parked[0].error).toMatch(/malformed/);
    const entries = await db.query(`SELECT count(*)::int AS n FROM audit_entry WHERE source_event_id = $1`, [
      event.metadata.eventId,
    ]);
    expect(entries.rows).toEqual([{ n: 0 }]);
  });
});
