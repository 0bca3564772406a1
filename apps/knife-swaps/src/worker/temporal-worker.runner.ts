import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { createLogger } from '@oversight/observability';
import { connectTemporalWorker, workerConcurrency, workerVersioningOptions } from '@oversight/temporal';
import { NativeConnection, Worker } from '@temporalio/worker';
import { KnifeSwapsEnv } from '../config/knife-swaps.env';
import { createSwapActivities } from '../custody/swap.activities';
import { PrismaService } from '../infrastructure/prisma.service';

/**
 * Runs this service's Temporal worker (task queue `knife-swaps`) beside its HTTP server. Stops in onModuleDestroy,
 * before the global ServiceModule closes the database pool (the reason is in apps/oocr's runner).
 */
@Injectable()
export class TemporalWorkerRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = createLogger('TemporalWorkerRunner');
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  constructor(
    private readonly env: KnifeSwapsEnv,
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
      ...workerVersioningOptions(this.env, 'knife-swaps'), // Worker Deployment Versioning (TEMPORAL_WORKER_*)
      activities: createSwapActivities(this.prisma, { contactDetails: this.env.SKRS_CONTACT_DETAILS }),
      ...workerConcurrency(this.env), // cache and concurrency (TEMPORAL_WORKER_MAX_*)
      shutdownGraceTime: '10 seconds',
      shutdownForceTime: '20 seconds',
    });
    this.running = this.worker.run().catch((err) => {
      this.log.error({ err: (err as Error).message }, 'temporal worker stopped with an error');
      throw err;
    });
    this.log.info({ taskQueue: this.env.TEMPORAL_TASK_QUEUE }, 'temporal worker running');
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.worker) return;
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}
