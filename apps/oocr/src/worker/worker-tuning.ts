import type { WorkerOptions } from '@temporalio/worker';
import type { OocrEnv } from '../config/oocr.env';

export type WorkerTuning = Required<
  Pick<
    WorkerOptions,
    'maxCachedWorkflows' | 'maxConcurrentWorkflowTaskExecutions' | 'maxConcurrentActivityTaskExecutions'
  >
>;

type TuningEnv = Pick<
  OocrEnv,
  | 'OOCR_WORKER_MAX_CACHED_WORKFLOWS'
  | 'OOCR_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS'
  | 'OOCR_WORKER_MAX_CONCURRENT_ACTIVITIES'
>;

/**
 * The worker's cache and concurrency, from the validated environment. Always explicit: the SDK's defaults size
 * the cache from the heap limit (thousands of sleeping cautions held in memory) and allow 100 activities at once
 * against a database pool of 10.
 */
export function workerTuning(env: TuningEnv): WorkerTuning {
  return {
    maxCachedWorkflows: env.OOCR_WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: env.OOCR_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: env.OOCR_WORKER_MAX_CONCURRENT_ACTIVITIES,
  };
}
