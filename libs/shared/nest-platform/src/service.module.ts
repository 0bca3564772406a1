import { DynamicModule, Global, Module, Provider, ValueProvider } from '@nestjs/common';
import { createKafka, TransactionalDb } from '@oversight/messaging';
import { connectTemporalClient, temporalSettingsFromEnv } from '@oversight/temporal';
import { Client as TemporalClient } from '@temporalio/client';
import { Kafka } from 'kafkajs';
import { ReadinessCheck } from './health/readiness';
import { InboxKafkaServer } from './kafka/inbox-kafka.server';
import { KAFKA_CLIENT, outboxRelayProviders, OutboxRelayRunner } from './messaging/outbox-relay.runner';
import { ParkedMessagesController, ParkedOutboxController } from './operations/operations.controllers';
import { PlatformModule } from './platform.module';

/** The settings the standard wiring reads (CommonEnv, with TemporalServiceEnv's when `temporal` is on). */
export interface ServiceEnv {
  DATABASE_URL: string;
  DATABASE_POOL_SIZE: number;
  KAFKA_BROKERS: string;
  AUTH_ISSUER: string;
  AUTH_AUDIENCE: string;
  AUTH_JWKS_URL: string;
  OUTBOX_MAX_ATTEMPTS: number;
  /** 'true' in a process that relays the outbox (and consumes, and runs workflows); an HTTP-only replica has 'false'. */
  RUN_BACKGROUND_WORK?: string;
  TEMPORAL_ADDRESS?: string;
  TEMPORAL_NAMESPACE?: string;
}

export interface ServiceModuleOptions<E extends ServiceEnv> {
  /** The service's name: its Kafka client id and its outbox relay's name. */
  name: string;
  /** The validated environment, provided under the service's env class (`{ provide: OocrEnv, useValue: env }`). */
  env: ValueProvider<E>;
  /** The service's Prisma client class, built with (DATABASE_URL, DATABASE_POOL_SIZE); provided under itself. */
  database: new (databaseUrl: string, poolSize: number) => TransactionalDb;
  /** Its Kafka consumer group: registers the inbox transport and the parked-messages operator routes. */
  consumer: { groupId: string; partitionsConsumedConcurrently?: number };
  /** It publishes events: its outbox relay (running where RUN_BACKGROUND_WORK=true) and the parked-outbox routes. */
  outbox: boolean;
  /** It starts or runs workflows: a Temporal client (TemporalClient) from TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE. */
  temporal: boolean;
}

/**
 * The wiring every service behind the gateway has, declared once: its environment, database, Kafka client,
 * consumer (inbox), outbox relay, Temporal client, the readiness checks of each (/health/ready), the operator
 * routes for parked messages, and PlatformModule (authentication, health, metrics). Global, as the services'
 * InfrastructureModule was: its connections are visible to every module of the service, and Nest destroys it
 * after the service's own module, so a service's workers drain while the database pool is still open.
 *
 * A service's AppModule imports it and declares only its own controllers and providers.
 */
@Global()
@Module({})
export class ServiceModule {
  static forService<E extends ServiceEnv>(opts: ServiceModuleOptions<E>): DynamicModule {
    const env = opts.env.useValue;
    const Database = opts.database;
    const providers: Provider[] = [
      opts.env,
      { provide: Database, useFactory: () => new Database(env.DATABASE_URL, env.DATABASE_POOL_SIZE) },
      { provide: KAFKA_CLIENT, useFactory: () => createKafka(opts.name, env.KAFKA_BROKERS) },
      {
        provide: InboxKafkaServer,
        inject: [Database, KAFKA_CLIENT],
        useFactory: (db: TransactionalDb, kafka: Kafka) =>
          new InboxKafkaServer({
            kafka,
            groupId: opts.consumer.groupId,
            db,
            ...(opts.consumer.partitionsConsumedConcurrently
              ? { partitionsConsumedConcurrently: opts.consumer.partitionsConsumedConcurrently }
              : {}),
          }),
      },
    ];
    const exported: unknown[] = [opts.env.provide, Database, KAFKA_CLIENT, InboxKafkaServer];
    const controllers: DynamicModule['controllers'] = [ParkedMessagesController];

    if (opts.outbox) {
      providers.push(
        ...outboxRelayProviders(
          {
            name: opts.name,
            databaseUrl: env.DATABASE_URL,
            maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
            enabled: env.RUN_BACKGROUND_WORK === 'true',
          },
          Database,
        ),
      );
      exported.push(OutboxRelayRunner);
      controllers.push(ParkedOutboxController);
    }

    if (opts.temporal) {
      const { TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: namespace } = env;
      if (!address || !namespace)
        throw new Error(
          `${opts.name}: temporal needs TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE (TemporalServiceEnv)`,
        );
      providers.push({
        provide: TemporalClient,
        // Secured by the service's TEMPORAL_TLS* / TEMPORAL_API_KEY_FILE settings, as its worker is.
        useFactory: () =>
          connectTemporalClient(
            temporalSettingsFromEnv({ ...env, TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: namespace }),
          ),
      });
      exported.push(TemporalClient);
    }

    return {
      module: ServiceModule,
      imports: [
        PlatformModule.forRoot({
          auth: { issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE, jwksUrl: env.AUTH_JWKS_URL },
          readiness: {
            inject: opts.temporal ? [Database, KAFKA_CLIENT, TemporalClient] : [Database, KAFKA_CLIENT],
            useFactory: (db: TransactionalDb, kafka: Kafka, temporal?: TemporalClient): ReadinessCheck[] => [
              { name: 'database', check: async () => void (await db.$queryRawUnsafe('SELECT 1')) },
              { name: 'kafka', check: () => describeCluster(kafka) },
              ...(temporal
                ? [
                    {
                      name: 'temporal',
                      check: async () => void (await temporal.workflowService.getSystemInfo({})),
                    },
                  ]
                : []),
            ],
          },
        }),
      ],
      controllers,
      providers,
      exports: exported as DynamicModule['exports'],
    };
  }
}

/** Kafka is reachable when the cluster answers a metadata request. */
export async function describeCluster(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
}
