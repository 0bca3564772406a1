import { Injectable } from '@nestjs/common';
import { ServiceTemporalWorker, ServiceWorkerSpec } from '@oversight/nest-platform';
import { ComplaintReviewsEnv } from '../config/complaint-reviews.env';
import { PrismaService } from '../infrastructure/prisma.service';
import { createCompletionClockActivities } from './completion-clock.activities';
import { createReviewClockActivities } from './review-clock.activities';

/** This service's Temporal worker: the review and completion clocks. */
@Injectable()
export class TemporalWorkerRunner extends ServiceTemporalWorker {
  constructor(
    private readonly reviewsEnv: ComplaintReviewsEnv,
    private readonly prisma: PrismaService,
  ) {
    super(reviewsEnv);
  }

  protected spec(): ServiceWorkerSpec {
    return {
      service: 'complaint-reviews',
      workflowsPath: require.resolve('../workflows'),
      activities: {
        ...createReviewClockActivities(this.prisma, this.reviewsEnv),
        ...createCompletionClockActivities(this.prisma),
      },
    };
  }
}
