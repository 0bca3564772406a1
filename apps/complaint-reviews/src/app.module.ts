import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@oversight/nest-platform';
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
import { PrismaService } from './infrastructure/prisma.service';
import { NotificationDispatchedConsumer } from './letters/notification-dispatched.consumer';
import { QueuesService } from './queues/queues.service';
import { WorkloadController } from './queues/workload.controller';
import { ReceiptNotificationsController } from './receipt-notifications/receipt-notifications.controller';
import { ReceiptNotificationsService } from './receipt-notifications/receipt-notifications.service';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { SelfServiceController } from './self-service/self-service.controller';
import { SelfServiceService } from './self-service/self-service.service';

export const CONSUMER_GROUP = 'complaint-reviews';

@Module({})
export class AppModule {
  static forRoot(env: ComplaintReviewsEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceModule.forService({
          name: 'complaint-reviews',
          env: { provide: ComplaintReviewsEnv, useValue: env },
          database: PrismaService,
          consumer: { groupId: CONSUMER_GROUP },
          outbox: true,
          temporal: true,
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
      ],
    };
  }
}
