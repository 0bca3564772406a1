import type { WorkerOptions } from '@temporalio/worker';

/** The settings of TemporalServiceEnv (@oversight/config) that size a service's worker. */
export interface WorkerConcurrencySettings {
  TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS: number;
  TEMPORAL_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: number;
  TEMPORAL_WORKER_MAX_CONCURRENT_ACTIVITIES: number;
}

export type WorkerConcurrency = Required<
  Pick<
    WorkerOptions,
    'maxCachedWorkflows' | 'maxConcurrentWorkflowTaskExecutions' | 'maxConcurrentActivityTaskExecutions'
  >
>;

/**
 * A worker's cache and concurrency, always explicit: the SDK's defaults size the cache from the heap limit
 * and run 100 activities at once against a pool of ten. With the cache on, more workflow tasks at once than
 * cached workflows is refused at start (the SDK would refuse it less clearly).
 */
export function workerConcurrency(env: WorkerConcurrencySettings): WorkerConcurrency {
  const cached = env.TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS;
  const tasks = env.TEMPORAL_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS;
  if (cached > 0 && tasks > cached)
    throw new Error(
      `TEMPORAL_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS (${tasks}) must not exceed TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS (${cached}) unless the cache is off (0)`,
    );
  return {
    maxCachedWorkflows: cached,
    maxConcurrentWorkflowTaskExecutions: tasks,
    maxConcurrentActivityTaskExecutions: env.TEMPORAL_WORKER_MAX_CONCURRENT_ACTIVITIES,
  };
}

/** The setting of TemporalServiceEnv that bounds a worker's drain on shutdown. */
export interface WorkerShutdownSettings {
  TEMPORAL_WORKER_SHUTDOWN_GRACE_SECONDS: number;
}

export type WorkerShutdown = Required<Pick<WorkerOptions, 'shutdownGraceTime' | 'shutdownForceTime'>>;

/**
 * A bounded drain (the SDK's has no limit): in-flight activities get TEMPORAL_WORKER_SHUTDOWN_GRACE_SECONDS to
 * finish before they are cancelled, and cancelled activities 10 s more to return; past that run() rejects and the
 * process exits anyway (the server retries those activities). Milliseconds, as the SDK takes them.
 */
export function workerShutdown(env: WorkerShutdownSettings): WorkerShutdown {
  const grace = env.TEMPORAL_WORKER_SHUTDOWN_GRACE_SECONDS * 1000;
  return { shutdownGraceTime: grace, shutdownForceTime: grace + 10_000 };
}
