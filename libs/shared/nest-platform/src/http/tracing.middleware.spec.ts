import { startTracing } from '@oversight/observability';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import express from 'express';
import request from 'supertest';
import { tracingMiddleware } from './tracing.middleware';

const exporter = new InMemorySpanExporter();
startTracing({ serviceName: 'tracing-middleware-spec', spanProcessors: [new SimpleSpanProcessor(exporter)] });

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const GATEWAY_SPAN = '00f067aa0ba902b7';

function app(): express.Express {
  const a = express();
  a.use(tracingMiddleware);
  a.get('/applications/:id', (_req, res) => {
    res.json({ ok: true });
  });
  a.get('/boom', () => {
    throw new Error('boom');
  });
  a.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  return a;
}

describe('tracingMiddleware: one SERVER span per request (issue 14 §4)', () => {
  beforeEach(() => exporter.reset());

  it('continues the caller’s traceparent, named by route template, never the id or the query', async () => {
    await request(app())
      .get('/applications/9f0c?name=Harriet')
      .set('traceparent', `00-${TRACE_ID}-${GATEWAY_SPAN}-01`)
      .expect(200);
    const [span] = exporter.getFinishedSpans();
    expect(span.name).toBe('GET /applications/:id');
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.spanContext().traceId).toBe(TRACE_ID);
    expect(span.parentSpanContext?.spanId).toBe(GATEWAY_SPAN);
    expect(span.attributes['http.response.status_code']).toBe(200);
    expect(JSON.stringify([span.name, span.attributes, span.events])).not.toMatch(/Harriet|9f0c/);
  });

  it('starts a trace when the request carries none, and marks a 5xx as an error', async () => {
    await request(app()).get('/boom').expect(500);
    const [span] = exporter.getFinishedSpans();
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('leaves health probes untraced', async () => {
    await request(app()).get('/health/live').expect(200);
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });
});
