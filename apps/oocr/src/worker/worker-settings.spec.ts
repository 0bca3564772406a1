import { InvalidConfigurationError, loadConfig } from '@oversight/config';
import { workerConcurrency, workerShutdown } from '@oversight/temporal';
import { OocrEnv } from '../config/oocr.env';

const base = {
  DATABASE_URL: 'postgresql://u:pw@127.0.0.1:5432/oocr',
  PORT: '3103',
  AUTH_JWKS_URL: 'http://127.0.0.1:3000/auth/jwks.json',
  AUTH_ISSUER: 'http://127.0.0.1:3000/auth',
};

/** What ServiceTemporalWorker gives Worker.create from the settings (@oversight/nest-platform). */
const workerOptions = (env: OocrEnv) => ({ ...workerConcurrency(env), ...workerShutdown(env) });

describe('oocr Temporal worker: the shared TEMPORAL_WORKER_* settings', () => {
  it('is explicit by default: a cache of 500 (oocr raises the shared 200), concurrency within the database pool', () => {
    expect(workerOptions(loadConfig(OocrEnv, base))).toEqual({
      maxCachedWorkflows: 500,
      maxConcurrentWorkflowTaskExecutions: 10,
      maxConcurrentActivityTaskExecutions: 10,
      shutdownGraceTime: 10_000,
      shutdownForceTime: 20_000,
    });
  });

  it('takes each setting from the environment', () => {
    const env = loadConfig(OocrEnv, {
      ...base,
      TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS: '250',
      TEMPORAL_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '20',
      TEMPORAL_WORKER_MAX_CONCURRENT_ACTIVITIES: '4',
      TEMPORAL_WORKER_SHUTDOWN_GRACE_SECONDS: '30',
    });
    expect(workerOptions(env)).toEqual({
      maxCachedWorkflows: 250,
      maxConcurrentWorkflowTaskExecutions: 20,
      maxConcurrentActivityTaskExecutions: 4,
      shutdownGraceTime: 30_000,
      shutdownForceTime: 40_000,
    });
  });

  it('allows the cache to be switched off (every task replays), whatever the task concurrency', () => {
    const env = loadConfig(OocrEnv, {
      ...base,
      TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS: '0',
      TEMPORAL_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '40',
    });
    expect(workerOptions(env).maxCachedWorkflows).toBe(0);
    expect(workerOptions(env).maxConcurrentWorkflowTaskExecutions).toBe(40);
  });

  it.each([
    [
      'a cache bound that is not a number',
      { TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS: 'lots' },
      /TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS/,
    ],
    [
      'a negative cache bound',
      { TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS: '-1' },
      /TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS/,
    ],
    [
      'fewer than 2 workflow tasks',
      { TEMPORAL_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '1' },
      /TEMPORAL_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS/,
    ],
    [
      'more workflow tasks than cached workflows',
      { TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS: '8', TEMPORAL_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '10' },
      /TEMPORAL_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS must not exceed TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS/,
    ],
    [
      'an unbounded shutdown grace',
      { TEMPORAL_WORKER_SHUTDOWN_GRACE_SECONDS: '3600' },
      /TEMPORAL_WORKER_SHUTDOWN_GRACE_SECONDS/,
    ],
    [
      'no activities at all',
      { TEMPORAL_WORKER_MAX_CONCURRENT_ACTIVITIES: '0' },
      /TEMPORAL_WORKER_MAX_CONCURRENT_ACTIVITIES/,
    ],
    [
      'an old OOCR_WORKER_* name (renamed: its value would be silently ignored)',
      { OOCR_WORKER_MAX_CACHED_WORKFLOWS: '250' },
      /OOCR_WORKER_MAX_CACHED_WORKFLOWS was renamed TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS/,
    ],
    [
      'the old shutdown grace name',
      { OOCR_WORKER_SHUTDOWN_GRACE_SECONDS: '30' },
      /OOCR_WORKER_SHUTDOWN_GRACE_SECONDS was renamed TEMPORAL_WORKER_SHUTDOWN_GRACE_SECONDS/,
    ],
  ])('refuses to boot with %s', (_name, override, message) => {
    expect(() => loadConfig(OocrEnv, { ...base, ...override })).toThrow(InvalidConfigurationError);
    expect(() => loadConfig(OocrEnv, { ...base, ...override })).toThrow(message);
  });
});
