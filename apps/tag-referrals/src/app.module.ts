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
import { ScheduledSweepsRunner } from './common/scheduled-sweeps.runner';
import { TagReferralsEnv } from './config/tag-referrals.env';
import { DeviceEventConsumer } from './devices/device-event.consumer';
import { EpisodeStarterConsumer } from './episodes/episode-starter.consumer';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { LocationRetentionController, LocationsController } from './locations/locations.controller';
import { PrismaService } from './infrastructure/prisma.service';
import { OutcomesController } from './outcomes/outcomes.controller';
import { RecordOutcome } from './outcomes/record-outcome';
import { BoardReport } from './reports/board-report';
import { ReportsController } from './reports/reports.controller';
import { PoolsController } from './pools/pools.controller';
import { PoolsService } from './pools/pools.service';
import { ReferralsController } from './referrals/referrals.controller';
import { ReferralsService } from './referrals/referrals.service';
import { TaskRemindersController } from './tasks/task-reminders.controller';
import { TasksController } from './tasks/tasks.controller';
import { TemporalWorkerRunner } from './worker/temporal-worker.runner';

export const CONSUMER_GROUP = 'tag-referrals';

@Module({})
export class AppModule {
  static forRoot(env: TagReferralsEnv): DynamicModule {
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
        LocationsController,
        LocationRetentionController,
        TaskRemindersController,
        OutcomesController,
        ReportsController,
        PoolsController,
        TasksController,
        ParkedMessagesController,
        ParkedOutboxController,
        EpisodeStarterConsumer,
        DeviceEventConsumer,
      ],
      providers: [
        ReferralsService,
        RecordOutcome,
        BoardReport,
        PoolsService,
        TemporalWorkerRunner,
        ScheduledSweepsRunner,
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
