import { INestApplication } from '@nestjs/common';
import { InboxKafkaServer } from './inbox-kafka.server';

/**
 * Connects the service's InboxKafkaServer as a Nest microservice and starts consuming, after the
 * app has initialised (module hooks may register handlers). The microservice inherits the app's
 * global filter, DomainExceptionFilter, which passes a handler's error through unchanged so the
 * inbox consumer can tell a PermanentProcessingError or an outage from a bug. (Nest wires a
 * connected microservice's handlers when it is connected, so filters set on it afterwards are ignored.)
 */
export async function startInboxConsumer(
  app: INestApplication,
  server: InboxKafkaServer = app.get(InboxKafkaServer),
  opts: { consume?: boolean } = {},
): Promise<void> {
  // consume: false wires the handlers (for replays of parked messages) without joining the group.
  server.consumeMessages = opts.consume ?? true;
  await app.init();
  app.connectMicroservice({ strategy: server }, { inheritAppConfig: true });
  await app.startAllMicroservices();
}
