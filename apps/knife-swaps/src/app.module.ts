import { DynamicModule, Module } from '@nestjs/common';
import {
  InboxKafkaServer,
  KAFKA_CLIENT,
  ParkedMessagesController,
  ParkedOutboxController,
  PlatformModule,
} from '@oversight/nest-platform';
import { Client as TemporalClient } from '@temporalio/client';
import { Kafka } from 'kafkajs';
import { KnifeSwapsEnv } from './config/knife-swaps.env';
import { CustodyController } from './custody/custody.controller';
import { CustodyService } from './custody/custody.service';
import { SwapStarterConsumer } from './custody/swap-starter.consumer';
import { LinkedRecordsConsumer } from './links/linked-records.consumer';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { PrismaService } from './infrastructure/prisma.service';
import { ReferralsController } from './referrals/referrals.controller';
import { MatchExistingHouseholdsOnStart } from './referrals/households/match-existing-households';
import { ReferralsService } from './referrals/referrals.service';
import { ReportsController } from './reports/reports.controller';
import { StoresController } from './stores/stores.controller';
import { StoresService } from './stores/stores.service';
import { TasksController } from './tasks/tasks.controller';
import { TemporalWorkerRunner } from './worker/temporal-worker.runner';

export const CONSUMER_GROUP = 'knife-swaps';

@Module({})
export class AppModule {
  static forRoot(env: KnifeSwapsEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(env),
        PlatformModule.forRoot({
          auth: { issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE, jwksUrl: env.AUTH_JWKS_URL },
          readiness: {
            inject: [PrismaService, KAFKA_CLIENT, TemporalClient],
            useFactory: (prisma: PrismaService, kafka: Kafka, temporal: TemporalClient) => [
              { name: 'database', check: async () => void (await prisma.$queryRawUnsafe('SELECT 1')) },
              { name: 'kafka', check: () => describeCluster(kafka) },
              {
                name: 'temporal',
                check: async () => void (await temporal.workflowService.getSystemInfo({})),
              },
            ],
          },
        }),
      ],
      controllers: [
        ReferralsController,
        StoresController,
        CustodyController,
        TasksController,
        ReportsController,
        ParkedMessagesController,
        ParkedOutboxController,
        SwapStarterConsumer,
        LinkedRecordsConsumer,
      ],
      providers: [
        ReferralsService,
        MatchExistingHouseholdsOnStart,
        StoresService,
        CustodyService,
        TemporalWorkerRunner,
        {
          provide: InboxKafkaServer,
          inject: [PrismaService, KAFKA_CLIENT],
          useFactory: (prisma: PrismaService, kafka: Kafka) =>
            new InboxKafkaServer({
              kafka,
              groupId: CONSUMER_GROUP,
              db: prisma,
              partitionsConsumedConcurrently: 3,
            }),
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
