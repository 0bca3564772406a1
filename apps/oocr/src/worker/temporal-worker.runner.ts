import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger, metricsRegistry } from '@oversight/observability';
import { connectTemporalWorker } from '@oversight/temporal';
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

/** Runs this service's Temporal worker (caution and referral workflows) beside its HTTP server. */
@Injectable()
export class TemporalWorkerRunner implements OnApplicationBootstrap, OnApplicationShutdown {
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

  async onApplicationShutdown(): Promise<void> {
    if (!this.worker) return;
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
    if (current === this.worker) current = undefined;
  }
}
