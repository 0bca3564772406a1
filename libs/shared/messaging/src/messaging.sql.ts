/**
 * The three tables every service database has, for reference and for tests that build a scratch
 * database. Each service's Prisma schema declares the same tables (models OutboxMessage,
 * InboxMessage, ParkedMessage); its migrations are what create them in that service's database.
 */
export const MESSAGING_TABLES_SQL = `
CREATE TABLE IF NOT EXISTS outbox_message (
  id uuid PRIMARY KEY,
  seq bigserial NOT NULL,
  topic text NOT NULL,
  message_key text NOT NULL,
  payload text NOT NULL,
  headers jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  claimed_until timestamptz,
  published_at timestamptz,
  parked_at timestamptz
);
CREATE INDEX IF NOT EXISTS outbox_message_pending_idx ON outbox_message (published_at, parked_at, seq);
CREATE TABLE IF NOT EXISTS inbox_message (
  event_id uuid NOT NULL,
  consumer_group text NOT NULL,
  topic text NOT NULL,
  event_type text NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, consumer_group)
);
CREATE TABLE IF NOT EXISTS parked_message (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consumer_group text NOT NULL,
  topic text NOT NULL,
  partition integer NOT NULL,
  "offset" text NOT NULL,
  message_key text,
  headers jsonb NOT NULL,
  payload text,
  reason text NOT NULL,
  error text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  parked_at timestamptz NOT NULL DEFAULT now(),
  replayed_at timestamptz,
  UNIQUE (consumer_group, topic, partition, "offset")
);`;
