import { Inject, Injectable } from '@nestjs/common';
import {
  ensureTracing,
  extractTraceContext,
  injectTraceHeaders,
  SpanKind,
  tracer,
  withSpan,
} from '@oversight/observability';
import { Context, context, trace } from '@opentelemetry/api';
import type { Request } from 'express';
import { STAFF_UI_ENV } from '../config/tokens';
import type { StaffUiEnv } from '../config/staff-ui.env';
import {
  ApiRejectedError,
  FieldProblem,
  NotAllowedError,
  SessionExpiredError,
  UpstreamUnavailableError,
} from './gateway.errors';

export interface CallOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Sent as X-Access-Reason: why the user reads this personal data (recorded in the audit trail). */
  accessReason?: string;
  /** Accept header; 'text/csv' returns the raw text. */
  accept?: string;
}

/**
 * The trace a page's gateway calls belong to. When a server span is already active (tracing middleware),
 * that one; otherwise one SERVER span per page request, started at its first gateway call (child of the
 * browser's `traceparent`, if it sent one) and ended when the response is finished, so every call a page
 * makes is one trace: staff UI → gateway → service → outbox → Kafka → consumer → workflow.
 */
const pageTraces = new WeakMap<Request, Context>();
function pageTrace(req: Request): Context {
  if (trace.getActiveSpan()) return context.active();
  const known = pageTraces.get(req);
  if (known) return known;
  const span = tracer().startSpan(
    `${req.method} staff-ui`,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } },
    extractTraceContext(req.headers),
  );
  const ctx = trace.setSpan(context.active(), span);
  pageTraces.set(req, ctx);
  const res = req.res;
  if (res) {
    const end = (): void => {
      span.setAttribute('http.response.status_code', res.statusCode);
      span.end();
    };
    if (res.writableFinished) end();
    else res.once('close', end);
  } else span.end();
  return ctx;
}

/**
 * Calls the gateway as the signed-in user (their bearer token from the server-side session). The
 * gateway stays the one place that decides access: this client never adds or widens anything.
 * Time spent waiting on the gateway is added to res.locals.gatewayMs (sent as Server-Timing).
 * Each call is a CLIENT span whose W3C `traceparent` the gateway continues (OpenTelemetry, as in the
 * services: @oversight/observability; exported only when OTEL_TRACES_EXPORTER=otlp).
 */
@Injectable()
export class GatewayClient {
  constructor(@Inject(STAFF_UI_ENV) private readonly env: StaffUiEnv) {
    ensureTracing();
  }

  get<T>(req: Request, path: string, opts: CallOptions = {}): Promise<T> {
    return this.call<T>(req, 'GET', path, opts);
  }

  post<T>(req: Request, path: string, body: unknown, opts: CallOptions = {}): Promise<T> {
    return this.call<T>(req, 'POST', path, { ...opts, body });
  }

  async call<T>(req: Request, method: string, path: string, opts: CallOptions): Promise<T> {
    const token = req.session?.token;
    if (!token || (req.session.tokenExpiresAt ?? 0) <= Date.now())
      throw new SessionExpiredError('no valid token');
    const url = new URL(`/api${path}`, this.env.GATEWAY_URL);
    for (const [k, v] of Object.entries(opts.query ?? {})) {
      if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
    }
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: opts.accept ?? 'application/json',
    };
    const correlationId = req.header('x-correlation-id');
    if (correlationId) headers['x-correlation-id'] = correlationId;
    if (opts.accessReason) headers['x-access-reason'] = opts.accessReason;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    let res: Response;
    let text: string;
    try {
      ({ res, text } = await withSpan(
        `${method} gateway`,
        {
          kind: SpanKind.CLIENT,
          attributes: { 'http.request.method': method, 'server.address': 'gateway' },
          parent: pageTrace(req),
        },
        async (span) => {
          const response = await fetch(url, {
            method,
            headers: injectTraceHeaders(headers),
            body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
            signal: AbortSignal.timeout(this.env.GATEWAY_TIMEOUT_MS),
            redirect: 'error',
          });
          span.setAttribute('http.response.status_code', response.status);
          return { res: response, text: await response.text() };
        },
      ));
    } catch (err) {
      throw new UpstreamUnavailableError(`gateway ${method} failed: ${(err as Error).name}`);
    } finally {
      const locals = req.res?.locals;
      if (locals) locals.gatewayMs = (locals.gatewayMs ?? 0) + (performance.now() - started);
    }
    if (res.ok) {
      if (opts.accept === 'text/csv') return text as T;
      return (text ? JSON.parse(text) : undefined) as T;
    }
    const problem = parseProblem(text);
    if (res.status === 401) throw new SessionExpiredError('gateway refused the token');
    if (res.status === 403 || res.status === 404) throw new NotAllowedError(`gateway answered ${res.status}`);
    if (res.status >= 500 || res.status === 429) {
      throw new UpstreamUnavailableError(`gateway answered ${res.status}`);
    }
    throw new ApiRejectedError(res.status, problem.message, problem.fields);
  }
}

function parseProblem(text: string): { message: string; fields: FieldProblem[] } {
  try {
    const body = JSON.parse(text) as { message?: unknown; fields?: unknown; violations?: unknown };
    const message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? '');
    // Input checks answer `fields: [{ field, problems }]`; domain rules answer `violations: [{ rule, field, message }]`.
    const fields = Array.isArray(body.fields)
      ? (body.fields as FieldProblem[]).filter(
          (f) => typeof f?.field === 'string' && Array.isArray(f.problems),
        )
      : [];
    if (Array.isArray(body.violations)) {
      for (const v of body.violations as { field?: unknown; message?: unknown }[]) {
        if (typeof v?.field === 'string' && typeof v.message === 'string')
          fields.push({ field: v.field, problems: [v.message] });
      }
    }
    return { message: message || 'The request was refused', fields };
  } catch {
    return { message: 'The request was refused', fields: [] };
  }
}
