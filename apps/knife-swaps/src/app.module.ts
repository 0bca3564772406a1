import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@oversight/nest-platform';
import { KnifeSwapsEnv } from './config/knife-swaps.env';
import { CustodyController } from './custody/custody.controller';
import { CustodyService } from './custody/custody.service';
import { SwapStarterConsumer } from './custody/swap-starter.consumer';
import { PrismaService } from './infrastructure/prisma.service';
import { LinkedRecordsConsumer } from './links/linked-records.consumer';
import { MatchExistingHouseholdsOnStart } from './referrals/households/match-existing-households';
import { ReferralsController } from './referrals/referrals.controller';
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
        ServiceModule.forService({
          name: 'knife-swaps',
          env: { provide: KnifeSwapsEnv, useValue: env },
          database: PrismaService,
          consumer: { groupId: CONSUMER_GROUP, partitionsConsumedConcurrently: 3 },
          outbox: true,
          temporal: true,
        }),
      ],
      controllers: [
        ReferralsController,
        StoresController,
        CustodyController,
        TasksController,
        ReportsController,
        SwapStarterConsumer,
        LinkedRecordsConsumer,
      ],
      providers: [
        ReferralsService,
        MatchExistingHouseholdsOnStart,
        StoresService,
        CustodyService,
        TemporalWorkerRunner,
      ],
    };
  }
}
