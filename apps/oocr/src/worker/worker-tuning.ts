import type { WorkerOptions } from '@temporalio/worker';
import type { OocrEnv } from '../config/oocr.env';

export interface WorkerTuning
  extends Required<
    Pick<
      WorkerOptions,
      'maxCachedWorkflows' | 'maxConcurrentWorkflowTaskExecutions' | 'maxConcurrentActivityTaskExecutions'
    >
  > {
  /** Milliseconds in-flight activities get to finish on shutdown before they are cancelled. */
  shutdownGraceTime: number;
  /** Milliseconds after which the drain is abandoned (run() rejects) so that the process can exit. */
  shutdownForceTime: number;
}

type TuningEnv = Pick<
  OocrEnv,
  | 'OOCR_WORKER_MAX_CACHED_WORKFLOWS'
  | 'OOCR_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS'
  | 'OOCR_WORKER_MAX_CONCURRENT_ACTIVITIES'
  | 'OOCR_WORKER_SHUTDOWN_GRACE_SECONDS'
>;

/**
 * The worker's cache and concurrency, from the validated environment. Always explicit: the SDK's defaults size
 * the cache from the heap limit (thousands of sleeping cautions held in memory) and allow 100 activities at once
 * against a database pool of 10. Shutdown is bounded: the SDK's default drain has no limit.
 */
export function workerTuning(env: TuningEnv): WorkerTuning {
  return {
    maxCachedWorkflows: env.OOCR_WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: env.OOCR_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: env.OOCR_WORKER_MAX_CONCURRENT_ACTIVITIES,
    shutdownGraceTime: env.OOCR_WORKER_SHUTDOWN_GRACE_SECONDS * 1000,
    // Cancelled activities still need a moment to return; past this the process exits anyway.
    shutdownForceTime: (env.OOCR_WORKER_SHUTDOWN_GRACE_SECONDS + 10) * 1000,
  };
}
