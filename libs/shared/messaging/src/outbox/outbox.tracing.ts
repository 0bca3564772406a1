import { injectTraceHeaders, SpanKind, tracer } from '@oversight/observability';
import { context, trace } from '@opentelemetry/api';

/**
 * The outbox leg of a trace: a PRODUCER span for the event, child of the active span (the request
 * or activity that wrote it), whose context goes into the row's headers as `traceparent`. The relay
 * copies the headers onto the Kafka message, and the consumer continues the trace from them, however
 * much later the relay publishes.
 */
export function traceOutboxAppend(
  topic: string,
  metadata: { eventId: string; eventType: string },
  headers: Record<string, string>,
): Record<string, string> {
  const span = tracer().startSpan(`${topic} publish`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'create',
      'messaging.destination.name': topic,
      'messaging.message.id': metadata.eventId,
      'oversight.event_type': metadata.eventType,
    },
  });
  try {
    return injectTraceHeaders({ ...headers }, trace.setSpan(context.active(), span));
  } finally {
    span.end();
  }
}
