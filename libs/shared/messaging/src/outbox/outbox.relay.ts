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
  /**
   * The relay's own database session: it holds the leader lock (see OutboxRelay), runs the claim and
   * mark statements (so a relay that lost its session, and with it the lock, cannot mark rows) and
   * LISTENs for commits. Without it the relay assumes it is the only one and polls through `db`.
   */
  connectionString?: string;
  /** LISTEN on the relay's session (default true); without it the relay only polls. */
  listen?: boolean;
  /** Older name of `connectionString` (with LISTEN). */
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
const leader = new Gauge({
  name: 'outbox_relay_leader',
  help: '1 while this process holds the outbox leader lock of its database and publishes; 0 on standby',
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
 * Key of the session advisory lock that makes one relay per database the publisher. Each service has
 * its own database and one outbox table, so one key per database is enough.
 */
export const OUTBOX_LEADER_LOCK_KEY = 'oversight.outbox_message.relay';

/**
 * Moves outbox rows to Kafka, in seq order.
 *
 * Several instances of a service each run a relay, but only one publishes at a time: the one holding
 * the session advisory lock OUTBOX_LEADER_LOCK_KEY on its own connection (`connectionString`). The others
 * stand by and try to take the lock every poll interval (and on every commit they hear), so when the
 * leader stops or dies (its connection closes and PostgreSQL frees the lock, also after SIGKILL) another
 * takes over within about a poll interval. A single publisher keeps per-aggregate order (rows leave in
 * seq order and the idempotent producer keeps it per partition) and never has two relays publish one
 * row at the same time. Why a leader and not rows shared between relays: per-aggregate order with
 * several publishers needs every claim to check the aggregate's earlier rows in flight elsewhere, and
 * one relay publishes batches far faster than the services write (the write, not the relay, is the
 * bottleneck), so the extra publishers would buy nothing but ordering risk.
 *
 * The claim and mark statements run on the lock's own session: a relay whose session was lost (and with
 * it the lock) cannot mark anything. Rows are still claimed with FOR UPDATE SKIP LOCKED and a lease
 * (claimed_until), which keeps an older relay without the lock (side by side during a rolling upgrade)
 * off the rows the leader is publishing. Delivery is at-least-once: a relay that dies between the
 * broker's acknowledgement and the mark leaves those rows to the next leader, which publishes them
 * again; consumers absorb that through their inbox (event id).
 */
export class OutboxRelay {
  private readonly log;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private session?: Client;
  private sessionBroken = false;
  private isLeader = false;
  private readonly connectionString?: string;
  private readonly listenOnSession: boolean;
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
    this.connectionString = opts.connectionString ?? opts.listenConnectionString;
    this.listenOnSession = opts.connectionString ? (opts.listen ?? true) : !!opts.listenConnectionString;
  }

  /** True while this relay holds the leader lock (always true without a session of its own). */
  get leading(): boolean {
    return this.connectionString ? this.isLeader : true;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    if (this.connectionString) await this.ensureLeader().catch(() => undefined);
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
      while (this.leading && Date.now() < deadline && (await this.relayOnce()) > 0) {
        /* drain */
      }
    } catch (err) {
      this.log.warn(
        { err: errSummary(err) },
        'outbox drain stopped early; remaining rows are published on next start',
      );
    }
    await this.closeSession(); // frees the leader lock: a standby takes over
  }

  /** Claims and publishes one batch; returns how many rows were published (0 on standby). */
  async relayOnce(): Promise<number> {
    if (this.connectionString && !(await this.ensureLeader())) return 0;
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
      // Once a row of an aggregate fails, its later rows wait (released) so they never overtake it.
      let ok = 0;
      const held = new Set<string>();
      for (const row of rows) {
        if (held.has(row.message_key)) {
          await this.release([row.id]);
          continue;
        }
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
          held.add(row.message_key);
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

  /** Statements of the publishing path: on the lock's own session when there is one. */
  private get sql(): SqlClient {
    const session = this.session;
    if (!this.connectionString) return this.opts.db;
    if (!session || this.sessionBroken) throw new LeaderSessionLostError();
    return {
      $queryRawUnsafe: async <T>(q: string, ...values: unknown[]) =>
        (await session.query(q, values)).rows as T,
      $executeRawUnsafe: async (q: string, ...values: unknown[]) =>
        (await session.query(q, values)).rowCount ?? 0,
    };
  }

  /** Holds (or tries to take) the leader lock on the relay's own session; true while leading. */
  private async ensureLeader(): Promise<boolean> {
    if (this.session && this.sessionBroken) await this.closeSession();
    if (!this.session) await this.openSession();
    if (this.isLeader) return true;
    const { rows } = await this.session!.query<{ ok: boolean }>(
      `SELECT pg_try_advisory_lock(hashtext($1)) AS ok`,
      [OUTBOX_LEADER_LOCK_KEY],
    );
    if (rows[0]?.ok) {
      this.isLeader = true;
      leader.set({ relay: this.name }, 1);
      this.log.info('outbox relay is the leader: publishing');
    } else leader.set({ relay: this.name }, 0); // standby: the gauge says so, as its help text promises
    return this.isLeader;
  }

  private async openSession(): Promise<void> {
    const client = new Client({
      connectionString: this.connectionString,
      application_name: `outbox-relay:${this.name}`,
      connectionTimeoutMillis: 5000,
    });
    const lost = (err?: unknown) => {
      if (this.session !== client || this.sessionBroken) return;
      this.sessionBroken = true;
      if (this.isLeader)
        this.log.warn(
          { err: err ? errSummary(err) : undefined },
          'outbox relay lost its session (and the leader lock)',
        );
      this.isLeader = false;
      leader.set({ relay: this.name }, 0);
      this.wake?.();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    this.session = client;
    this.sessionBroken = false;
    try {
      await client.connect();
      if (this.listenOnSession) {
        client.on('notification', () => this.wake?.());
        await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      }
    } catch (err) {
      lost(err);
      throw err;
    }
  }

  private async closeSession(): Promise<void> {
    const client = this.session;
    this.session = undefined;
    this.sessionBroken = false;
    if (this.isLeader) leader.set({ relay: this.name }, 0);
    this.isLeader = false;
    await client?.end().catch(() => undefined);
  }

  /**
   * The next batch in seq order. The leader ignores leases (any lease it finds is a dead leader's, or an
   * older relay's during an upgrade) and waits for row locks rather than skipping rows, so no row is ever
   * passed over by a later row of its aggregate. Without a session (a lone relay) leases are respected.
   */
  private async claim(): Promise<OutboxRow[]> {
    const asLeader = !!this.connectionString;
    return this.sql
      .$queryRawUnsafe<OutboxRow[]>(
        `UPDATE outbox_message SET claimed_until = now() + ($2 || ' milliseconds')::interval
         WHERE id IN (
           SELECT id FROM outbox_message
            WHERE published_at IS NULL AND parked_at IS NULL
              ${asLeader ? '' : 'AND (claimed_until IS NULL OR claimed_until < now())'}
            ORDER BY seq
            LIMIT $1
            FOR UPDATE ${asLeader ? '' : 'SKIP LOCKED'})
       RETURNING id, seq, topic, message_key, payload, headers, attempts`,
        this.batchSize,
        String(this.claimTtlMs),
      )
      .then((rows) => rows.sort((a, b) => Number(a.seq) - Number(b.seq)));
  }

  private async markPublished(ids: string[]): Promise<void> {
    await this.sql.$executeRawUnsafe(
      `UPDATE outbox_message SET published_at = now(), claimed_until = NULL WHERE id = ANY($1::uuid[])`,
      ids,
    );
  }

  private async release(ids: string[]): Promise<void> {
    try {
      await this.sql.$executeRawUnsafe(
        `UPDATE outbox_message SET claimed_until = NULL WHERE id = ANY($1::uuid[])`,
        ids,
      );
    } catch {
      // the lease expires anyway
    }
  }

  private async recordFailure(row: OutboxRow, err: unknown): Promise<void> {
    const attempts = row.attempts + 1;
    const park = attempts >= this.maxAttempts;
    await this.sql.$executeRawUnsafe(
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

/** The relay's session closed under it: no longer the leader; it reconnects and stands by. */
export class LeaderSessionLostError extends Error {
  readonly code = 'ECONNRESET';
  constructor() {
    super('the outbox relay lost its database session and with it the leader lock');
    this.name = 'LeaderSessionLostError';
  }
}

export function errSummary(err: unknown): string {
  // Database errors quote the values written: only their kind is logged and stored.
  if (isDatabaseError(err)) return errorSummary(err);
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}
