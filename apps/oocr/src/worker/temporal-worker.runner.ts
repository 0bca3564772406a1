import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { createLogger, metricsRegistry } from '@oversight/observability';
import { connectTemporalWorker, workerVersioningOptions } from '@oversight/temporal';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Gauge } from 'prom-client';
import { createCautionActivities } from '../cautions/caution.activities';
import { OocrEnv } from '../config/oocr.env';
import { PrismaService } from '../infrastructure/prisma.service';
import { createReferralActivities } from '../reviews/referral.activities';
import { workerTuning } from './worker-tuning';

/** The worker status read by the gauges below (null while no worker runs in this process). */
let current: Worker | undefined;

const gauge = (name: string, help: string, read: (w: Worker) => number) =>
  new Gauge({
    name,
    help,
    registers: [metricsRegistry],
    collect() {
      this.set(current ? read(current) : 0);
    },
  });

gauge(
  'oocr_temporal_worker_cached_workflows',
  'Workflows held in the worker cache (bounded by OOCR_WORKER_MAX_CACHED_WORKFLOWS)',
  (w) => w.getStatus().numCachedWorkflows,
);
gauge(
  'oocr_temporal_worker_workflow_activations_in_flight',
  'Workflow activations being processed',
  (w) => w.getStatus().numInFlightWorkflowActivations,
);
gauge(
  'oocr_temporal_worker_activities_in_flight',
  'Activities being executed',
  (w) => w.getStatus().numInFlightActivities,
);
const settings = new Gauge({
  name: 'oocr_temporal_worker_setting',
  help: 'The worker tuning in effect (OOCR_WORKER_*)',
  labelNames: ['setting'],
  registers: [metricsRegistry],
});

/**
 * Runs this service's Temporal worker (caution and referral workflows) beside its HTTP server.
 *
 * It stops in onModuleDestroy, not onApplicationShutdown: Nest destroys this module before the global
 * ServiceModule (@oversight/nest-platform), so the worker drains while the database pool is still open. Stopped after it (as before),
 * in-flight activities failed on a closed pool and, under load, the drain never finished and the process hung on
 * SIGTERM (seen for minutes during a 10,000-caution run). The drain is bounded by OOCR_WORKER_SHUTDOWN_GRACE_SECONDS.
 */
@Injectable()
export class TemporalWorkerRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = createLogger('TemporalWorkerRunner');
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  constructor(
    private readonly env: OocrEnv,
    private readonly prisma: PrismaService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.RUN_BACKGROUND_WORK !== 'true') return;
    const tuning = workerTuning(this.env);
    this.connection = await connectTemporalWorker({
      address: this.env.TEMPORAL_ADDRESS,
      namespace: this.env.TEMPORAL_NAMESPACE,
    });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.env.TEMPORAL_NAMESPACE,
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      workflowsPath: require.resolve('../workflows'),
      ...workerVersioningOptions(this.env, 'oocr'), // Worker Deployment Versioning (TEMPORAL_WORKER_*)
      activities: {
        ...createCautionActivities(this.prisma, { contactDetails: this.env.OOCR_CONTACT_DETAILS }),
        ...createReferralActivities(this.prisma),
      },
      ...tuning,
    });
    current = this.worker;
    for (const [setting, value] of Object.entries(tuning)) settings.set({ setting }, value);
    this.running = this.worker.run().catch((err) => {
      this.log.error({ err: (err as Error).message }, 'temporal worker stopped with an error');
      throw err;
    });
    this.log.info({ taskQueue: this.env.TEMPORAL_TASK_QUEUE, ...tuning }, 'temporal worker running');
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.worker) return;
    const t0 = Date.now();
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined); // past shutdownForceTime run() rejects: stop waiting anyway
    await this.connection?.close();
    if (current === this.worker) current = undefined;
    this.log.info({ ms: Date.now() - t0 }, 'temporal worker stopped');
  }
}
