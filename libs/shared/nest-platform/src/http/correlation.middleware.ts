import {
  CORRELATION_ID_HEADER,
  createLogger,
  metricsRegistry,
  runWithContext,
} from '@oversight/observability';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Histogram } from 'prom-client';

const httpDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const log = createLogger('http');

/**
 * Gives every request a correlation id (the caller's, if well-formed) and runs the rest of the
 * request inside that context, so logs, outbox rows and Kafka headers carry it.
 * Logs method, route template and status only: never bodies or query strings (personal data).
 */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header(CORRELATION_ID_HEADER);
  const correlationId = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader(CORRELATION_ID_HEADER, correlationId);
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const route = (req.route?.path as string | undefined) ?? 'unmatched';
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
    log.info(
      { correlationId, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) },
      'request',
    );
  });
  runWithContext({ correlationId }, () => next());
}
