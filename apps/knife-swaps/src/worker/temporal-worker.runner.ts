import { Injectable } from '@nestjs/common';
import { ServiceTemporalWorker, ServiceWorkerSpec } from '@oversight/nest-platform';
import { KnifeSwapsEnv } from '../config/knife-swaps.env';
import { createSwapActivities } from '../custody/swap.activities';
import { PrismaService } from '../infrastructure/prisma.service';

/** This service's Temporal worker (task queue `knife-swaps`): the swap workflows and their activities. */
@Injectable()
export class TemporalWorkerRunner extends ServiceTemporalWorker {
  constructor(
    private readonly knifeSwapsEnv: KnifeSwapsEnv,
    private readonly prisma: PrismaService,
  ) {
    super(knifeSwapsEnv);
  }

  protected spec(): ServiceWorkerSpec {
    return {
      service: 'knife-swaps',
      workflowsPath: require.resolve('../workflows'),
      activities: createSwapActivities(this.prisma, {
        contactDetails: this.knifeSwapsEnv.SKRS_CONTACT_DETAILS,
      }),
    };
  }
}
