import { CommonEnv } from './common-env';
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
