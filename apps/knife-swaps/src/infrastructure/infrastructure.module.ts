import { Global, Module } from '@nestjs/common';
import { createKafka } from '@oversight/messaging';
import { KAFKA_CLIENT, outboxRelayProviders, OutboxRelayRunner } from '@oversight/nest-platform';
import { connectTemporalClient } from '@oversight/temporal';
import { Client as TemporalClient } from '@temporalio/client';
import { KnifeSwapsEnv } from '../config/knife-swaps.env';
import { PrismaService } from './prisma.service';

/** The service's connections: its database, Kafka, Temporal and the outbox relay. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(env: KnifeSwapsEnv) {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: KnifeSwapsEnv, useValue: env },
        {
          provide: PrismaService,
          useFactory: () => new PrismaService(env.DATABASE_URL, env.DATABASE_POOL_SIZE),
        },
        { provide: KAFKA_CLIENT, useFactory: () => createKafka('knife-swaps', env.KAFKA_BROKERS) },
        {
          provide: TemporalClient,
          useFactory: () =>
            connectTemporalClient({ address: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE }),
        },
        ...outboxRelayProviders(
          {
            name: 'knife-swaps',
            databaseUrl: env.DATABASE_URL,
            maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
            enabled: env.RUN_BACKGROUND_WORK === 'true',
          },
          PrismaService,
        ),
      ],
      exports: [KnifeSwapsEnv, PrismaService, KAFKA_CLIENT, TemporalClient, OutboxRelayRunner],
    };
  }
}
