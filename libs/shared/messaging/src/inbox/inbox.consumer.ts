import { decodeEvent, EventOf, InvalidEventError, topicByName, TopicDefinition } from '@oversight/contracts';
import {
  createLogger,
  ensureTracing,
  extractTraceContext,
  metricsRegistry,
  runWithContext,
  SpanKind,
  withSpan,
} from '@oversight/observability';
import { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { Counter } from 'prom-client';
import { isTransientError, PermanentProcessingError } from '../errors';
import { errSummary } from '../outbox/outbox.relay';
import { SqlClient, TransactionalDb } from '../sql-client';
import { ParkedMessageStore, ParkReason } from './parked-message.store';

export interface HandlerContext {
  /** The transaction the inbox row is written in: write the handler's effects with it. */
  tx: SqlClient;
  topic: TopicDefinition;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

export type EventHandler = (event: EventOf<TopicDefinition>, ctx: HandlerContext) => Promise<void>;

export interface InboundMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  value: string | null;
}

export type ProcessOutcome = 'processed' | 'duplicate' | 'parked';

export interface InboxConsumerOptions {
  kafka: Kafka;
  groupId: string;
  db: TransactionalDb;
  handlers: ReadonlyMap<string, EventHandler>;
  /** Attempts for failures that are neither transient nor declared permanent, before parking. */
  maxAttempts?: number;
  /** Cap on the wait between retries of a transient failure (which retries until the dependency returns). */
  maxBackoffMs?: number;
  partitionsConsumedConcurrently?: number;
  fromBeginning?: boolean;
}

const outcomes = new Counter({
  name: 'inbox_messages_total',
  help: 'Messages handled by inbox consumers, by outcome',
  labelNames: ['group', 'topic', 'outcome'],
  registers: [metricsRegistry],
});

/**
 * An idempotent Kafka consumer. Each message's handler runs in one database transaction with an
 * inbox row keyed by (event id, consumer group), so a redelivered event has no second effect.
 * Failures are explicit: transient → retry with backoff, holding the offset; permanent or invalid →
 * parked (with the raw message) for an operator, then committed. Nothing is logged-and-dropped.
 */
export class InboxConsumer {
  private readonly log;
  private readonly parked: ParkedMessageStore;
  private consumer?: Consumer;
  private stopping = false;
  private restartTimer?: NodeJS.Timeout;

  constructor(private readonly opts: InboxConsumerOptions) {
    this.log = createLogger(`InboxConsumer:${opts.groupId}`);
    this.parked = new ParkedMessageStore(opts.db);
    ensureTracing();
  }

  get parkedMessages(): ParkedMessageStore {
    return this.parked;
  }

  async start(): Promise<void> {
    this.stopping = false;
    const consumer = this.opts.kafka.consumer({
      groupId: this.opts.groupId,
      // Short enough that a crashed member's partitions move on quickly, long enough for a slow handler.
      sessionTimeout: 10_000,
      heartbeatInterval: 3000,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, (e) => {
      const restart = (e.payload as { restart?: boolean }).restart;
      this.log.warn({ err: errSummary(e.payload.error), restart }, 'kafka consumer crashed');
      // kafkajs restarts by itself when it can; when it gives up, start a fresh consumer.
      if (!restart && !this.stopping) this.scheduleRestart();
    });
    await consumer.connect();
    await consumer.subscribe({
      topics: [...this.opts.handlers.keys()],
      fromBeginning: this.opts.fromBeginning ?? true,
    });
    await consumer.run({
      partitionsConsumedConcurrently: this.opts.partitionsConsumedConcurrently ?? 1,
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        await this.process(toInbound(topic, partition, message), heartbeat);
      },
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    await this.consumer?.disconnect();
  }

  /**
   * Decodes, de-duplicates and handles one message. Used for live messages and for replays.
   * Runs in a CONSUMER span continuing the trace in the message's `traceparent` header (written
   * with the outbox row), so what the handler does — a workflow start, an outbox row — joins it.
   */
  async process(
    msg: InboundMessage,
    heartbeat: () => Promise<void> = async () => undefined,
  ): Promise<ProcessOutcome> {
    return withSpan(
      `${msg.topic} process`,
      {
        kind: SpanKind.CONSUMER,
        parent: extractTraceContext(msg.headers),
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'process',
          'messaging.destination.name': msg.topic,
          'messaging.destination.partition.id': String(msg.partition),
          'messaging.kafka.offset': Number(msg.offset),
          'messaging.consumer.group.name': this.opts.groupId,
        },
      },
      async (span) => {
        const outcome = await this.processUntraced(msg, heartbeat);
        span.setAttribute('oversight.inbox.outcome', outcome);
        return outcome;
      },
    );
  }

  private async processUntraced(
    msg: InboundMessage,
    heartbeat: () => Promise<void>,
  ): Promise<ProcessOutcome> {
    const topic = topicByName(msg.topic);
    const handler = this.opts.handlers.get(msg.topic);
    if (!topic || !handler) return this.park(msg, 'NO_HANDLER', `no handler for ${msg.topic}`, 0);

    let event: EventOf<TopicDefinition>;
    try {
      event = decodeEvent(topic, msg.value);
    } catch (err) {
      if (err instanceof InvalidEventError) return this.park(msg, 'INVALID_MESSAGE', err.message, 0);
      throw err;
    }

    const maxAttempts = this.opts.maxAttempts ?? 5;
    let attempts = 0;
    let backoff = 200;
    for (;;) {
      attempts++;
      try {
        const outcome = await runWithContext(
          { correlationId: event.metadata.correlationId, actorSubject: event.metadata.actor?.subject },
          () => this.handleInTransaction(event, topic, handler, msg),
        );
        outcomes.inc({ group: this.opts.groupId, topic: msg.topic, outcome });
        return outcome;
      } catch (err) {
        if (err instanceof PermanentProcessingError || err instanceof InvalidEventError) {
          return this.park(msg, 'PERMANENT_FAILURE', errSummary(err), attempts);
        }
        const transient = isTransientError(err);
        if (!transient && attempts >= maxAttempts)
          return this.park(msg, 'RETRIES_EXHAUSTED', errSummary(err), attempts);
        if (this.stopping) throw err; // leave the offset uncommitted; the next owner retries it
        this.log.warn(
          {
            err: errSummary(err),
            topic: msg.topic,
            partition: msg.partition,
            offset: msg.offset,
            attempts,
            transient,
          },
          'handler failed; retrying',
        );
        await delay(backoff);
        backoff = Math.min(backoff * 2, this.opts.maxBackoffMs ?? 10_000);
        await heartbeat().catch(() => undefined);
      }
    }
  }

  /** Runs a parked message through the handler again; on success it is marked replayed. */
  async replay(parkedId: string): Promise<ProcessOutcome | 'not-found'> {
    const m = await this.parked.get(parkedId);
    if (!m) return 'not-found';
    const before = m.parked_at.getTime();
    const outcome = await this.process({
      topic: m.topic,
      partition: m.partition,
      offset: m.offset,
      key: m.message_key,
      headers: m.headers,
      value: m.payload,
    });
    if (outcome !== 'parked') await this.parked.markReplayed(parkedId);
    else this.log.warn({ parkedId, before }, 'replay failed; message stays parked');
    return outcome;
  }

  private async handleInTransaction(
    event: EventOf<TopicDefinition>,
    topic: TopicDefinition,
    handler: EventHandler,
    msg: InboundMessage,
  ): Promise<ProcessOutcome> {
    return this.opts.db.$transaction(
      async (tx: SqlClient) => {
        const inserted = await tx.$executeRawUnsafe(
          `INSERT INTO inbox_message (event_id, consumer_group, topic, event_type) VALUES ($1::uuid, $2, $3, $4)
           ON CONFLICT (event_id, consumer_group) DO NOTHING`,
          event.metadata.eventId,
          this.opts.groupId,
          msg.topic,
          event.metadata.eventType,
        );
        if (inserted === 0) return 'duplicate' as const;
        await handler(event, {
          tx,
          topic,
          headers: msg.headers,
          partition: msg.partition,
          offset: msg.offset,
        });
        return 'processed' as const;
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  }

  private async park(
    msg: InboundMessage,
    reason: ParkReason,
    error: string,
    attempts: number,
  ): Promise<'parked'> {
    // If the database is down we cannot park: throwing keeps the offset, so the message is not lost.
    await this.parked.park({
      consumerGroup: this.opts.groupId,
      topic: msg.topic,
      partition: msg.partition,
      offset: msg.offset,
      key: msg.key,
      headers: msg.headers,
      payload: msg.value,
      reason,
      error,
      attempts,
    });
    outcomes.inc({ group: this.opts.groupId, topic: msg.topic, outcome: 'parked' });
    this.log.error(
      { topic: msg.topic, partition: msg.partition, offset: msg.offset, reason },
      'message parked',
    );
    return 'parked';
  }

  private scheduleRestart(): void {
    this.restartTimer = setTimeout(() => {
      if (this.stopping) return; // stop() won the race: do not bring the consumer back
      this.log.warn('restarting kafka consumer');
      this.consumer
        ?.disconnect()
        .catch(() => undefined)
        .then(() => this.start())
        .catch((err) => {
          if (this.stopping) return;
          this.log.error({ err: errSummary(err) }, 'consumer restart failed; trying again');
          this.scheduleRestart();
        });
    }, 2000);
  }
}

function toInbound(topic: string, partition: number, message: KafkaMessage): InboundMessage {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(message.headers ?? {})) {
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.map(String).join(',') : String(v);
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ? message.key.toString() : null,
    headers,
    value: message.value ? message.value.toString() : null,
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
