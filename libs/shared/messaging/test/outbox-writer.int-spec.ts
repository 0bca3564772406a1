import { decodeEvent } from '@oversight/contracts';
import {
  appendToOutbox,
  OUTBOX_INSERT_COLUMNS,
  OUTBOX_NOTIFY_SQL,
  OutboxRequiresTransactionError,
  outboxRow,
  SqlClient,
} from '../src';
import { messagingDb, reviewEvent, ReviewEvent, TestDb, topic } from './support';

/** The outbox row is part of the domain transaction: written with it, rolled back with it. */
describe('appendToOutbox', () => {
  let db: TestDb;

  beforeAll(async () => {
    db = await messagingDb('writer');
  });
  afterAll(async () => {
    await db?.close();
  });

  const outboxRowsFor = (event: ReviewEvent) =>
    db.rows<{
      topic: string;
      message_key: string;
      payload: string;
      headers: Record<string, string>;
      published_at: Date | null;
    }>(
      `SELECT topic, message_key, payload, headers, published_at FROM outbox_message WHERE id = $1::uuid`,
      event.metadata.eventId,
    );
  const domainRowsFor = (event: ReviewEvent) =>
    db.rows(`SELECT id FROM review_application WHERE id = $1::uuid`, event.metadata.aggregateId);
  const writeDomainRow = (tx: SqlClient, event: ReviewEvent) =>
    tx.$executeRawUnsafe(
      `INSERT INTO review_application (id, reference) VALUES ($1::uuid, $2)`,
      event.metadata.aggregateId,
      event.reference,
    );

  it('refuses a client that is not inside a transaction, and writes nothing', async () => {
    const event = reviewEvent();
    await expect(appendToOutbox(db.client, topic, event)).rejects.toBeInstanceOf(
      OutboxRequiresTransactionError,
    );
    await expect(appendToOutbox(db.client, topic, event)).rejects.toThrow(/inside \$transaction/);
    expect(await outboxRowsFor(event)).toHaveLength(0);
  });

  it('writes the event, keyed by aggregate id and with its headers, in the domain transaction', async () => {
    const event = reviewEvent({ reference: 'CR-2026-000042', correlationId: 'corr-writer-1' });
    await db.client.$transaction(async (tx) => {
      await writeDomainRow(tx, event);
      await appendToOutbox(tx, topic, event);
    });

    expect(await domainRowsFor(event)).toHaveLength(1);
    const [row] = await outboxRowsFor(event);
    expect(row).toMatchObject({
      topic: topic.name,
      message_key: event.metadata.aggregateId,
      published_at: null,
    });
    expect(row.headers).toMatchObject({
      'event-id': event.metadata.eventId,
      'x-correlation-id': 'corr-writer-1',
      'event-type': topic.eventType,
    });
    const decoded = decodeEvent(topic, row.payload);
    expect(decoded.reference).toBe('CR-2026-000042');
    expect(decoded.metadata.eventId).toBe(event.metadata.eventId);
  });

  it('leaves neither the domain row nor the outbox row when the transaction fails after appending', async () => {
    const event = reviewEvent();
    const failure = new Error('domain rule broken after the event was appended');
    await expect(
      db.client.$transaction(async (tx) => {
        await writeDomainRow(tx, event);
        await appendToOutbox(tx, topic, event);
        expect(
          await tx.$queryRawUnsafe<unknown[]>(
            `SELECT 1 FROM outbox_message WHERE id = $1::uuid`,
            event.metadata.eventId,
          ),
        ).toHaveLength(1);
        throw failure;
      }),
    ).rejects.toBe(failure);

    expect(await outboxRowsFor(event)).toHaveLength(0);
    expect(await domainRowsFor(event)).toHaveLength(0);
  });

  it('rolls back the domain row when the outbox write fails (the same event appended twice)', async () => {
    const first = reviewEvent();
    await db.client.$transaction(async (tx) => appendToOutbox(tx, topic, first));
    const second = reviewEvent();
    const again = {
      ...first,
      metadata: { ...first.metadata, aggregateId: second.metadata.aggregateId },
    } as ReviewEvent;

    await expect(
      db.client.$transaction(async (tx) => {
        await writeDomainRow(tx, again);
        await appendToOutbox(tx, topic, again); // same event id: primary key violation
      }),
    ).rejects.toThrow();
    expect(await domainRowsFor(again)).toHaveLength(0);
    expect(await outboxRowsFor(first)).toHaveLength(1);
  });

  describe("outboxRow: the row written in the domain change's own statement", () => {
    // One statement is one transaction: the domain row and the outbox row in data-modifying CTEs.
    const writeBoth = (event: ReviewEvent, row = outboxRow(topic, event)) =>
      db.client.$executeRawUnsafe(
        `WITH app AS (INSERT INTO review_application (id, reference) VALUES ($1::uuid, $2)),
              outbox AS (INSERT INTO outbox_message ${OUTBOX_INSERT_COLUMNS} VALUES ($3::uuid, $4, $5, $6, $7::jsonb) RETURNING 1)
         ${OUTBOX_NOTIFY_SQL} FROM outbox`,
        event.metadata.aggregateId,
        event.reference,
        row.id,
        row.topic,
        row.messageKey,
        row.payload,
        row.headers,
      );

    it('writes the domain row and the event together, keyed and with headers like appendToOutbox', async () => {
      const event = reviewEvent({ reference: 'CR-2026-000043', correlationId: 'corr-writer-2' });
      await writeBoth(event);
      expect(await domainRowsFor(event)).toHaveLength(1);
      const [row] = await outboxRowsFor(event);
      expect(row).toMatchObject({
        topic: topic.name,
        message_key: event.metadata.aggregateId,
        published_at: null,
      });
      expect(row.headers).toMatchObject({
        'event-id': event.metadata.eventId,
        'x-correlation-id': 'corr-writer-2',
        'event-type': topic.eventType,
      });
      expect(decodeEvent(topic, row.payload).reference).toBe('CR-2026-000043');
    });

    it('writes neither row when the outbox insert fails (an event id already used)', async () => {
      const first = reviewEvent();
      await writeBoth(first);
      const second = reviewEvent();
      await expect(writeBoth(second, outboxRow(topic, first))).rejects.toThrow();
      expect(await domainRowsFor(second)).toHaveLength(0);
      expect(await outboxRowsFor(first)).toHaveLength(1);
    });

    it('writes neither row when the domain insert fails', async () => {
      const first = reviewEvent();
      await writeBoth(first);
      const again = {
        ...reviewEvent(),
        metadata: { ...reviewEvent().metadata, aggregateId: first.metadata.aggregateId },
      } as ReviewEvent;
      await expect(writeBoth(again)).rejects.toThrow(); // review_application primary key
      expect(await outboxRowsFor(again)).toHaveLength(0);
    });
  });
});
