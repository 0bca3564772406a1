import { workerConcurrency, workerShutdown } from './worker-concurrency';

const settings = (cached: number, tasks: number, activities = 10) => ({
  TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS: cached,
  TEMPORAL_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: tasks,
  TEMPORAL_WORKER_MAX_CONCURRENT_ACTIVITIES: activities,
});

describe('workerConcurrency: a bounded worker cache (a complaint-reviews worker ran out of memory without one)', () => {
  it.each([
    [
      'the defaults',
      settings(200, 10),
      {
        maxCachedWorkflows: 200,
        maxConcurrentWorkflowTaskExecutions: 10,
        maxConcurrentActivityTaskExecutions: 10,
      },
    ],
    [
      'tasks equal to the cache',
      settings(10, 10, 3),
      {
        maxCachedWorkflows: 10,
        maxConcurrentWorkflowTaskExecutions: 10,
        maxConcurrentActivityTaskExecutions: 3,
      },
    ],
    [
      'the cache off: any number of tasks',
      settings(0, 40),
      {
        maxCachedWorkflows: 0,
        maxConcurrentWorkflowTaskExecutions: 40,
        maxConcurrentActivityTaskExecutions: 10,
      },
    ],
  ])('%s', (_n, env, expected) => {
    expect(workerConcurrency(env)).toEqual(expected);
  });

  it('refuses more workflow tasks at once than cached workflows, naming both settings', () => {
    expect(() => workerConcurrency(settings(5, 6))).toThrow(
      /TEMPORAL_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS \(6\) must not exceed TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS \(5\)/,
    );
  });
});

describe('workerShutdown: a bounded drain (TEMPORAL_WORKER_SHUTDOWN_GRACE_SECONDS)', () => {
  it.each([
    ['the default, 10 s', 10, { shutdownGraceTime: 10_000, shutdownForceTime: 20_000 }],
    ['a longer grace', 30, { shutdownGraceTime: 30_000, shutdownForceTime: 40_000 }],
    [
      'no grace: activities cancelled at once, 10 s to return',
      0,
      { shutdownGraceTime: 0, shutdownForceTime: 10_000 },
    ],
  ])('%s', (_n, seconds, expected) => {
    expect(workerShutdown({ TEMPORAL_WORKER_SHUTDOWN_GRACE_SECONDS: seconds })).toEqual(expected);
  });
});
