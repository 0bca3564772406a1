import { InvalidConfigurationError, loadConfig } from '@oversight/config';
import { OocrEnv } from '../config/oocr.env';
import { workerTuning } from './worker-tuning';

const base = {
  DATABASE_URL: 'postgresql://u:pw@127.0.0.1:5432/oocr',
  PORT: '3103',
  AUTH_JWKS_URL: 'http://127.0.0.1:3000/auth/jwks.json',
  AUTH_ISSUER: 'http://127.0.0.1:3000/auth',
};

describe('Temporal worker tuning (OOCR_WORKER_*)', () => {
  it('is explicit by default: a bounded cache, and concurrency within the database pool', () => {
    expect(workerTuning(loadConfig(OocrEnv, base))).toEqual({
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
      OOCR_WORKER_MAX_CACHED_WORKFLOWS: '250',
      OOCR_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '20',
      OOCR_WORKER_MAX_CONCURRENT_ACTIVITIES: '4',
      OOCR_WORKER_SHUTDOWN_GRACE_SECONDS: '30',
    });
    expect(workerTuning(env)).toEqual({
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
      OOCR_WORKER_MAX_CACHED_WORKFLOWS: '0',
      OOCR_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '40',
    });
    expect(workerTuning(env).maxCachedWorkflows).toBe(0);
    expect(workerTuning(env).maxConcurrentWorkflowTaskExecutions).toBe(40);
  });

  it.each([
    [
      'a cache bound that is not a number',
      { OOCR_WORKER_MAX_CACHED_WORKFLOWS: 'lots' },
      /OOCR_WORKER_MAX_CACHED_WORKFLOWS/,
    ],
    [
      'a negative cache bound',
      { OOCR_WORKER_MAX_CACHED_WORKFLOWS: '-1' },
      /OOCR_WORKER_MAX_CACHED_WORKFLOWS/,
    ],
    [
      'fewer than 2 workflow tasks',
      { OOCR_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '1' },
      /OOCR_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS/,
    ],
    [
      'more workflow tasks than cached workflows',
      { OOCR_WORKER_MAX_CACHED_WORKFLOWS: '8', OOCR_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '10' },
      /OOCR_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS must not exceed OOCR_WORKER_MAX_CACHED_WORKFLOWS/,
    ],
    [
      'an unbounded shutdown grace',
      { OOCR_WORKER_SHUTDOWN_GRACE_SECONDS: '3600' },
      /OOCR_WORKER_SHUTDOWN_GRACE_SECONDS/,
    ],
    [
      'no activities at all',
      { OOCR_WORKER_MAX_CONCURRENT_ACTIVITIES: '0' },
      /OOCR_WORKER_MAX_CONCURRENT_ACTIVITIES/,
    ],
  ])('refuses to boot with %s', (_name, override, message) => {
    expect(() => loadConfig(OocrEnv, { ...base, ...override })).toThrow(InvalidConfigurationError);
    expect(() => loadConfig(OocrEnv, { ...base, ...override })).toThrow(message);
  });
});
