import { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { TemporalServiceEnv } from '@oversight/config';
import { createLogger } from '@oversight/observability';
import {
  connectTemporalWorker,
  temporalSettingsFromEnv,
  workerConcurrency,
  workerShutdown,
  workerVersioningOptions,
} from '@oversight/temporal';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';

/** What a service's worker runs: its workflows, its activities, and any tuning of its own. */
export interface ServiceWorkerSpec {
  /** The service's name (its default worker deployment name, oversight-<service>). */
  service: string;
  /** `require.resolve('../workflows')` from the service's own runner. */
  workflowsPath: string;
  activities: object;
  /**
   * Options over the shared settings (TEMPORAL_WORKER_MAX_* cache and concurrency; TEMPORAL_WORKER_SHUTDOWN_GRACE_SECONDS
   * for in-flight activities on shutdown, and 10 s more before the drain is abandoned). Every service sizes its
   * worker with those settings; a service changes a default in its own env class (OocrEnv's cache of 500).
   */
  options?: Partial<
    Pick<
      WorkerOptions,
      | 'maxCachedWorkflows'
      | 'maxConcurrentWorkflowTaskExecutions'
      | 'maxConcurrentActivityTaskExecutions'
      | 'shutdownGraceTime'
      | 'shutdownForceTime'
    >
  >;
}

/**
 * A service's Temporal worker, run in the process that does its background work (RUN_BACKGROUND_WORK=true).
 * Each service's runner extends this and says what it runs (`spec`); one lifecycle for all of them:
 *
 * - It stops in onModuleDestroy, not onApplicationShutdown: Nest destroys the service's module before the
 *   global ServiceModule, so the worker drains while the database pool is still open. Stopped after it,
 *   in-flight activities failed on a closed pool and, under load, the drain never finished and the process
 *   hung on SIGTERM (seen in a 10,000-caution run).
 * - The drain is bounded (shutdownForceTime): past it run() rejects and the process exits anyway; the
 *   server retries those activities.
 */
export abstract class ServiceTemporalWorker implements OnApplicationBootstrap, OnModuleDestroy {
  protected readonly log = createLogger('TemporalWorkerRunner');
  protected worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  protected constructor(protected readonly env: TemporalServiceEnv) {}

  /** What this service's worker runs. */
  protected abstract spec(): ServiceWorkerSpec;

  /** Called once the worker runs, with the options it was given (e.g. to publish them as metrics). */
  protected started(_worker: Worker, _options: Record<string, unknown>): void {}

  /** Called after the worker stopped. */
  protected stopped(_worker: Worker): void {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.RUN_BACKGROUND_WORK !== 'true') return;
    const spec = this.spec();
    const options: NonNullable<ServiceWorkerSpec['options']> = {
      ...workerConcurrency(this.env),
      ...workerShutdown(this.env),
      ...spec.options,
    };
    // Secured as the service's client is (TEMPORAL_TLS*, TEMPORAL_API_KEY_FILE): @oversight/temporal.
    this.connection = await connectTemporalWorker(temporalSettingsFromEnv(this.env));
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.env.TEMPORAL_NAMESPACE,
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      workflowsPath: spec.workflowsPath,
      ...workerVersioningOptions(this.env, spec.service), // Worker Deployment Versioning (TEMPORAL_WORKER_*)
      activities: spec.activities,
      ...options,
    });
    this.running = this.worker.run().catch((err) => {
      this.log.error({ err: (err as Error).message }, 'temporal worker stopped with an error');
      throw err;
    });
    this.started(this.worker, options);
    this.log.info({ taskQueue: this.env.TEMPORAL_TASK_QUEUE, ...options }, 'temporal worker running');
  }

  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const t0 = Date.now();
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await this.running?.catch(() => undefined); // past shutdownForceTime run() rejects: stop waiting anyway
    await this.connection?.close();
    this.stopped(worker);
    this.log.info({ ms: Date.now() - t0 }, 'temporal worker stopped');
  }
}
