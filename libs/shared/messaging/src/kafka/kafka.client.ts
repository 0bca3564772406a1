import { createLogger } from '@oversight/observability';
import { Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { TopicDefinition } from '@oversight/contracts';
import { OutboxRow, PublishBatch } from '../outbox/outbox.relay';

const kafkaLog = createLogger('kafkajs');

/** kafkajs logs routed into the structured logger, at warn and above (it is chatty at info). */
function logCreator() {
  return ({ level, log }: { level: logLevel; log: { message: string; [k: string]: unknown } }) => {
    const { message, ...rest } = log;
    const fields = { broker: rest['broker'], groupId: rest['groupId'], error: rest['error'] };
    if (level === logLevel.ERROR) kafkaLog.error(fields, message);
    else if (level === logLevel.WARN) kafkaLog.warn(fields, message);
  };
}

export function createKafka(clientId: string, brokers: string): Kafka {
  return new Kafka({
    clientId,
    brokers: brokers.split(','),
    logLevel: logLevel.WARN,
    logCreator,
    connectionTimeout: 3000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 10_000 },
  });
}

/** Idempotent producer with acks from all in-sync replicas: no duplicates from producer retries. */
export async function createProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: 5 },
  });
  await producer.connect();
  return producer;
}

/** The relay's publish step: one sendBatch, keyed by aggregate id, headers carried over. */
export function kafkaPublisher(producer: Producer): PublishBatch {
  return async (rows: OutboxRow[]) => {
    const byTopic = new Map<string, OutboxRow[]>();
    for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic.entries()].map(([topic, msgs]) => ({
        topic,
        messages: msgs.map((r) => ({ key: r.message_key, value: r.payload, headers: r.headers })),
      })),
    });
  };
}

/** Creates any missing topic with its partitions and retention; existing topics are left alone. */
export async function ensureTopics(kafka: Kafka, topics: readonly TopicDefinition[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: 1,
          configEntries: [
            { name: 'retention.ms', value: String(t.retentionMs) },
            { name: 'cleanup.policy', value: 'delete' },
          ],
        })),
      });
    }
    return missing.map((t) => t.name);
  } finally {
    await admin.disconnect();
  }
}
