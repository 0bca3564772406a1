import { Injectable } from '@nestjs/common';
import { ServiceTemporalWorker, ServiceWorkerSpec } from '@oversight/nest-platform';
import { metricsRegistry } from '@oversight/observability';
import type { Worker } from '@temporalio/worker';
import { Gauge } from 'prom-client';
import { createCautionActivities } from '../cautions/caution.activities';
import { OocrEnv } from '../config/oocr.env';
import { PrismaService } from '../infrastructure/prisma.service';
import { createReferralActivities } from '../reviews/referral.activities';

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
  'Workflows held in the worker cache (bounded by TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS)',
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
  help: 'The worker tuning in effect (TEMPORAL_WORKER_*)',
  labelNames: ['setting'],
  registers: [metricsRegistry],
});

/**
 * This service's Temporal worker: the caution and referral workflows, sized by the shared TEMPORAL_WORKER_* settings
 * (OocrEnv raises the cache's default to 500), with gauges of its cache and work in flight.
 */
@Injectable()
export class TemporalWorkerRunner extends ServiceTemporalWorker {
  constructor(
    private readonly oocrEnv: OocrEnv,
    private readonly prisma: PrismaService,
  ) {
    super(oocrEnv);
  }

  protected spec(): ServiceWorkerSpec {
    return {
      service: 'oocr',
      workflowsPath: require.resolve('../workflows'),
      activities: {
        ...createCautionActivities(this.prisma, { contactDetails: this.oocrEnv.OOCR_CONTACT_DETAILS }),
        ...createReferralActivities(this.prisma),
      },
    };
  }

  protected override started(worker: Worker, options: Record<string, unknown>): void {
    current = worker;
    for (const [setting, value] of Object.entries(options))
      if (typeof value === 'number') settings.set({ setting }, value);
  }

  protected override stopped(worker: Worker): void {
    if (current === worker) current = undefined;
  }
}
