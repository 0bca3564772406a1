import { ensureTracing, tracingRecords, tracingSink } from '@oversight/observability';
import { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';

type PluginOptions = ConstructorParameters<typeof OpenTelemetryPlugin>[0];

/**
 * Temporal's own OpenTelemetry plugin (@temporalio/interceptors-opentelemetry, same version as the
 * SDK): the client puts the caller's trace context in the workflow's headers, the workflow
 * interceptors (bundled into the workflow code) carry it to its activities, and the activity
 * interceptor runs each activity in a span of that trace. Workflow spans, made in the sandbox, reach
 * this process's span processor through a sink.
 *
 * Given to the connections below, so every client and worker built on them gets it without the
 * apps changing their Worker.create calls. None when tracing is not started (OTEL_SDK_DISABLED), and
 * none when no span is recorded (no exporter, the local default): the workflow interceptors build
 * spans in every workflow's sandbox, under its AsyncLocalStorage, and in a profile of the
 * complaint-reviews worker during an intake burst that was about a fifth of the workflow thread's
 * CPU, for spans nobody reads (issue 14 §5). Without them an activity's logs carry a trace id of
 * their own; with OTEL_TRACES_EXPORTER=otlp the whole path is one trace.
 */
export function temporalTracingPlugins(): OpenTelemetryPlugin[] {
  ensureTracing();
  const sink = tracingSink();
  if (!sink || !tracingRecords()) return [];
  // The plugin's types name the 1.x SDK it depends on; the 2.x resource and processor have the
  // members it uses (attributes; onEnd/forceFlush), and tracingSink adapts the span shape.
  return [new OpenTelemetryPlugin(sink as unknown as PluginOptions)];
}
