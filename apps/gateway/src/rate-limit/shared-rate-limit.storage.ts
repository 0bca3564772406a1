import { OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { createLogger } from '@oversight/observability';
import { Pool } from 'pg';
import { admit, currentCount, settle, WindowCount } from './rate-limit.counter';

/** Where the instances add up their hits: the gateway's PostgreSQL (table rate_limit_window). */
export interface RateLimitLedger {
  /** Adds each count's hits to its window and answers every window's total, by key. */
  add(counts: Array<{ key: string; windowStart: Date; hits: number }>): Promise<Map<string, number>>;
  /** Forgets windows that ended before this moment. */
  forgetBefore(moment: Date): Promise<void>;
}

export class PgRateLimitLedger implements RateLimitLedger {
  constructor(private readonly pool: Pool) {}

  async add(counts: Array<{ key: string; windowStart: Date; hits: number }>): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ key: string; hits: number }>({
      name: 'gateway.rate-limit.add',
      text: `INSERT INTO rate_limit_window (key, window_start, hits)
             SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::int[])
             ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_window.hits + EXCLUDED.hits
             RETURNING key, hits`,
      values: [counts.map((c) => c.key), counts.map((c) => c.windowStart), counts.map((c) => c.hits)],
    });
    return new Map(rows.map((r) => [r.key, Number(r.hits)]));
  }

  async forgetBefore(moment: Date): Promise<void> {
    await this.pool.query('DELETE FROM rate_limit_window WHERE window_start < $1', [moment]);
  }
}

/**
 * @nestjs/throttler's storage for several gateway instances: one limit per client across all of them
 * (issue 14 §2: no state a second instance would miss). A request is decided in memory, with no database
 * call on its path; every `syncIntervalMs` the instance adds its new hits to the shared count and learns
 * the others' (rate.limit.counter.ts says how far over the limit that lets a client get). When the
 * database cannot be reached the instance keeps deciding on what it knows and tries again.
 */
export class SharedRateLimitStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly log = createLogger('SharedRateLimitStorage');
  private readonly counts = new Map<string, WindowCount>();
  private readonly timer: NodeJS.Timeout;
  private syncing?: Promise<void>;
  private lastForget = 0;
  private lastWarning = 0;

  constructor(
    private readonly ledger: RateLimitLedger,
    private readonly opts: { syncIntervalMs: number; now?: () => number; onClose?: () => Promise<void> },
  ) {
    this.timer = setInterval(() => void this.sync(), opts.syncIntervalMs);
    this.timer.unref();
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string) {
    const now = this.now();
    const id = `${throttlerName}:${key}`;
    const count = currentCount(this.counts.get(id), now, ttl);
    this.counts.set(id, count);
    const d = admit(count, limit, now);
    return {
      totalHits: d.totalHits,
      timeToExpire: d.secondsLeft,
      isBlocked: d.blocked,
      timeToBlockExpire: d.blocked ? d.secondsLeft : 0,
    };
  }

  /** One exchange with the other instances (at most one at a time). */
  sync(): Promise<void> {
    this.syncing ??= this.exchange().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  private async exchange(): Promise<void> {
    const now = this.now();
    for (const [id, c] of this.counts) if (c.windowStart + c.ttlMs <= now) this.counts.delete(id);
    const live = [...this.counts.entries()].map(([key, c]) => ({ key, c, sent: c.pending }));
    try {
      if (live.length > 0) {
        const totals = await this.ledger.add(
          live.map(({ key, c, sent }) => ({ key, windowStart: new Date(c.windowStart), hits: sent })),
        );
        for (const { key, c, sent } of live) {
          const total = totals.get(key);
          if (total !== undefined) settle(c, sent, total);
        }
      }
      const longest = Math.max(60_000, ...live.map(({ c }) => c.ttlMs));
      if (now - this.lastForget >= longest) {
        this.lastForget = now;
        await this.ledger.forgetBefore(new Date(now - 2 * longest));
      }
    } catch (err) {
      if (now - this.lastWarning >= 60_000) {
        this.lastWarning = now;
        this.log.warn(
          { err: (err as Error).name },
          'rate limit counts could not be shared; this instance counts on its own until they can',
        );
      }
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.sync().catch(() => undefined);
    await this.opts.onClose?.();
  }
}

/** How often an instance adds its hits to the shared count and learns the others'. */
export const RATE_LIMIT_SYNC_MS = 1_000;

/** The storage over the gateway's database, with a connection of its own (one exchange at a time). */
export function sharedRateLimitStorage(databaseUrl: string, syncIntervalMs: number): SharedRateLimitStorage {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  pool.on('error', () => undefined); // a dropped idle connection: the next exchange reconnects
  return new SharedRateLimitStorage(new PgRateLimitLedger(pool), {
    syncIntervalMs,
    onClose: () => pool.end(),
  });
}
