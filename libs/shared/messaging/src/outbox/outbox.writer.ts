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
  const payload = encodeEvent(topic, event);
  const headers = traceOutboxAppend(topic.name, event.metadata, eventHeaders(event));
  await tx.$executeRawUnsafe(
    `INSERT INTO outbox_message (id, topic, message_key, payload, headers) VALUES ($1::uuid, $2, $3, $4, $5::jsonb)`,
    event.metadata.eventId,
    topic.name,
    event.metadata.aggregateId,
    payload,
    JSON.stringify(headers),
  );
  await tx.$executeRawUnsafe(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
}
