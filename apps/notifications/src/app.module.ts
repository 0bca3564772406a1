import { DynamicModule, Module } from '@nestjs/common';
import {
  InboxKafkaServer,
  KAFKA_CLIENT,
  ParkedMessagesController,
  ParkedOutboxController,
  PlatformModule,
} from '@oversight/nest-platform';
import { Kafka } from 'kafkajs';
import { NotificationsEnv } from './config/notifications.env';
import { NotificationDispatcher } from './dispatch/notification-dispatcher.service';
import { NotificationRequestedConsumer } from './dispatch/notification-requested.consumer';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { PrismaService } from './infrastructure/prisma.service';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';

export const CONSUMER_GROUP = 'notifications';

@Module({})
export class AppModule {
  static forRoot(env: NotificationsEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(env),
        PlatformModule.forRoot({
          auth: { issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE, jwksUrl: env.AUTH_JWKS_URL },
          readiness: {
            inject: [PrismaService, KAFKA_CLIENT],
            useFactory: (prisma: PrismaService, kafka: Kafka) => [
              { name: 'database', check: async () => void (await prisma.$queryRawUnsafe('SELECT 1')) },
              { name: 'kafka', check: () => describeCluster(kafka) },
            ],
          },
        }),
      ],
      controllers: [
        NotificationsController,
        ParkedMessagesController,
        ParkedOutboxController,
        NotificationRequestedConsumer,
      ],
      providers: [
        NotificationsService,
        NotificationDispatcher,
        {
          provide: InboxKafkaServer,
          inject: [PrismaService, KAFKA_CLIENT],
          useFactory: (prisma: PrismaService, kafka: Kafka) =>
            new InboxKafkaServer({ kafka, groupId: CONSUMER_GROUP, db: prisma }),
        },
      ],
    };
  }
}

async function describeCluster(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
}
