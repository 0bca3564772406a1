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
import { CautionStarterConsumer } from './cautions/caution-starter.consumer';
import { CautionsController } from './cautions/cautions.controller';
import { CautionsService } from './cautions/cautions.service';
import { OocrEnv } from './config/oocr.env';
import { DisposalsController } from './disposals/disposals.controller';
import { DisposalsService } from './disposals/disposals.service';
import { SpecialCategoryService } from './disposals/special-category.service';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { PrismaService } from './infrastructure/prisma.service';
import { FieldAppConsumer } from './ingestion/field-app.consumer';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { ReferralStarterConsumer } from './reviews/referral-starter.consumer';
import { ReviewsController } from './reviews/reviews.controller';
import { ReviewsService } from './reviews/reviews.service';
import { TasksController } from './tasks/tasks.controller';
import { TemporalWorkerRunner } from './worker/temporal-worker.runner';

export const CONSUMER_GROUP = 'oocr';

@Module({})
export class AppModule {
  static forRoot(env: OocrEnv): DynamicModule {
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
        DisposalsController,
        ReviewsController,
        CautionsController,
        TasksController,
        ReportsController,
        ParkedMessagesController,
        ParkedOutboxController,
        FieldAppConsumer,
        CautionStarterConsumer,
        ReferralStarterConsumer,
      ],
      providers: [
        DisposalsService,
        SpecialCategoryService,
        ReviewsService,
        CautionsService,
        ReportsService,
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
