/** The outbox may only be written inside the caller's domain transaction. */
export class OutboxRequiresTransactionError extends Error {
  override readonly name = 'OutboxRequiresTransactionError';
  constructor() {
    super(
      'appendToOutbox must be called with the transaction client of the domain write (inside $transaction)',
    );
  }
}

/**
 * Thrown by a consumer handler when a message can never succeed as it stands (unknown aggregate,
 * a state it cannot apply to). The message is parked for an operator; retrying would not help.
 */
export class PermanentProcessingError extends Error {
  override readonly name = 'PermanentProcessingError';
}

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P02',
  '57P03', // cannot_connect_now
  '08000',
  '08003',
  '08006',
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  'P1001', // Prisma: can't reach database
  'P1002',
  'P1008',
  'P1017', // server closed the connection
  'P2024', // pool timeout
  'P2028', // transaction API error (e.g. tx closed by a dropped connection)
  'P2034', // write conflict / deadlock
]);

/**
 * Infrastructure failures (database, broker, Temporal unreachable) are transient: the same message
 * will succeed once the dependency is back, so the consumer keeps retrying and holds its offset.
 */
export function isTransientError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const anyErr = e as {
      code?: unknown;
      name?: unknown;
      message?: unknown;
      cause?: unknown;
      retriable?: unknown;
    };
    if (typeof anyErr.code === 'string' && TRANSIENT_CODES.has(anyErr.code)) return true;
    if (anyErr.retriable === true) return true;
    const name = typeof anyErr.name === 'string' ? anyErr.name : '';
    if (/^KafkaJS(Connection|Request|NumberOfRetriesExceeded|BrokerNotFound|Timeout)/.test(name)) return true;
    if (name === 'ServiceError' || name === 'TransportError') return true; // Temporal client unreachable
    const msg = typeof anyErr.message === 'string' ? anyErr.message : '';
    if (
      /Connection terminated|connect ECONNREFUSED|Can't reach database server|terminating connection|Timed out fetching a new connection|14 UNAVAILABLE/i.test(
        msg,
      )
    )
      return true;
    e = anyErr.cause;
  }
  return false;
}
