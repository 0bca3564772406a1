import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@oversight/nest-platform';
import { ScheduledSweepsRunner } from './common/scheduled-sweeps.runner';
import { TagSettings } from './config/tag-settings';
import { TagReferralsEnv } from './config/tag-referrals.env';
import { DeviceEventConsumer } from './devices/device-event.consumer';
import { EpisodeStarterConsumer } from './episodes/episode-starter.consumer';
import { PrismaService } from './infrastructure/prisma.service';
import { LocationRetentionController, LocationsController } from './locations/locations.controller';
import { OutcomesController } from './outcomes/outcomes.controller';
import { RecordOutcome } from './outcomes/record-outcome';
import { PoolsController } from './pools/pools.controller';
import { PoolsService } from './pools/pools.service';
import { ReferralsController } from './referrals/referrals.controller';
import { ReferralsService } from './referrals/referrals.service';
import { BoardReport } from './reports/board-report';
import { ReportsController } from './reports/reports.controller';
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
        ServiceModule.forService({
          name: 'tag-referrals',
          env: { provide: TagReferralsEnv, useValue: env },
          database: PrismaService,
          consumer: { groupId: CONSUMER_GROUP, partitionsConsumedConcurrently: 3 },
          outbox: true,
          temporal: true,
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
        EpisodeStarterConsumer,
        DeviceEventConsumer,
      ],
      providers: [
        { provide: TagSettings, useFactory: () => TagSettings.fromEnv(env) },
        ReferralsService,
        RecordOutcome,
        BoardReport,
        PoolsService,
        TemporalWorkerRunner,
        ScheduledSweepsRunner,
      ],
    };
  }
}
