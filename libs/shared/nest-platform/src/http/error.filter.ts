import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { AccessDeniedError, AuthenticationError } from '@oversight/auth';
import { ConflictError, NotFoundError, RuleViolationError } from '@oversight/domain-errors';
import { createLogger, currentCorrelationId, describeError } from '@oversight/observability';
import type { Response } from 'express';
import { Observable, throwError } from 'rxjs';

/**
 * One place that turns errors into HTTP answers (and passes Kafka handler errors through as thrown:
 * Nest's default RPC filter would flatten them into plain objects). Domain errors keep their message (written for the
 * caller); anything unexpected becomes a 500 that says nothing about internals.
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly log = createLogger('DomainExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    // Kafka handlers: hand the error to the inbox consumer unchanged (it decides retry or park).
    if (host.getType() !== 'http') return throwError(() => exception);
    const res = host.switchToHttp().getResponse<Response>();
    const correlationId = currentCorrelationId();
    const { status, body } = this.map(exception);
    // describeError: a database error's text quotes the values written (names, emails), so only its
    // kind, code and stack frames are logged.
    if (status >= 500) this.log.error({ err: describeError(exception) }, 'unhandled error');
    if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    // Always JSON: a handler's own content type (@Header('content-type', 'text/csv') on a CSV export) is
    // already set by the time a pipe refuses the input, and res.json() would keep it (found by fuzzing).
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.status(status).json({ ...body, correlationId });
  }

  private map(e: unknown): { status: number; body: Record<string, unknown> } {
    if (e instanceof AuthenticationError)
      return {
        status: 401,
        body: { statusCode: 401, error: 'Unauthorized', reason: e.reason, message: e.message },
      };
    if (e instanceof AccessDeniedError)
      return { status: 403, body: { statusCode: 403, error: 'Forbidden', message: e.message } };
    if (e instanceof RuleViolationError)
      return {
        status: 400,
        body: { statusCode: 400, error: 'Bad Request', message: e.message, violations: e.violations },
      };
    if (e instanceof NotFoundError)
      return { status: 404, body: { statusCode: 404, error: 'Not Found', message: e.message } };
    if (e instanceof ConflictError)
      return { status: 409, body: { statusCode: 409, error: 'Conflict', message: e.message } };
    if (e instanceof HttpException) {
      const r = e.getResponse();
      return {
        status: e.getStatus(),
        body:
          typeof r === 'string' ? { statusCode: e.getStatus(), message: r } : (r as Record<string, unknown>),
      };
    }
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: {
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Something went wrong; quote the correlation id when reporting it',
      },
    };
  }
}
