import { createLogger, errorSummary, isDatabaseError } from '@oversight/observability';
import { Client } from 'pg';
import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '@oversight/observability';
import { isTransientError } from '../errors';
import { SqlClient } from '../sql-client';
import { OUTBOX_CHANNEL } from './outbox.writer';

export interface OutboxRow {
  id: string;
  seq: bigint | number | string;
  topic: string;
  message_key: string;
  payload: string;
  headers: Record<string, string>;
  attempts: number;
}

/** Publishes a batch; must throw if any message was not acknowledged by the broker. */
export type PublishBatch = (rows: OutboxRow[]) => Promise<void>;

export interface OutboxRelayOptions {
  db: SqlClient;
  publish: PublishBatch;
  /** For LISTEN; without it the relay only polls. */
  listenConnectionString?: string;
  batchSize?: number;
  pollIntervalMs?: number;
  /** A message that fails this many times for a reason of its own is parked. */
  maxAttempts?: number;
  /** How long a claim holds before another relay may take the row (crash recovery). */
  claimTtlMs?: number;
  name?: string;
}

const published = new Counter({
  name: 'outbox_published_total',
  help: 'Outbox messages published',
  registers: [metricsRegistry],
  labelNames: ['relay'],
});
const parked = new Counter({
  name: 'outbox_parked_total',
  help: 'Outbox messages parked after repeated failure',
  registers: [metricsRegistry],
  labelNames: ['relay'],
});
const pending = new Gauge({
  name: 'outbox_pending',
  help: 'Outbox messages waiting to be published',
  registers: [metricsRegistry],
  labelNames: ['relay'],
});

/**
 * Moves outbox rows to Kafka. Rows are claimed with FOR UPDATE SKIP LOCKED and a short lease, so
 * several relays can run and a crashed relay's claims expire. Delivery is at-least-once: a crash
 * between publish and mark re-publishes, which consumers absorb through their inbox.
 */
export class OutboxRelay {
  private readonly log;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private listener?: Client;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxAttempts: number;
  private readonly claimTtlMs: number;
  private readonly name: string;
  private backoffMs = 0;

  constructor(private readonly opts: OutboxRelayOptions) {
    this.name = opts.name ?? 'outbox';
    this.log = createLogger(`OutboxRelay:${this.name}`);
    this.batchSize = opts.batchSize ?? 200;
    this.pollIntervalMs = opts.pollIntervalMs ?? 1000;
    this.maxAttempts = opts.maxAttempts ?? 10;
    this.claimTtlMs = opts.claimTtlMs ?? 30_000;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    if (this.opts.listenConnectionString) await this.listen(this.opts.listenConnectionString);
    this.loop = this.run();
  }

  /** Stops taking new work after the current batch, then drains what is left (bounded by timeout). */
  async stop(drainTimeoutMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loop;
    const deadline = Date.now() + drainTimeoutMs;
    try {
      while (Date.now() < deadline && (await this.relayOnce()) > 0) {
        /* drain */
      }
    } catch (err) {
      this.log.warn(
        { err: errSummary(err) },
        'outbox drain stopped early; remaining rows are published on next start',
      );
    }
    await this.listener?.end().catch(() => undefined);
  }

  /** Claims and publishes one batch; returns how many rows were published. */
  async relayOnce(): Promise<number> {
    const rows = await this.claim();
    if (rows.length === 0) return 0;
    try {
      await this.opts.publish(rows);
      await this.markPublished(rows.map((r) => r.id));
      published.inc({ relay: this.name }, rows.length);
      return rows.length;
    } catch (err) {
      if (isTransientError(err)) {
        await this.release(rows.map((r) => r.id));
        throw err;
      }
      // A message-specific failure: publish one by one so only the offending rows count attempts.
      let ok = 0;
      for (const row of rows) {
        try {
          await this.opts.publish([row]);
          await this.markPublished([row.id]);
          ok++;
        } catch (rowErr) {
          if (isTransientError(rowErr)) {
            // The broker (or database) went away while the bad row was being isolated: that is not
            // these rows' fault, so no attempt is counted. The rest wait for the next pass.
            published.inc({ relay: this.name }, ok);
            await this.release(rows.map((r) => r.id));
            throw rowErr;
          }
          await this.recordFailure(row, rowErr);
        }
      }
      published.inc({ relay: this.name }, ok);
      return ok;
    }
  }

  /** Parked outbox messages for the operator. */
  async listParked(
    limit = 100,
  ): Promise<Array<Omit<OutboxRow, 'headers'> & { last_error: string; parked_at: Date }>> {
    return this.opts.db.$queryRawUnsafe(
      `SELECT id, seq::text AS seq, topic, message_key, payload, attempts, last_error, parked_at
         FROM outbox_message WHERE parked_at IS NOT NULL ORDER BY seq LIMIT $1`,
      limit,
    );
  }

  /** Puts a parked message back in line; returns false if it was not parked. */
  async replayParked(id: string): Promise<boolean> {
    const n = await this.opts.db.$executeRawUnsafe(
      `UPDATE outbox_message SET parked_at = NULL, attempts = 0, claimed_until = NULL WHERE id = $1::uuid AND parked_at IS NOT NULL`,
      id,
    );
    this.wake?.();
    return n === 1;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.relayOnce();
        this.backoffMs = 0;
        await this.updatePendingGauge();
      } catch (err) {
        this.backoffMs = Math.min(Math.max(this.backoffMs * 2, 250), 10_000);
        this.log.warn(
          { err: errSummary(err), retryInMs: this.backoffMs },
          'outbox relay could not publish; will retry',
        );
      }
      if (!this.running) break;
      if (published < this.batchSize || this.backoffMs > 0)
        await this.sleep(this.backoffMs || this.pollIntervalMs);
    }
  }

  private async claim(): Promise<OutboxRow[]> {
    return this.opts.db
      .$queryRawUnsafe<OutboxRow[]>(
        `UPDATE outbox_message SET claimed_until = now() + ($2 || ' milliseconds')::interval
         WHERE id IN (
           SELECT id FROM outbox_message
            WHERE published_at IS NULL AND parked_at IS NULL
              AND (claimed_until IS NULL OR claimed_until < now())
            ORDER BY seq
            LIMIT $1
            FOR UPDATE SKIP LOCKED)
       RETURNING id, seq, topic, message_key, payload, headers, attempts`,
        this.batchSize,
        String(this.claimTtlMs),
      )
      .then((rows) => rows.sort((a, b) => Number(a.seq) - Number(b.seq)));
  }

  private async markPublished(ids: string[]): Promise<void> {
    await this.opts.db.$executeRawUnsafe(
      `UPDATE outbox_message SET published_at = now(), claimed_until = NULL WHERE id = ANY($1::uuid[])`,
      ids,
    );
  }

  private async release(ids: string[]): Promise<void> {
    await this.opts.db
      .$executeRawUnsafe(`UPDATE outbox_message SET claimed_until = NULL WHERE id = ANY($1::uuid[])`, ids)
      .catch(() => undefined); // the lease expires anyway
  }

  private async recordFailure(row: OutboxRow, err: unknown): Promise<void> {
    const attempts = row.attempts + 1;
    const park = attempts >= this.maxAttempts;
    await this.opts.db.$executeRawUnsafe(
      `UPDATE outbox_message SET attempts = $2, last_error = $3, claimed_until = NULL,
              parked_at = CASE WHEN $4 THEN now() ELSE NULL END
        WHERE id = $1::uuid`,
      row.id,
      attempts,
      errSummary(err).slice(0, 2000),
      park,
    );
    if (park) {
      parked.inc({ relay: this.name });
      this.log.error(
        { outboxId: row.id, topic: row.topic, attempts },
        'outbox message parked after repeated failures',
      );
    }
  }

  private async updatePendingGauge(): Promise<void> {
    const [row] = await this.opts.db.$queryRawUnsafe<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM outbox_message WHERE published_at IS NULL AND parked_at IS NULL`,
    );
    pending.set({ relay: this.name }, row?.n ?? 0);
  }

  private async listen(connectionString: string): Promise<void> {
    try {
      const client = new Client({ connectionString });
      client.on('error', (err) =>
        this.log.warn({ err: errSummary(err) }, 'outbox LISTEN connection lost; polling'),
      );
      await client.connect();
      client.on('notification', () => this.wake?.());
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch (err) {
      this.log.warn({ err: errSummary(err) }, 'outbox LISTEN unavailable; polling only');
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

export function errSummary(err: unknown): string {
  // Database errors quote the values written: only their kind is logged and stored.
  if (isDatabaseError(err)) return errorSummary(err);
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}
