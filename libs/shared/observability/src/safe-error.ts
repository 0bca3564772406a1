/**
 * What may be logged about an error. Database errors carry the values that were being written:
 * Prisma's messages quote the whole call (`data: { fullName: "…", email: "…" }`), and PostgreSQL's
 * can quote a value or a trigger's text. For those only the kind of failure is kept: error name,
 * Prisma / SQLSTATE code, the driver's error kind, the Prisma call and where it was made, and the
 * stack frames. Other errors keep their message (written by our code), with the stack frames only.
 */
export interface LoggableError {
  name: string;
  message: string;
  code?: string;
  kind?: string;
  call?: string;
  at?: string;
  stack?: string;
}

const DB_ERROR_NAMES = /^(PrismaClient\w*Error|DriverAdapterError|DatabaseError|PrismaClientRustPanicError)$/;

/**
 * node-postgres' own error (raw SQL through a pg Pool, e.g. the one-statement intake) is named 'error' (the
 * protocol message type), not 'DatabaseError': it is known by its class or by the fields PostgreSQL sends.
 */
function isPgError(err: Error): boolean {
  return (
    err.constructor?.name === 'DatabaseError' || ('severity' in err && 'routine' in err && 'code' in err)
  );
}

export function isDatabaseError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return DB_ERROR_NAMES.test(err.name) || 'clientVersion' in err || isPgError(err);
}

/** Stack frames only: the first line of `stack` repeats the message. */
function frames(err: Error): string | undefined {
  return err.stack
    ?.split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 12)
    .join('\n');
}

export function describeError(err: unknown): LoggableError {
  if (!(err instanceof Error)) return { name: typeof err, message: 'a non-Error value was thrown' };
  if (!isDatabaseError(err)) return { name: err.name, message: err.message, stack: frames(err) };
  const e = err as Error & { code?: unknown; cause?: { kind?: unknown; originalCode?: unknown } };
  const call = /Invalid `([^`]{1,200})` invocation/.exec(err.message)?.[1];
  const at = /invocation in\n(\S{1,300}:\d+:\d+)/.exec(err.message)?.[1];
  const code =
    typeof e.code === 'string'
      ? e.code
      : typeof e.cause?.originalCode === 'string'
        ? e.cause.originalCode
        : undefined;
  return {
    name: isPgError(err) ? 'DatabaseError' : err.name,
    message: 'database error; its text is not logged because it can contain the values written',
    ...(code ? { code } : {}),
    ...(typeof e.cause?.kind === 'string' ? { kind: e.cause.kind } : {}),
    ...(call ? { call } : {}),
    ...(at ? { at } : {}),
    stack: frames(err),
  };
}

/** One line for a log field or a stored error column (e.g. a parked message's error). */
export function errorSummary(err: unknown): string {
  const d = describeError(err);
  if (!isDatabaseError(err)) return `${d.name}: ${d.message}`;
  return [d.name, d.code, d.kind, d.call].filter(Boolean).join(' ');
}
