import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { EventOf, TopicDefinition } from '@oversight/contracts';
import { EventHandler, HandlerContext, InboxConsumer, InboxConsumerOptions } from '@oversight/messaging';
import { isObservable, lastValueFrom } from 'rxjs';

export type InboxKafkaServerOptions = Omit<InboxConsumerOptions, 'handlers'>;

/**
 * A Nest microservice transport over kafkajs: `@EventPattern('<topic name>')` handlers receive the
 * decoded, validated event and a HandlerContext (with the inbox transaction). Unlike the stock Kafka
 * transport, a failing handler never has its offset committed silently: the InboxConsumer retries
 * transient failures and parks the rest.
 */
export class InboxKafkaServer extends Server implements CustomTransportStrategy {
  private consumer?: InboxConsumer;
  /**
   * False in an HTTP-only process (RUN_BACKGROUND_WORK=false): the handlers are wired, so the operator
   * endpoints can list and replay parked messages, but the process joins no consumer group.
   */
  consumeMessages = true;

  constructor(private readonly options: InboxKafkaServerOptions) {
    super();
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      const handlers = new Map<string, EventHandler>();
      for (const [pattern, handler] of this.messageHandlers) {
        handlers.set(pattern, async (event: EventOf<TopicDefinition>, ctx: HandlerContext) => {
          const result = await handler(event, ctx);
          if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
        });
      }
      if (handlers.size === 0)
        throw new Error(
          'InboxKafkaServer has no event handlers: register them before the microservice starts',
        );
      this.consumer = new InboxConsumer({ ...this.options, handlers });
      if (this.consumeMessages) await this.consumer.start();
      callback();
    } catch (err) {
      callback(err);
    }
  }

  /** The consumer behind the transport, for the operator endpoints (parked messages, replay). */
  get inbox(): InboxConsumer {
    if (!this.consumer) throw new Error('InboxKafkaServer is not listening yet');
    return this.consumer;
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  on(): void {
    throw new Error('InboxKafkaServer does not expose client events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}
