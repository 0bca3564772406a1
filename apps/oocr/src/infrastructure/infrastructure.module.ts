import { Global, Module } from '@nestjs/common';
import { createKafka } from '@oversight/messaging';
import { KAFKA_CLIENT, outboxRelayProviders, OutboxRelayRunner } from '@oversight/nest-platform';
import { connectTemporalClient } from '@oversight/temporal';
import { Client as TemporalClient } from '@temporalio/client';
import { OocrSettings } from '../config/oocr-settings';
import { OocrEnv } from '../config/oocr.env';
import { PrismaService } from './prisma.service';

/** The service's connections: its database, Kafka, Temporal, the outbox relay, and its settings. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(env: OocrEnv) {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: OocrEnv, useValue: env },
        { provide: OocrSettings, useFactory: () => OocrSettings.fromEnv(env) },
        {
          provide: PrismaService,
          useFactory: () => new PrismaService(env.DATABASE_URL, env.DATABASE_POOL_SIZE),
        },
        { provide: KAFKA_CLIENT, useFactory: () => createKafka('oocr', env.KAFKA_BROKERS) },
        {
          provide: TemporalClient,
          useFactory: () =>
            connectTemporalClient({ address: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE }),
        },
        ...outboxRelayProviders(
          {
            name: 'oocr',
            databaseUrl: env.DATABASE_URL,
            maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
            enabled: env.RUN_BACKGROUND_WORK === 'true',
          },
          PrismaService,
        ),
      ],
      exports: [OocrEnv, OocrSettings, PrismaService, KAFKA_CLIENT, TemporalClient, OutboxRelayRunner],
    };
  }
}
