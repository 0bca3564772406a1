import { DynamicModule, Module } from '@nestjs/common';
import { createKafka } from '@oversight/messaging';
import {
  InboxKafkaServer,
  KAFKA_CLIENT,
  ParkedMessagesController,
  PlatformModule,
} from '@oversight/nest-platform';
import { Kafka } from 'kafkajs';
import { AuditEnv } from './config/audit.env';
import { PrismaService } from './infrastructure/prisma.service';
import { AuditEventConsumer } from './trail/audit-event.consumer';
import { AuditController } from './trail/audit.controller';
import { AuditTrailService } from './trail/audit-trail.service';

export const CONSUMER_GROUP = 'audit';

@Module({})
export class AppModule {
  static forRoot(env: AuditEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          auth: { issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE, jwksUrl: env.AUTH_JWKS_URL },
          readiness: {
            inject: [PrismaService, KAFKA_CLIENT],
            useFactory: (prisma: PrismaService, kafka: Kafka) => [
              { name: 'database', check: async () => void (await prisma.$queryRawUnsafe('SELECT 1')) },
              {
                name: 'kafka',
                check: async () => {
                  const admin = kafka.admin();
                  await admin.connect();
                  await admin.describeCluster().finally(() => admin.disconnect());
                },
              },
            ],
          },
        }),
      ],
      controllers: [AuditController, ParkedMessagesController],
      providers: [
        { provide: AuditEnv, useValue: env },
        {
          provide: PrismaService,
          useFactory: () => new PrismaService(env.DATABASE_URL, env.DATABASE_POOL_SIZE),
        },
        { provide: KAFKA_CLIENT, useFactory: () => createKafka('audit', env.KAFKA_BROKERS) },
        {
          provide: InboxKafkaServer,
          inject: [PrismaService, KAFKA_CLIENT],
          useFactory: (prisma: PrismaService, kafka: Kafka) =>
            new InboxKafkaServer({ kafka, groupId: CONSUMER_GROUP, db: prisma }),
        },
        AuditTrailService,
        AuditEventConsumer,
      ],
    };
  }
}
