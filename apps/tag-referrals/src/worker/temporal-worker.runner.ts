import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { createLogger } from '@oversight/observability';
import { connectTemporalWorker, workerConcurrency, workerVersioningOptions } from '@oversight/temporal';
import { NativeConnection, Worker } from '@temporalio/worker';
import { TagReferralsEnv } from '../config/tag-referrals.env';
import { createEpisodeActivities } from '../episodes/episode.activities';
import { PrismaService } from '../infrastructure/prisma.service';

/**
 * Runs the episode workflows beside the HTTP server. Stops in onModuleDestroy (before the global infrastructure
 * module closes the database pool), as apps/oocr's runner does. Episodes sleep for a day between tasks, so the
 * cache is kept small.
 */
@Injectable()
export class TemporalWorkerRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = createLogger('TemporalWorkerRunner');
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  constructor(
    private readonly env: TagReferralsEnv,
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
      ...workerVersioningOptions(this.env, 'tag-referrals'), // Worker Deployment Versioning (TEMPORAL_WORKER_*)
      activities: createEpisodeActivities(this.prisma),
      ...workerConcurrency(this.env), // cache and concurrency (TEMPORAL_WORKER_MAX_*)
      shutdownGraceTime: '10 seconds',
    });
    this.running = this.worker.run().catch((err) => {
      this.log.error({ err: (err as Error).message }, 'temporal worker stopped with an error');
    });
    this.log.info({ taskQueue: this.env.TEMPORAL_TASK_QUEUE }, 'temporal worker running');
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.worker) return;
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.connection?.close();
  }
}
