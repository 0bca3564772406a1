import pino, { Logger } from 'pino';
import { currentContext } from './request-context';
import { describeError } from './safe-error';
import { currentTraceId } from './tracing';

/**
 * Structured JSON logs, one named logger per class. Personal data must never be passed to a logger:
 * log ids and codes, not names, dates of birth or free text. `redact` is a safety net for the usual
 * secret-bearing keys, not a licence to log objects wholesale.
 */
const root: Logger = pino(
  {
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service: process.env.SERVICE_NAME ?? 'unknown' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'password',
        '*.password',
        'authorization',
        '*.authorization',
        'headers.authorization',
        'token',
        '*.token',
        'secret',
        '*.secret',
      ],
      censor: '[redacted]',
    },
    // An Error logged as `err` keeps its name, code and stack frames; a database error loses its text,
    // which quotes the values written (personal data).
    serializers: { err: (e: unknown) => (e instanceof Error ? describeError(e) : e) },
    mixin() {
      const ctx = currentContext();
      const traceId = currentTraceId();
      const fields = ctx ? { correlationId: ctx.correlationId, actor: ctx.actorSubject } : {};
      return traceId ? { ...fields, traceId } : fields;
    },
  },
  // Asynchronous writes to stdout: a request's log line no longer costs it a blocking write (issue 14
  // §5). Lines written while one write is in flight are sent together with the next; pino flushes what
  // is left synchronously when the process exits (also on process.exit after a fatal start-up error).
  // A process killed with SIGKILL may lose the last lines; LOG_SYNC=true writes every line at once.
  pino.destination({ dest: 1, sync: process.env.LOG_SYNC === 'true' }),
);

export type AppLogger = Logger;

export function createLogger(name: string): AppLogger {
  return root.child({ logger: name });
}
