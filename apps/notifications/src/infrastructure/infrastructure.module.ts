import { Global, Module } from '@nestjs/common';
import { createKafka } from '@oversight/messaging';
import { KAFKA_CLIENT, outboxRelayProviders, OutboxRelayRunner } from '@oversight/nest-platform';
import { NotificationsEnv } from '../config/notifications.env';
import { notificationSenderFor } from '../delivery/delivery.providers';
import { NOTIFICATION_SENDER } from '../delivery/notification.sender';
import { PrismaService } from './prisma.service';

/** The service's connections: its database, Kafka, the outbox relay, and the delivery adapter. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(env: NotificationsEnv) {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: NotificationsEnv, useValue: env },
        {
          provide: PrismaService,
          useFactory: () => new PrismaService(env.DATABASE_URL, env.DATABASE_POOL_SIZE),
        },
        { provide: KAFKA_CLIENT, useFactory: () => createKafka('notifications', env.KAFKA_BROKERS) },
        { provide: NOTIFICATION_SENDER, useFactory: () => notificationSenderFor(env) },
        ...outboxRelayProviders(
          {
            name: 'notifications',
            databaseUrl: env.DATABASE_URL,
            maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
            enabled: env.RUN_BACKGROUND_WORK === 'true',
          },
          PrismaService,
        ),
      ],
      exports: [NotificationsEnv, PrismaService, KAFKA_CLIENT, NOTIFICATION_SENDER, OutboxRelayRunner],
    };
  }
}
