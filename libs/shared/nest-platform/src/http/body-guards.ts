import { currentCorrelationId } from '@oversight/observability';
import type { NextFunction, Request, Response } from 'express';
import { json, urlencoded } from 'express';
import { jsonDepthExceeds, MAX_INPUT_DEPTH } from '../validation/input-hygiene';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;
const FORM_PARSED = Symbol('formBodyParsed');

function answer(res: Response, status: number, error: string, message: string): void {
  res.status(status).json({ statusCode: status, error, message, correlationId: currentCorrelationId() });
}

/** Whether the request carries a body at all (a declared length above 0, or a chunked one). */
export function hasRequestBody(req: Request): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

/**
 * A write must send its body as JSON. The JSON parser ignores any other content type, so a
 * `text/plain` or form-encoded body used to reach the handler as "no body" and the action ran with
 * its defaults. A write without any body is left alone (routes that take none, like `…/replay`).
 */
export function requireJsonBody(req: Request, res: Response, next: NextFunction): void {
  if ((req as Request & { [FORM_PARSED]?: boolean })[FORM_PARSED]) return next();
  if (WRITE_METHODS.has(req.method) && hasRequestBody(req)) {
    const type = req.headers['content-type'];
    if (!type || !JSON_TYPE.test(type))
      return answer(
        res,
        415,
        'Unsupported Media Type',
        `Send the body as JSON with Content-Type: application/json (got ${type ? 'another type' : 'no Content-Type'})`,
      );
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
    if (encoding !== 'identity')
      return answer(
        res,
        415,
        'Unsupported Media Type',
        'Send the body uncompressed: Content-Encoding is not accepted',
      );
  }
  next();
}

/**
 * The few routes a standard makes form-encoded (OAuth 2.0 token requests and an identity provider's own
 * sign-in form: the gateway's local issuer, development only) take `application/x-www-form-urlencoded`
 * here, flat (no nesting), small, and uncompressed; every other write stays JSON-only.
 */
export function formBodyFor(paths: readonly string[], limit = '10kb') {
  const only = new Set(paths);
  const parse = urlencoded({ extended: false, limit, parameterLimit: 50, inflate: false });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST' || !only.has(req.path) || !FORM_TYPE.test(req.headers['content-type'] ?? ''))
      return next();
    parse(req, res, (err?: unknown) => {
      if (err) return next(err);
      (req as Request & { [FORM_PARSED]?: boolean })[FORM_PARSED] = true;
      next();
    });
  };
}

class TooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
}

/**
 * The JSON body parser every service and the gateway use: strict JSON (objects and arrays only),
 * no compressed bodies, and a depth limit checked on the raw text before `JSON.parse`, so a body
 * nested thousands of levels deep is refused before anything recurses into it.
 */
export function jsonBodyParser(limit: string) {
  return json({
    limit,
    strict: true,
    inflate: false,
    verify: (_req, _res, buf) => {
      if (jsonDepthExceeds(buf.toString('utf8'), MAX_INPUT_DEPTH)) throw new TooDeepError('too deep');
    },
  });
}

/** Body-parser failures answered here, before Nest, with a message the caller can act on. */
export function bodyErrorHandler(
  err: { type?: string; status?: number },
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  switch (err?.type) {
    case 'entity.parse.failed':
      return answer(res, 400, 'Bad Request', 'The request body is not valid JSON');
    case 'entity.too.deep':
      return answer(
        res,
        400,
        'Bad Request',
        `The request body is nested deeper than ${MAX_INPUT_DEPTH} levels`,
      );
    case 'entity.too.large':
      return answer(res, 413, 'Payload Too Large', 'The request body is larger than allowed');
    case 'encoding.unsupported':
      return answer(
        res,
        415,
        'Unsupported Media Type',
        'Send the body uncompressed: Content-Encoding is not accepted',
      );
    case 'charset.unsupported':
      return answer(res, 415, 'Unsupported Media Type', 'Send the body as UTF-8 JSON');
  }
  // Any other failure to read the body (aborted, bad length) is the client's: never a 500.
  if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500)
    return answer(res, err.status, 'Bad Request', 'The request body could not be read');
  next(err);
}
