// Helpers for the end-to-end tests of apps/tag-referrals on the running stack (scripts/start-services.sh).
// The shared helpers (sign-in, API through the gateway, database, audit trail) are @oversight/testing's e2e-client.
import {
  ActorKind,
  buildEvent,
  encodeEvent,
  eventHeaders,
  EventOf,
  Processing,
  TopicDefinition,
} from '@oversight/contracts';
import { auditEntriesAbout, gatewayApi, queryDatabase, TestKafkaProducer } from '@oversight/testing';

export { GATEWAY_URL as GATEWAY, tokenFor, daysFrom, today, type ApiResponse } from '@oversight/testing';

/** A request through the gateway (`path` from the root, e.g. /api/tag-referrals/referrals). */
export const api = gatewayApi;

/** Rows of a query on one database of the stack (`tag_referrals`, `audit`...). */
export const query = queryDatabase;

/** Audit entries about one record (as an auditor, who must give a reason). */
export const auditEntries = (recordId: string) =>
  auditEntriesAbout(recordId, 'tag-referrals e2e: check the trail');

/** Publishes an event as another system would (the tag monitoring platform): encoded, keyed, with headers. */
export class ExternalPublisher extends TestKafkaProducer {
  constructor() {
    super('tag-referrals-e2e');
  }

  publish<T extends TopicDefinition>(topic: T, event: EventOf<T>): Promise<void> {
    return this.send(topic.name, [
      { key: event.metadata.aggregateId, value: encodeEvent(topic, event), headers: eventHeaders(event) },
    ]);
  }
}

/** An event as an outside system (the tag monitoring platform) would build it. */
export function externalEvent<T extends TopicDefinition>(
  topic: T,
  meta: { aggregateId: string; subject: string; correlationId: string; processing?: Processing },
  payload: Parameters<typeof buildEvent<T>>[2],
): EventOf<T> {
  return buildEvent(
    topic,
    {
      aggregateId: meta.aggregateId,
      actor: { subject: meta.subject, kind: ActorKind.EXTERNAL_SYSTEM },
      correlationId: meta.correlationId,
      processing: meta.processing ?? Processing.COLLECTION,
    },
    payload,
  );
}
