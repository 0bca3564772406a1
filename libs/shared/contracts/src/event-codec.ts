import {
  create,
  fromJsonString,
  MessageInitShape,
  MessageShape,
  toJsonString,
  DescMessage,
} from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { randomUUID } from 'node:crypto';
import {
  Actor,
  ActorKind,
  EventMetadata,
  EventMetadataSchema,
  Processing,
} from './generated/oversight/events/v1/envelope_pb';
import { TopicDefinition, topicByName } from './topic.catalog';

/** A message that can never be processed as it stands: park it, do not retry it. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}

export type EventOf<T extends TopicDefinition> = MessageShape<T['schema']> & { metadata: EventMetadata };

export interface MetadataInput {
  aggregateId: string;
  actor: { subject: string; kind?: ActorKind; roles?: string[]; team?: string };
  correlationId: string;
  processing?: Processing;
  justification?: string;
  eventId?: string;
  occurredAt?: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Builds a complete, valid event for a topic: the envelope fields are filled from the topic. */
export function buildEvent<T extends TopicDefinition>(
  topic: T,
  meta: MetadataInput,
  payload: Omit<MessageInitShape<T['schema']>, 'metadata' | '$typeName'>,
): EventOf<T> {
  const metadata = create(EventMetadataSchema, {
    eventId: meta.eventId ?? randomUUID(),
    eventType: topic.eventType,
    occurredAt: timestampFromDate(meta.occurredAt ?? new Date()),
    aggregateType: topic.aggregateType,
    aggregateId: meta.aggregateId,
    actor: {
      subject: meta.actor.subject,
      kind: meta.actor.kind ?? ActorKind.USER,
      roles: meta.actor.roles ?? [],
      team: meta.actor.team ?? '',
    } as Actor,
    correlationId: meta.correlationId,
    schemaVersion: topic.schemaVersion,
    processing: meta.processing ?? Processing.NONE,
    justification: meta.justification ?? '',
  });
  const event = create(topic.schema, { ...(payload as object), metadata } as unknown as MessageInitShape<
    T['schema']
  >);
  assertValidEnvelope(topic, event as EventOf<T>);
  return event as EventOf<T>;
}

/** Protobuf JSON on the wire: readable by an operator looking at a parked message. */
export function encodeEvent<T extends TopicDefinition>(topic: T, event: EventOf<T>): string {
  assertValidEnvelope(topic, event);
  return toJsonString(topic.schema as DescMessage, event as never);
}

/**
 * Parses and validates a message from a topic. Wrong types, malformed JSON and a missing or
 * inconsistent envelope are rejected with InvalidEventError (permanent: park, don't retry).
 *
 * Fields this version does not know are ignored, as protobuf's compatibility rules intend: during a
 * rolling upgrade a producer on the newer contract may run before its consumers are upgraded, and
 * an added field must not park its messages. Removals and renames are kept out by `buf breaking`
 * (a breaking change is a new message version and topic). Unknown enum names are ignored too and
 * read as the zero value, which assertValidEnvelope refuses where the value matters (processing).
 */
export function decodeEvent<T extends TopicDefinition>(topic: T, value: Buffer | string | null): EventOf<T> {
  if (value === null || value.length === 0) throw new InvalidEventError(`empty message on ${topic.name}`);
  let event: EventOf<T>;
  try {
    event = fromJsonString(topic.schema as DescMessage, value.toString(), {
      ignoreUnknownFields: true,
    }) as EventOf<T>;
  } catch (err) {
    throw new InvalidEventError(`malformed ${topic.eventType} message: ${(err as Error).message}`);
  }
  assertValidEnvelope(topic, event);
  return event;
}

export function decodeByTopicName(
  topicName: string,
  value: Buffer | string | null,
): EventOf<TopicDefinition> {
  const topic = topicByName(topicName);
  if (!topic) throw new InvalidEventError(`no contract for topic ${topicName}`);
  return decodeEvent(topic, value);
}

export function assertValidEnvelope(
  topic: TopicDefinition,
  event: { metadata?: EventMetadata },
): asserts event is {
  metadata: EventMetadata;
} {
  const m = event.metadata;
  const problems: string[] = [];
  if (!m) throw new InvalidEventError(`${topic.eventType}: metadata is missing`);
  if (!UUID.test(m.eventId)) problems.push('metadata.eventId must be a UUID');
  if (m.eventType !== topic.eventType) problems.push(`metadata.eventType must be ${topic.eventType}`);
  if (m.schemaVersion !== topic.schemaVersion)
    problems.push(`metadata.schemaVersion must be ${topic.schemaVersion}`);
  if (!m.occurredAt) problems.push('metadata.occurredAt is required');
  if (m.aggregateType !== topic.aggregateType)
    problems.push(`metadata.aggregateType must be ${topic.aggregateType}`);
  if (!m.aggregateId) problems.push('metadata.aggregateId is required');
  if (!m.correlationId) problems.push('metadata.correlationId is required');
  if (!m.actor?.subject) problems.push('metadata.actor.subject is required');
  if (m.processing === Processing.UNSPECIFIED) problems.push('metadata.processing must be set');
  if (problems.length) throw new InvalidEventError(`${topic.eventType}: ${problems.join('; ')}`);
}

/** Kafka headers every event carries, so routing and tracing work without parsing the body. */
export function eventHeaders(event: { metadata: EventMetadata }): Record<string, string> {
  return {
    'event-id': event.metadata.eventId,
    'event-type': event.metadata.eventType,
    'schema-version': String(event.metadata.schemaVersion),
    'x-correlation-id': event.metadata.correlationId,
    'content-type': 'application/json; proto=oversight.events.v1',
  };
}
