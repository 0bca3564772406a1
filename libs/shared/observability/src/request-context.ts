import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** Who is acting and under which correlation id; flows HTTP → outbox → Kafka → consumer → Temporal. */
export interface RequestContext {
  correlationId: string;
  actorSubject?: string;
  actorRoles?: string[];
  actorTeam?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The correlation id of the current unit of work, or a fresh one when work starts outside a request. */
export function currentCorrelationId(): string {
  return storage.getStore()?.correlationId ?? randomUUID();
}

export const CORRELATION_ID_HEADER = 'x-correlation-id';
