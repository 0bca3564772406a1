import type { DescMessage } from '@bufbuild/protobuf';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A Kafka topic and the one protobuf message it carries. Topic names are `<domain>.<event>.v<N>`;
 * a wire-incompatible change is a new message and a new topic, never an edit of this one.
 */
export interface TopicDefinition<S extends DescMessage = DescMessage> {
  readonly name: string;
  readonly eventType: string;
  readonly schemaVersion: number;
  readonly schema: S;
  readonly aggregateType: string;
  /** Partitions bound consumer parallelism; keys are aggregate ids so order holds per aggregate. */
  readonly partitions: number;
  /** Retention is long enough to rebuild a consumer's state after a week-long outage. */
  readonly retentionMs: number;
}

export function defineTopic<S extends DescMessage>(
  domain: string,
  event: string,
  version: number,
  schema: S,
  aggregateType: string,
  opts: { partitions?: number; retentionDays?: number } = {},
): TopicDefinition<S> {
  return {
    name: `${domain}.${event}.v${version}`,
    eventType: `${domain}.${event}`,
    schemaVersion: version,
    schema,
    aggregateType,
    partitions: opts.partitions ?? 3,
    retentionMs: (opts.retentionDays ?? 14) * DAY_MS,
  };
}
