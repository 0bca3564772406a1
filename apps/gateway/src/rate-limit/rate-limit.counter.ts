/**
 * The rate limit's arithmetic, shared by every gateway instance (no framework, no I/O): fixed windows of
 * the throttler's ttl, aligned to the epoch so that every instance puts a hit in the same window. An
 * instance admits a request while the window's hits known to it — the total across instances at its last
 * exchange with the others, plus its own since — are under the limit.
 *
 * How far over the limit a client can get: what the other instances admit between two exchanges (each
 * exchange is one sync interval apart), and, as with any fixed window, up to twice the limit across a
 * window boundary. The limit guards against floods, not against the last few requests.
 */
export interface WindowCount {
  windowStart: number;
  ttlMs: number;
  /** Hits across all instances at the last exchange (this instance's included). */
  known: number;
  /** This instance's hits not yet added to the shared count. */
  pending: number;
}

export interface RateDecision {
  blocked: boolean;
  /** Hits in the window counting this one, as far as this instance knows. */
  totalHits: number;
  /** Seconds until the window ends (the Retry-After of a refusal). */
  secondsLeft: number;
}

export function windowStartOf(nowMs: number, ttlMs: number): number {
  return Math.floor(nowMs / ttlMs) * ttlMs;
}

/** The count for this moment: the one given if it is for the current window, else a new, empty one. */
export function currentCount(count: WindowCount | undefined, nowMs: number, ttlMs: number): WindowCount {
  const windowStart = windowStartOf(nowMs, ttlMs);
  if (count && count.windowStart === windowStart && count.ttlMs === ttlMs) return count;
  return { windowStart, ttlMs, known: 0, pending: 0 };
}

/** Decides one request and, when it is admitted, counts it as pending (mutates `count`). */
export function admit(count: WindowCount, limit: number, nowMs: number): RateDecision {
  const secondsLeft = Math.max(1, Math.ceil((count.windowStart + count.ttlMs - nowMs) / 1000));
  const seen = count.known + count.pending;
  if (seen >= limit) return { blocked: true, totalHits: seen + 1, secondsLeft };
  count.pending++;
  return { blocked: false, totalHits: seen + 1, secondsLeft };
}

/**
 * After an exchange: `sent` of the pending hits were added to the shared count, whose total is now
 * `total`; hits admitted while the exchange was under way stay pending.
 */
export function settle(count: WindowCount, sent: number, total: number): void {
  count.pending = Math.max(0, count.pending - sent);
  count.known = total;
}
