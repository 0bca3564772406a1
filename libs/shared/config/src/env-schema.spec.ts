import { CommonEnv, TemporalServiceEnv } from './common-env';
import { InvalidConfigurationError, loadConfig } from './env-schema';

const good = {
  DATABASE_URL: 'postgresql://u:secret-pw@127.0.0.1:5432/db',
  PORT: '3101',
  AUTH_JWKS_URL: 'http://127.0.0.1:3000/auth/jwks.json',
  AUTH_ISSUER: 'http://127.0.0.1:3000/auth',
};

describe('loadConfig (typed environment, refuses to boot on bad values)', () => {
  it('converts and defaults a good environment', () => {
    const env = loadConfig(CommonEnv, good);
    expect(env.PORT).toBe(3101);
    expect(env.KAFKA_BROKERS).toBe('127.0.0.1:9092');
    expect(env.LOG_LEVEL).toBe('info');
    expect(env.DATABASE_POOL_SIZE).toBe(10);
  });

  it.each([
    ['missing DATABASE_URL', { DATABASE_URL: undefined }, /DATABASE_URL/],
    ['non-numeric PORT', { PORT: 'eighty' }, /PORT/],
    ['PORT out of range', { PORT: '70000' }, /PORT/],
    ['broker list malformed', { KAFKA_BROKERS: 'localhost' }, /KAFKA_BROKERS must be host:port/],
    ['unknown NODE_ENV', { NODE_ENV: 'staging-ish' }, /NODE_ENV/],
    ['a database pool of none', { DATABASE_POOL_SIZE: '0' }, /DATABASE_POOL_SIZE/],
    [
      'a database pool larger than PostgreSQL would allow',
      { DATABASE_POOL_SIZE: '500' },
      /DATABASE_POOL_SIZE/,
    ],
  ])('refuses %s', (_name, override, message) => {
    expect(() => loadConfig(CommonEnv, { ...good, ...override })).toThrow(InvalidConfigurationError);
    expect(() => loadConfig(CommonEnv, { ...good, ...override })).toThrow(message);
  });

  it('never echoes a value (which may be a secret) in its error', () => {
    try {
      loadConfig(CommonEnv, { ...good, DATABASE_URL: 'mysql://u:secret-pw@host/db' });
      throw new Error('should have failed');
    } catch (err) {
      expect((err as Error).message).toMatch(/DATABASE_URL/);
      expect((err as Error).message).not.toContain('secret-pw');
    }
  });
});

describe('TemporalServiceEnv: worker versioning settings', () => {
  const temporal = { ...good, TEMPORAL_TASK_QUEUE: 'oocr' };

  it('is off by default, AUTO_UPGRADE for workflows that declare nothing', () => {
    const env = loadConfig(TemporalServiceEnv, temporal);
    expect(env.TEMPORAL_WORKER_VERSIONING).toBe('off');
    expect(env.TEMPORAL_WORKER_DEFAULT_VERSIONING_BEHAVIOR).toBe('AUTO_UPGRADE');
    expect(env.TEMPORAL_WORKER_BUILD_ID).toBeUndefined();
  });

  it.each([
    [
      'a switch other than on/off',
      { TEMPORAL_WORKER_VERSIONING: 'true' },
      /TEMPORAL_WORKER_VERSIONING must be on or off/,
    ],
    [
      'an unknown default behaviour',
      { TEMPORAL_WORKER_DEFAULT_VERSIONING_BEHAVIOR: 'pinned' },
      /TEMPORAL_WORKER_DEFAULT_VERSIONING_BEHAVIOR must be AUTO_UPGRADE or PINNED/,
    ],
  ])('refuses %s at start', (_name, override, message) => {
    expect(() => loadConfig(TemporalServiceEnv, { ...temporal, ...override })).toThrow(message);
  });
});
