import { SqlClient } from '../sql-client';

export interface ParkedMessage {
  id: string;
  consumer_group: string;
  topic: string;
  partition: number;
  offset: string;
  message_key: string | null;
  headers: Record<string, string>;
  payload: string | null;
  reason: string;
  error: string;
  attempts: number;
  parked_at: Date;
  replayed_at: Date | null;
}

export type ParkReason = 'INVALID_MESSAGE' | 'PERMANENT_FAILURE' | 'RETRIES_EXHAUSTED' | 'NO_HANDLER';

export interface ParkInput {
  consumerGroup: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  payload: string | null;
  reason: ParkReason;
  error: string;
  attempts: number;
}

/** Where a consumer puts what it cannot process, for an operator to read, fix and replay. */
export class ParkedMessageStore {
  constructor(private readonly db: SqlClient) {}

  /** Idempotent: a message redelivered after a crash is parked once. */
  async park(m: ParkInput): Promise<void> {
    await this.db.$executeRawUnsafe(
      `INSERT INTO parked_message (consumer_group, topic, partition, "offset", message_key, headers, payload, reason, error, attempts)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10)
       ON CONFLICT (consumer_group, topic, partition, "offset") DO UPDATE
         SET error = EXCLUDED.error, attempts = parked_message.attempts + EXCLUDED.attempts, parked_at = now(), replayed_at = NULL`,
      m.consumerGroup,
      m.topic,
      m.partition,
      m.offset,
      m.key,
      JSON.stringify(m.headers),
      m.payload,
      m.reason,
      m.error.slice(0, 4000),
      m.attempts,
    );
  }

  async list(opts: { includeReplayed?: boolean; limit?: number } = {}): Promise<ParkedMessage[]> {
    return this.db.$queryRawUnsafe<ParkedMessage[]>(
      `SELECT id::text, consumer_group, topic, partition, "offset", message_key, headers, payload, reason, error, attempts, parked_at, replayed_at
         FROM parked_message WHERE ($1 OR replayed_at IS NULL) ORDER BY parked_at DESC LIMIT $2`,
      opts.includeReplayed ?? false,
      opts.limit ?? 100,
    );
  }

  async get(id: string): Promise<ParkedMessage | undefined> {
    const rows = await this.db.$queryRawUnsafe<ParkedMessage[]>(
      `SELECT id::text, consumer_group, topic, partition, "offset", message_key, headers, payload, reason, error, attempts, parked_at, replayed_at
         FROM parked_message WHERE id = $1::uuid`,
      id,
    );
    return rows[0];
  }

  async markReplayed(id: string): Promise<void> {
    await this.db.$executeRawUnsafe(`UPDATE parked_message SET replayed_at = now() WHERE id = $1::uuid`, id);
  }

  async recordReplayFailure(id: string, error: string): Promise<void> {
    await this.db.$executeRawUnsafe(
      `UPDATE parked_message SET error = $2, attempts = attempts + 1, parked_at = now() WHERE id = $1::uuid`,
      id,
      error.slice(0, 4000),
    );
  }
}
