import { Injectable } from '@nestjs/common';
import { ServiceTemporalWorker, ServiceWorkerSpec } from '@oversight/nest-platform';
import { TagReferralsEnv } from '../config/tag-referrals.env';
import { createEpisodeActivities } from '../episodes/episode.activities';
import { PrismaService } from '../infrastructure/prisma.service';

/** This service's Temporal worker: the tag episode workflows (they sleep for a day between tasks). */
@Injectable()
export class TemporalWorkerRunner extends ServiceTemporalWorker {
  constructor(
    env: TagReferralsEnv,
    private readonly prisma: PrismaService,
  ) {
    super(env);
  }

  protected spec(): ServiceWorkerSpec {
    return {
      service: 'tag-referrals',
      workflowsPath: require.resolve('../workflows'),
      activities: createEpisodeActivities(this.prisma),
    };
  }
}
