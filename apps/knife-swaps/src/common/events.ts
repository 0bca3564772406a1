import { Principal } from '@oversight/auth';
import { buildEvent, Processing, TopicDefinition, Topics } from '@oversight/contracts';
import { appendToOutbox, SqlClient } from '@oversight/messaging';
import { currentCorrelationId } from '@oversight/observability';
import { SERVICE_ACTOR, userActor } from './actor';

type Payload<T extends TopicDefinition> = Parameters<typeof buildEvent<T>>[2];

/** Writes a domain event to the outbox in the caller's transaction (published by the relay). */
export async function emit<T extends TopicDefinition>(
  tx: SqlClient,
  topic: T,
  aggregateId: string,
  by: Principal | 'service',
  processing: Processing,
  payload: Payload<T>,
  opts: { correlationId?: string; justification?: string; eventId?: string } = {},
): Promise<string> {
  const event = buildEvent(
    topic,
    {
      aggregateId,
      actor: by === 'service' ? SERVICE_ACTOR : userActor(by),
      correlationId: opts.correlationId ?? currentCorrelationId(),
      processing,
      justification: opts.justification,
      eventId: opts.eventId,
    },
    payload,
  );
  await appendToOutbox(tx, topic, event);
  return event.metadata!.eventId;
}

export { Processing, Topics };
