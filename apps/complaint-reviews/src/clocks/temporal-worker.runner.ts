import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger } from '@oversight/observability';
import { connectTemporalWorker, workerConcurrency, workerVersioningOptions } from '@oversight/temporal';
import { NativeConnection, Worker } from '@temporalio/worker';
import { ComplaintReviewsEnv } from '../config/complaint-reviews.env';
import { PrismaService } from '../infrastructure/prisma.service';
import { createCompletionClockActivities } from './completion-clock.activities';
import { createReviewClockActivities } from './review-clock.activities';

/** Runs this service's Temporal worker beside its HTTP server; stops it cleanly on shutdown. */
@Injectable()
export class TemporalWorkerRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = createLogger('TemporalWorkerRunner');
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  constructor(
    private readonly env: ComplaintReviewsEnv,
    private readonly prisma: PrismaService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.RUN_BACKGROUND_WORK !== 'true') return;
    this.connection = await connectTemporalWorker({
      address: this.env.TEMPORAL_ADDRESS,
      namespace: this.env.TEMPORAL_NAMESPACE,
    });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.env.TEMPORAL_NAMESPACE,
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      workflowsPath: require.resolve('../workflows'),
      ...workerVersioningOptions(this.env, 'complaint-reviews'), // Worker Deployment Versioning (TEMPORAL_WORKER_*)
      activities: {
        ...createReviewClockActivities(this.prisma, this.env),
        ...createCompletionClockActivities(this.prisma),
      },
      ...workerConcurrency(this.env), // cache and concurrency (TEMPORAL_WORKER_MAX_*)
    });
    this.running = this.worker.run().catch((err) => {
      this.log.error({ err: (err as Error).message }, 'temporal worker stopped with an error');
      throw err;
    });
    this.log.info({ taskQueue: this.env.TEMPORAL_TASK_QUEUE }, 'temporal worker running');
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.worker) return;
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}
