import { extractTraceContext, markSpanError, SpanKind, tracer } from '@oversight/observability';
import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';

const UNTRACED = /^\/(health\/(live|ready)|metrics)$/;

/**
 * One SERVER span per request, child of the caller's `traceparent` (the gateway's, for a service),
 * and the rest of the request runs inside it: outbox rows, Temporal calls and upstream calls made
 * while handling it carry this trace. The span is named by method and route template and records
 * the status; never the URL's query or a body (personal data).
 */
export function tracingMiddleware(req: Request, res: Response, next: NextFunction): void {
  // Probes and scrapes, every few seconds from every pod: no trace of their own.
  if (UNTRACED.test(req.path)) return next();
  const parent = extractTraceContext(req.headers);
  const span = tracer().startSpan(
    req.method,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } },
    parent,
  );
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    const route = req.route?.path as string | undefined;
    if (route) {
      span.updateName(`${req.method} ${route}`);
      span.setAttribute('http.route', route);
    }
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    if (!res.writableFinished) markSpanError(span, new Error('aborted'));
    span.end();
  };
  res.once('finish', end);
  res.once('close', end);
  context.with(trace.setSpan(parent, span), () => next());
}
