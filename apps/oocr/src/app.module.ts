import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@oversight/nest-platform';
import { CautionStarterConsumer } from './cautions/caution-starter.consumer';
import { CautionsController } from './cautions/cautions.controller';
import { CautionsService } from './cautions/cautions.service';
import { OocrSettings } from './config/oocr-settings';
import { OocrEnv } from './config/oocr.env';
import { DisposalsController } from './disposals/disposals.controller';
import { DisposalsService } from './disposals/disposals.service';
import { SpecialCategoryService } from './disposals/special-category.service';
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
        ServiceModule.forService({
          name: 'oocr',
          env: { provide: OocrEnv, useValue: env },
          database: PrismaService,
          consumer: { groupId: CONSUMER_GROUP, partitionsConsumedConcurrently: 3 },
          outbox: true,
          temporal: true,
        }),
      ],
      controllers: [
        DisposalsController,
        ReviewsController,
        CautionsController,
        TasksController,
        ReportsController,
        FieldAppConsumer,
        CautionStarterConsumer,
        ReferralStarterConsumer,
      ],
      providers: [
        { provide: OocrSettings, useFactory: () => OocrSettings.fromEnv(env) },
        DisposalsService,
        SpecialCategoryService,
        ReviewsService,
        CautionsService,
        ReportsService,
        TemporalWorkerRunner,
      ],
    };
  }
}
