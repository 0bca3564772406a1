import { context, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  currentTraceId,
  extractTraceContext,
  injectTraceHeaders,
  startTracing,
  tracingSink,
  withSpan,
} from './tracing';

const exporter = new InMemorySpanExporter();
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const PARENT_SPAN_ID = 'b7ad6b7169203331';

describe('tracing helpers (issue 14 §4)', () => {
  beforeAll(() => {
    expect(
      startTracing({ serviceName: 'tracing-spec', spanProcessors: [new SimpleSpanProcessor(exporter)] }),
    ).toBe(true);
  });
  beforeEach(() => exporter.reset());

  it('refuses an unknown exporter, naming the setting', () => {
    // A second start is a no-op once tracing runs, so the check is made on a fresh module.
    jest.isolateModules(() => {
      const fresh = jest.requireActual<typeof import('./tracing')>('./tracing');
      expect(() => fresh.startTracing({ serviceName: 'x', env: { OTEL_TRACES_EXPORTER: 'jaeger' } })).toThrow(
        /OTEL_TRACES_EXPORTER must be "otlp" or "none"/,
      );
    });
  });

  it('is off entirely with OTEL_SDK_DISABLED=true', () => {
    jest.isolateModules(() => {
      const fresh = jest.requireActual<typeof import('./tracing')>('./tracing');
      expect(fresh.startTracing({ serviceName: 'x', env: { OTEL_SDK_DISABLED: 'true' } })).toBe(false);
      expect(fresh.tracingSink()).toBeUndefined();
    });
  });

  it('continues the trace a traceparent header carries, and writes it on for the next hop', async () => {
    const parent = extractTraceContext({ traceparent: `00-${TRACE_ID}-${PARENT_SPAN_ID}-01` });
    const headers = await withSpan('leg', { kind: SpanKind.CONSUMER, parent }, async (span) => {
      expect(currentTraceId()).toBe(TRACE_ID);
      return { out: injectTraceHeaders({} as Record<string, string>), spanId: span.spanContext().spanId };
    });
    expect(headers.out['traceparent']).toBe(`00-${TRACE_ID}-${headers.spanId}-01`);
    const [span] = exporter.getFinishedSpans();
    expect(span.parentSpanContext?.spanId).toBe(PARENT_SPAN_ID);
    expect(span.kind).toBe(SpanKind.CONSUMER);
  });

  it('starts a new trace when the headers carry none', async () => {
    const traceId = await withSpan('root', { parent: extractTraceContext({}) }, async () => currentTraceId());
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(traceId).not.toBe(TRACE_ID);
  });

  it('marks a failed span with the error name only (messages can carry personal data) and rethrows', async () => {
    const err = new TypeError('Harriet Vance not found');
    await expect(withSpan('fails', {}, async () => Promise.reject(err))).rejects.toBe(err);
    const [span] = exporter.getFinishedSpans();
    expect(span.status).toEqual({ code: 2, message: 'TypeError' });
    expect(JSON.stringify(span.attributes)).not.toMatch(/Harriet/);
  });

  it('has no active trace outside a span', () => {
    expect(context.with(context.active(), () => trace.getActiveSpan())).toBeUndefined();
    expect(currentTraceId()).toBeUndefined();
  });

  it('adapts a workflow span in the 1.x shape (parentSpanId, instrumentationLibrary) for the 2.x exporters', () => {
    const sink = tracingSink();
    if (!sink) throw new Error('tracing not started');
    const spanContext = { traceId: TRACE_ID, spanId: '1111111111111111', traceFlags: 1 };
    const legacy = {
      name: 'RunWorkflow:x',
      kind: SpanKind.INTERNAL,
      spanContext: () => spanContext,
      parentSpanId: PARENT_SPAN_ID,
      instrumentationLibrary: { name: '@temporalio/interceptors-opentelemetry' },
      startTime: [0, 0],
      endTime: [0, 1],
      duration: [0, 1],
      status: { code: 0 },
      attributes: {},
      links: [],
      events: [],
      ended: true,
      resource: sink.resource,
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
    } as unknown as ReadableSpan;
    sink.spanProcessor.onEnd(legacy);
    const [span] = exporter.getFinishedSpans();
    expect(span.name).toBe('RunWorkflow:x');
    expect(span.parentSpanContext).toMatchObject({ traceId: TRACE_ID, spanId: PARENT_SPAN_ID });
    expect(span.instrumentationScope.name).toBe('@temporalio/interceptors-opentelemetry');
  });
});
