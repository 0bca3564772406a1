import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('TemporalServiceEnv: connection security (TLS, mTLS, API key from a file)', () => {
  const temporal = { ...good, TEMPORAL_TASK_QUEUE: 'oocr' };
  let dir: string;
  const file = (name: string) => join(dir, name);
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'temporal-env-'));
    for (const name of ['client.crt', 'client.key', 'ca.crt', 'api-key'])
      writeFileSync(file(name), `${name}\n`);
    writeFileSync(file('unreadable'), 'x');
    chmodSync(file('unreadable'), 0o000);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is plain text by default, the API key re-read every minute once there is one', () => {
    const env = loadConfig(TemporalServiceEnv, temporal);
    expect(env.TEMPORAL_TLS).toBe('false');
    expect(env.TEMPORAL_TLS_CERT_FILE).toBeUndefined();
    expect(env.TEMPORAL_API_KEY_FILE).toBeUndefined();
    expect(env.TEMPORAL_API_KEY_RELOAD_SECONDS).toBe(60);
  });

  it.each([
    ['TLS with the system roots', () => ({ TEMPORAL_TLS: 'true' })],
    [
      'mTLS',
      () => ({ TEMPORAL_TLS_CERT_FILE: file('client.crt'), TEMPORAL_TLS_KEY_FILE: file('client.key') }),
    ],
    [
      'mTLS with a CA and a server name',
      () => ({
        TEMPORAL_TLS_CERT_FILE: file('client.crt'),
        TEMPORAL_TLS_KEY_FILE: file('client.key'),
        TEMPORAL_TLS_CA_FILE: file('ca.crt'),
        TEMPORAL_TLS_SERVER_NAME: 'temporal-frontend.temporal.svc',
      }),
    ],
    [
      'an API key file, never re-read',
      () => ({ TEMPORAL_API_KEY_FILE: file('api-key'), TEMPORAL_API_KEY_RELOAD_SECONDS: '0' }),
    ],
    [
      'TEMPORAL_API_KEY beside the file (the Worker Controller injects it): ignored',
      () => ({ TEMPORAL_API_KEY_FILE: file('api-key'), TEMPORAL_API_KEY: 'injected-by-the-controller' }),
    ],
  ])('accepts %s', (_name, override) => {
    expect(() => loadConfig(TemporalServiceEnv, { ...temporal, ...override() })).not.toThrow();
  });

  it.each<[string, () => Record<string, string>, RegExp]>([
    [
      'a certificate without its key',
      () => ({ TEMPORAL_TLS_CERT_FILE: file('client.crt') }),
      /TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE must be set together/,
    ],
    [
      'a key without its certificate',
      () => ({ TEMPORAL_TLS_KEY_FILE: file('client.key') }),
      /TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE must be set together/,
    ],
    [
      'a certificate file that does not exist',
      () => ({ TEMPORAL_TLS_CERT_FILE: file('nope.crt'), TEMPORAL_TLS_KEY_FILE: file('client.key') }),
      /TEMPORAL_TLS_CERT_FILE must name a readable file/,
    ],
    [
      'a CA file that does not exist',
      () => ({ TEMPORAL_TLS_CA_FILE: file('nope') }),
      /TEMPORAL_TLS_CA_FILE must name a readable file/,
    ],
    [
      'a directory as the CA file',
      () => ({ TEMPORAL_TLS_CA_FILE: dir }),
      /TEMPORAL_TLS_CA_FILE must name a readable file/,
    ],
    [
      'an API key file that does not exist',
      () => ({ TEMPORAL_API_KEY_FILE: file('nope') }),
      /TEMPORAL_API_KEY_FILE must name a readable file/,
    ],
    ...(process.getuid?.() === 0
      ? [] // root reads any file
      : [
          [
            'an API key file this process cannot read',
            () => ({ TEMPORAL_API_KEY_FILE: file('unreadable') }),
            /TEMPORAL_API_KEY_FILE must name a readable file/,
          ] as [string, () => Record<string, string>, RegExp],
        ]),
    [
      'an API key in the environment',
      () => ({ TEMPORAL_API_KEY: 'tc-secret-key-value' }),
      /TEMPORAL_API_KEY is not read: put the key in a file and set TEMPORAL_API_KEY_FILE/,
    ],
    [
      'TEMPORAL_TLS other than true/false',
      () => ({ TEMPORAL_TLS: 'yes' }),
      /TEMPORAL_TLS must be true or false/,
    ],
    [
      'a server name that is not a host name',
      () => ({ TEMPORAL_TLS_SERVER_NAME: 'https://x/' }),
      /TEMPORAL_TLS_SERVER_NAME must be a host name/,
    ],
    [
      'a negative reload interval',
      () => ({ TEMPORAL_API_KEY_RELOAD_SECONDS: '-1' }),
      /TEMPORAL_API_KEY_RELOAD_SECONDS/,
    ],
  ])('refuses %s at start', (_name, override, message) => {
    const env = { ...temporal, ...override() };
    expect(() => loadConfig(TemporalServiceEnv, env)).toThrow(InvalidConfigurationError);
    expect(() => loadConfig(TemporalServiceEnv, env)).toThrow(message);
  });

  it('never echoes an API key set in the environment', () => {
    expect(() =>
      loadConfig(TemporalServiceEnv, { ...temporal, TEMPORAL_API_KEY: 'tc-secret-key-value' }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining('tc-secret-key-value') }));
  });
});

describe('TemporalServiceEnv: worker tuning shared by every service', () => {
  const temporal = { ...good, TEMPORAL_TASK_QUEUE: 'oocr' };
  it('defaults: a cache of 200, 10 workflow tasks and 10 activities at once, 10 s to drain', () => {
    const env = loadConfig(TemporalServiceEnv, temporal);
    expect([
      env.TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS,
      env.TEMPORAL_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
      env.TEMPORAL_WORKER_MAX_CONCURRENT_ACTIVITIES,
      env.TEMPORAL_WORKER_SHUTDOWN_GRACE_SECONDS,
    ]).toEqual([200, 10, 10, 10]);
  });
  it('refuses more workflow tasks than cached workflows at start', () => {
    expect(() =>
      loadConfig(TemporalServiceEnv, {
        ...temporal,
        TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS: '5',
        TEMPORAL_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '6',
      }),
    ).toThrow(
      /TEMPORAL_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS must not exceed TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS/,
    );
  });
});
