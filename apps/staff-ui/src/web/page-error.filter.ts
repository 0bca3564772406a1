import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { createLogger } from '@oversight/observability';
import type { Request, Response } from 'express';
import { sendToSignIn } from '../auth/sign-in.guard';
import { NotAllowedError, SessionExpiredError, UpstreamUnavailableError } from '../gateway/gateway.errors';

const log = createLogger('staff-ui-errors');

/**
 * Every failure becomes a page a person can act on, never a stack trace: session ended → sign in and
 * come back; not allowed or not found → one page for both (no hint whether the record exists); the
 * service behind is down → a "try again later" page.
 */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  catch(err: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (err instanceof SessionExpiredError) return sendToSignIn(req, res);
    if (err instanceof NotAllowedError) return res.status(403).render('errors/forbidden');
    if (err instanceof UpstreamUnavailableError) {
      log.warn({ reason: err.message }, 'upstream unavailable');
      return res.status(503).render('errors/unavailable');
    }
    const status = err instanceof HttpException ? err.getStatus() : 500;
    if (status === 404) return res.status(404).render('errors/not-found');
    if (status === 403) return res.status(403).render('errors/forbidden');
    if (status < 500) return res.status(status).render('errors/bad-request');
    log.error({ err: (err as Error)?.name, message: (err as Error)?.message }, 'page failed');
    res.status(500).render('errors/unavailable');
  }
}

/** CSRF refusals from the Express middleware (before Nest): a page, status 403. */
export function csrfErrorHandler(
  err: { code?: string },
  _req: Request,
  res: Response,
  next: (e?: unknown) => void,
) {
  if (err?.code === 'EBADCSRFTOKEN') {
    res.status(403).render('errors/form-expired');
    return;
  }
  next(err);
}
