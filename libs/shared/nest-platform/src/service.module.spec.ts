import { Client as TemporalClient } from '@temporalio/client';
import { InboxKafkaServer } from './kafka/inbox-kafka.server';
import { KAFKA_CLIENT, OutboxRelayRunner } from './messaging/outbox-relay.runner';
import { ParkedMessagesController, ParkedOutboxController } from './operations/operations.controllers';
import { ServiceEnv, ServiceModule } from './service.module';

class TestEnv implements ServiceEnv {
  DATABASE_URL = 'postgresql://u:p@127.0.0.1:5432/db';
  DATABASE_POOL_SIZE = 4;
  KAFKA_BROKERS = '127.0.0.1:9092';
  AUTH_ISSUER = 'http://127.0.0.1:3000/auth';
  AUTH_AUDIENCE = 'oversight-api';
  AUTH_JWKS_URL = 'http://127.0.0.1:3000/auth/jwks.json';
  OUTBOX_MAX_ATTEMPTS = 10;
  RUN_BACKGROUND_WORK = 'true';
  TEMPORAL_ADDRESS?: string = '127.0.0.1:7233';
  TEMPORAL_NAMESPACE?: string = 'default';
}

class TestDb {
  constructor(
    readonly url: string,
    readonly poolSize: number,
  ) {}
  $executeRawUnsafe = async () => 0;
  $queryRawUnsafe = async <T>() => [] as T;
  $transaction = async (fn: (tx: unknown) => Promise<unknown>) => fn(this);
}

const wiring = (over: Partial<Parameters<typeof ServiceModule.forService>[0]> = {}, env = new TestEnv()) =>
  ServiceModule.forService({
    name: 'test-service',
    env: { provide: TestEnv, useValue: env },
    database: TestDb,
    consumer: { groupId: 'test-service' },
    outbox: true,
    temporal: true,
    ...over,
  });

describe('ServiceModule.forService', () => {
  // PlatformModule trusts the gateway's assertions made for SERVICE_NAME (set for every service by its service.env).
  const before = process.env['SERVICE_NAME'];
  beforeAll(() => (process.env['SERVICE_NAME'] = 'test-service'));
  afterAll(() =>
    before === undefined ? delete process.env['SERVICE_NAME'] : (process.env['SERVICE_NAME'] = before),
  );

  it('provides and exports the env, database, Kafka client and inbox; with outbox and temporal, the relay and the client', () => {
    const m = wiring();
    expect(m.global).toBeUndefined(); // global by its @Global() decorator, not per instance
    expect(m.exports).toEqual([
      TestEnv,
      TestDb,
      KAFKA_CLIENT,
      InboxKafkaServer,
      OutboxRelayRunner,
      TemporalClient,
    ]);
    expect(m.controllers).toEqual([ParkedMessagesController, ParkedOutboxController]);
  });

  it('leaves out the outbox relay and its routes, and Temporal, when the service has neither (audit)', () => {
    const m = wiring({ outbox: false, temporal: false });
    expect(m.exports).toEqual([TestEnv, TestDb, KAFKA_CLIENT, InboxKafkaServer]);
    expect(m.controllers).toEqual([ParkedMessagesController]);
  });

  it('builds the database from DATABASE_URL and DATABASE_POOL_SIZE', () => {
    const env = new TestEnv();
    const provider = (wiring({}, env).providers ?? []).find(
      (p) => typeof p === 'object' && 'provide' in p && p.provide === TestDb,
    ) as { useFactory: () => TestDb };
    const db = provider.useFactory();
    expect([db.url, db.poolSize]).toEqual([env.DATABASE_URL, 4]);
  });

  it('refuses temporal without a Temporal address (an env that is not a TemporalServiceEnv)', () => {
    const env = new TestEnv();
    delete env.TEMPORAL_ADDRESS;
    expect(() => wiring({}, env)).toThrow(/TEMPORAL_ADDRESS/);
  });
});
