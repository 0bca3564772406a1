import { encodeEvent, eventHeaders, EventOf, TopicDefinition } from '@oversight/contracts';
import { OutboxRequiresTransactionError } from '../errors';
import { traceOutboxAppend } from './outbox.tracing';
import { isTransactionClient, SqlClient } from '../sql-client';

export const OUTBOX_CHANNEL = 'outbox_message_inserted';

/**
 * Records an event in the outbox as part of the caller's transaction, so the domain change and its
 * event commit or roll back together. Refuses to run on a non-transaction client.
 * The NOTIFY is delivered only at commit, waking the relay without polling delay.
 */
export async function appendToOutbox<T extends TopicDefinition>(
  tx: SqlClient,
  topic: T,
  event: EventOf<T>,
): Promise<void> {
  if (!isTransactionClient(tx)) throw new OutboxRequiresTransactionError();
  const row = outboxRow(topic, event);
  // One round trip: the insert and the relay's wake-up call in one statement.
  await tx.$executeRawUnsafe(
    `WITH inserted AS (INSERT INTO outbox_message ${OUTBOX_INSERT_COLUMNS} VALUES ($1::uuid, $2, $3, $4, $5::jsonb) RETURNING 1) ` +
      `SELECT pg_notify('${OUTBOX_CHANNEL}', '') FROM inserted`,
    row.id,
    row.topic,
    row.messageKey,
    row.payload,
    row.headers,
  );
}

/** An outbox row's values, in the column order of OUTBOX_INSERT_COLUMNS. */
export interface OutboxRowValues {
  id: string;
  topic: string;
  messageKey: string;
  payload: string;
  /** JSON text (a jsonb column). */
  headers: string;
}

/** The columns an outbox row is written with (the rest have defaults). */
export const OUTBOX_INSERT_COLUMNS = '(id, topic, message_key, payload, headers)';

/** Wakes the relay at commit (NOTIFY is delivered only if the transaction commits). */
export const OUTBOX_NOTIFY_SQL = `SELECT pg_notify('${OUTBOX_CHANNEL}', '')`;

/**
 * The values of the outbox row for an event (encoded payload, headers with the trace context), for a
 * write path that inserts the row in the same SQL statement as its domain change: one statement is one
 * transaction, so both commit or neither does (a data-modifying CTE, e.g. `WITH app AS (INSERT …),
 * outbox AS (INSERT INTO outbox_message ${OUTBOX_INSERT_COLUMNS} VALUES ($1::uuid, $2, $3, $4, $5::jsonb))
 * ${OUTBOX_NOTIFY_SQL}`). Writing the row on its own, outside the domain change's statement or
 * transaction, breaks the outbox guarantee: use appendToOutbox inside a transaction then.
 */
export function outboxRow<T extends TopicDefinition>(topic: T, event: EventOf<T>): OutboxRowValues {
  return {
    id: event.metadata.eventId,
    topic: topic.name,
    messageKey: event.metadata.aggregateId,
    payload: encodeEvent(topic, event),
    headers: JSON.stringify(traceOutboxAppend(topic.name, event.metadata, eventHeaders(event))),
  };
}
