import { LoggerService } from '@nestjs/common';
import { createLogger, describeError } from '@oversight/observability';

/** Stack frames only: the first lines of a stack repeat the error's message (a database error's quotes the values written). */
export function framesOnly(trace: unknown): string | undefined {
  if (typeof trace !== 'string') return undefined;
  return trace
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .join('\n');
}

/** Routes Nest's own log lines into the structured logger. */
export class PinoNestLogger implements LoggerService {
  private readonly logger = createLogger('nest');

  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    if (message instanceof Error) {
      this.logger.error({ context, err: describeError(message) }, 'error');
      return;
    }
    this.logger.error({ context, trace: framesOnly(trace) }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
