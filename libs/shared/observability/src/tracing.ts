import {
  Attributes,
  context,
  Context,
  propagation,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
  Tracer,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  ReadableSpan,
  SpanProcessor,
  Span as SdkSpan,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * OpenTelemetry tracing for every process: one request's path — gateway, service, outbox, Kafka,
 * consumer, Temporal workflow and activity — is one trace. Context travels as W3C `traceparent`
 * (HTTP headers, outbox row headers → Kafka headers, Temporal headers).
 *
 * Export is off by default (no collector runs locally): spans are made, so ids propagate and logs
 * carry the trace id, but go nowhere. `OTEL_TRACES_EXPORTER=otlp` sends them over OTLP/http to
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`), which the exporter
 * reads itself. `OTEL_SDK_DISABLED=true` registers nothing at all.
 */
export interface TracingOptions {
  serviceName: string;
  /** Extra processors, e.g. a SimpleSpanProcessor over an InMemorySpanExporter in tests. */
  spanProcessors?: SpanProcessor[];
  env?: NodeJS.ProcessEnv;
}

export const TRACER_NAME = 'oversight';

interface TracingState {
  provider: NodeTracerProvider;
  resource: Resource;
  processor: FanOutSpanProcessor;
  exporter: 'otlp' | 'none';
  /** Whether spans go anywhere (an exporter or a processor a test gave); if not, none is recorded. */
  recording: boolean;
}

let state: TracingState | undefined;

/**
 * Starts tracing for this process; the first call wins (a test may call it before the app does,
 * with its own in-memory processor). Returns false when tracing is disabled.
 */
export function startTracing(opts: TracingOptions): boolean {
  if (state) return true;
  const env = opts.env ?? process.env;
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  const exporterSetting = (env.OTEL_TRACES_EXPORTER?.trim() || 'none').toLowerCase();
  if (exporterSetting !== 'none' && exporterSetting !== 'otlp') {
    throw new Error(`OTEL_TRACES_EXPORTER must be "otlp" or "none", not "${exporterSetting}"`);
  }
  const processors: SpanProcessor[] = [...(opts.spanProcessors ?? [])];
  if (exporterSetting === 'otlp') {
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: otlpTracesUrl(env) })));
  }
  const resource = resourceFromAttributes({
    'service.name': env.OTEL_SERVICE_NAME?.trim() || opts.serviceName,
  });
  const processor = new FanOutSpanProcessor(processors);
  // With nowhere to send spans, none is recorded: trace ids are still made and propagated (traceparent
  // with the sampled flag off), so logs and every leg of a request share one trace id, without the
  // cost of building spans nobody reads. OTEL_TRACES_SAMPLER, when set, decides as the SDK documents.
  const sampler =
    processors.length === 0 && !env.OTEL_TRACES_SAMPLER?.trim() ? new AlwaysOffSampler() : undefined;
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [processor],
    ...(sampler ? { sampler } : {}),
  });
  // AsyncLocalStorage context manager, W3C trace-context + baggage propagators.
  provider.register();
  state = { provider, resource, processor, exporter: exporterSetting, recording: processors.length > 0 };
  if (exporterSetting === 'otlp') flushOnTermination(provider);
  return true;
}

/** The OTLP/http traces URL from the standard settings (undefined: the exporter's default, port 4318). */
export function otlpTracesUrl(env: NodeJS.ProcessEnv): string | undefined {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  if (traces) return traces;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  return base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined;
}

/**
 * For code that may run outside an HTTP service's bootstrap (a worker-only process, a consumer):
 * starts tracing under SERVICE_NAME unless something started it already.
 */
export function ensureTracing(): boolean {
  return startTracing({ serviceName: process.env.SERVICE_NAME ?? 'unknown' });
}

/**
 * On SIGTERM/SIGINT, sends the spans the batch exporter still holds (at most 2 s). It leaves the
 * exit to the process's own handlers (Nest's shutdown hooks re-raise the signal when done); when
 * there are none, it re-raises the signal itself, so the process still ends as it would have.
 */
function flushOnTermination(provider: NodeTracerProvider): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const onSignal = (): void => {
      process.removeListener(signal, onSignal);
      const others = process.listenerCount(signal) > 0;
      const timeout = new Promise((r) => setTimeout(r, 2000).unref());
      void Promise.race([provider.forceFlush().catch(() => undefined), timeout]).then(() => {
        if (!others) process.kill(process.pid, signal);
      });
    };
    process.on(signal, onSignal);
  }
}

/** Sends what the exporters hold now (tests; before a planned exit). */
export async function flushTracing(): Promise<void> {
  await state?.provider.forceFlush();
}

/** Flushes and stops the exporter (graceful shutdown). */
export async function stopTracing(): Promise<void> {
  const s = state;
  if (!s) return;
  await s.provider.shutdown().catch(() => undefined);
}

export function tracingStarted(): boolean {
  return state !== undefined;
}

/** Whether this process records spans (they go to an exporter or a test's processor). */
export function tracingRecords(): boolean {
  return state?.recording ?? false;
}

/** The resource (service name) and processor the Temporal workflow-span sink feeds. */
export function tracingSink(): { resource: Resource; spanProcessor: SpanProcessor } | undefined {
  if (!state) return undefined;
  return { resource: state.resource, spanProcessor: new WorkflowSpanAdapter(state.processor) };
}

export function tracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}

/** The trace id of the active span, for logs (undefined outside a trace). */
export function currentTraceId(): string | undefined {
  const ctx = trace.getActiveSpan()?.spanContext();
  return ctx && trace.isSpanContextValid(ctx) ? ctx.traceId : undefined;
}

/** Writes the active trace context (`traceparent`, `tracestate`, `baggage`) into a header map. */
export function injectTraceHeaders<T extends Record<string, string>>(
  headers: T,
  ctx: Context = context.active(),
): T {
  propagation.inject(ctx, headers);
  return headers;
}

/** The trace context a header map carries (an empty root context when it carries none). */
export function extractTraceContext(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, headers, {
    keys: (c) => Object.keys(c),
    get: (c, key) => c[key.toLowerCase()] ?? c[key],
  });
}

/**
 * Runs `fn` inside a new span (child of `parent`, default the active context), ending it when the
 * promise settles; a throw marks the span as an error (with the error's name only: messages can
 * carry personal data) and is rethrown.
 */
export async function withSpan<T>(
  name: string,
  opts: { kind?: SpanKind; attributes?: Attributes; parent?: Context },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(
    name,
    { kind: opts.kind ?? SpanKind.INTERNAL, attributes: opts.attributes },
    opts.parent ?? context.active(),
    async (span) => {
      try {
        return await fn(span);
      } catch (err) {
        markSpanError(span, err);
        throw err;
      } finally {
        span.end();
      }
    },
  );
}

export function markSpanError(span: Span, err: unknown): void {
  const name = err instanceof Error ? err.name : typeof err;
  span.setStatus({ code: SpanStatusCode.ERROR, message: name });
  span.setAttribute('error.type', name);
}

/** Hands every ended span to each processor (the SDK's own multi-processor is internal). */
class FanOutSpanProcessor implements SpanProcessor {
  constructor(private readonly processors: SpanProcessor[]) {}

  onStart(span: SdkSpan, parentContext: Context): void {
    for (const p of this.processors) p.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    for (const p of this.processors) p.onEnd(span);
  }

  async forceFlush(): Promise<void> {
    await Promise.all(this.processors.map((p) => p.forceFlush()));
  }

  async shutdown(): Promise<void> {
    await Promise.all(this.processors.map((p) => p.shutdown()));
  }
}

/**
 * Workflow spans are made inside Temporal's workflow sandbox by @temporalio/interceptors-opentelemetry
 * 1.24, which builds them with the 1.x SDK's shape (`parentSpanId`, `instrumentationLibrary`).
 * The 2.x SDK and its OTLP exporter read `parentSpanContext` and `instrumentationScope`: this
 * fills those in, so workflow spans export with their parent.
 */
class WorkflowSpanAdapter implements SpanProcessor {
  constructor(private readonly next: SpanProcessor) {}

  onStart(): void {
    /* workflow spans arrive ended */
  }

  onEnd(span: ReadableSpan): void {
    const legacy = span as ReadableSpan & {
      parentSpanId?: string;
      instrumentationLibrary?: { name: string; version?: string; schemaUrl?: string };
    };
    const sc = span.spanContext();
    const adapted = Object.create(span) as ReadableSpan & Record<string, unknown>;
    if (!span.parentSpanContext && legacy.parentSpanId) {
      Object.defineProperty(adapted, 'parentSpanContext', {
        value: {
          traceId: sc.traceId,
          spanId: legacy.parentSpanId,
          traceFlags: sc.traceFlags,
          isRemote: false,
        },
      });
    }
    if (!span.instrumentationScope) {
      Object.defineProperty(adapted, 'instrumentationScope', {
        value: legacy.instrumentationLibrary ?? { name: '@temporalio/interceptors-opentelemetry' },
      });
    }
    this.next.onEnd(adapted);
  }

  forceFlush(): Promise<void> {
    return this.next.forceFlush();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export { SpanKind };
