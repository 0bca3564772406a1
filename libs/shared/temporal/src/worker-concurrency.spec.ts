import { workerConcurrency } from './worker-concurrency';

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
