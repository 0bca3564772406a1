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
import { ApplicationsController } from './applications/applications.controller';
import { ApplicationsService } from './applications/applications.service';
import { CaseActionsService } from './applications/case-actions.service';
import { RecommendationsController } from './applications/recommendations.controller';
import { CaseFileConsumer } from './case-file/case-file.consumer';
import { CaseFileController } from './case-file/case-file.controller';
import { CaseFileService } from './case-file/case-file.service';
import { ClockStarterConsumer } from './clocks/clock-starter.consumer';
import { ClocksService } from './clocks/clocks.service';
import { ReviewClockStarter } from './clocks/review-clock.starter';
import { TemporalWorkerRunner } from './clocks/temporal-worker.runner';
import { ComplaintReviewsEnv } from './config/complaint-reviews.env';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { NotificationDispatchedConsumer } from './letters/notification-dispatched.consumer';
import { PrismaService } from './infrastructure/prisma.service';
import { QueuesService } from './queues/queues.service';
import { ReceiptNotificationsController } from './receipt-notifications/receipt-notifications.controller';
import { ReceiptNotificationsService } from './receipt-notifications/receipt-notifications.service';
import { ReportsController } from './reports/reports.controller';
import { SelfServiceController } from './self-service/self-service.controller';
import { SelfServiceService } from './self-service/self-service.service';
import { ReportsService } from './reports/reports.service';
import { WorkloadController } from './queues/workload.controller';

export const CONSUMER_GROUP = 'complaint-reviews';

@Module({})
export class AppModule {
  static forRoot(env: ComplaintReviewsEnv): DynamicModule {
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
        ApplicationsController,
        RecommendationsController,
        CaseFileController,
        ReceiptNotificationsController,
        SelfServiceController,
        WorkloadController,
        ReportsController,
        ParkedMessagesController,
        ParkedOutboxController,
        ClockStarterConsumer,
        CaseFileConsumer,
        NotificationDispatchedConsumer,
      ],
      providers: [
        ApplicationsService,
        CaseActionsService,
        CaseFileService,
        ReceiptNotificationsService,
        SelfServiceService,
        QueuesService,
        ReportsService,
        ClocksService,
        ReviewClockStarter,
        TemporalWorkerRunner,
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
