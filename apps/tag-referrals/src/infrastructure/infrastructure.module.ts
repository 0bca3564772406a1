import { Global, Module } from '@nestjs/common';
import { createKafka } from '@oversight/messaging';
import { KAFKA_CLIENT, outboxRelayProviders, OutboxRelayRunner } from '@oversight/nest-platform';
import { connectTemporalClient } from '@oversight/temporal';
import { Client as TemporalClient } from '@temporalio/client';
import { TagSettings } from '../config/tag-settings';
import { TagReferralsEnv } from '../config/tag-referrals.env';
import { PrismaService } from './prisma.service';

/** The service's connections: its database, Kafka, Temporal, the outbox relay, and its settings. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(env: TagReferralsEnv) {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: TagReferralsEnv, useValue: env },
        { provide: TagSettings, useFactory: () => TagSettings.fromEnv(env) },
        {
          provide: PrismaService,
          useFactory: () => new PrismaService(env.DATABASE_URL, env.DATABASE_POOL_SIZE),
        },
        { provide: KAFKA_CLIENT, useFactory: () => createKafka('tag-referrals', env.KAFKA_BROKERS) },
        {
          provide: TemporalClient,
          useFactory: () =>
            connectTemporalClient({ address: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE }),
        },
        ...outboxRelayProviders(
          {
            name: 'tag-referrals',
            databaseUrl: env.DATABASE_URL,
            maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
            enabled: env.RUN_BACKGROUND_WORK === 'true',
          },
          PrismaService,
        ),
      ],
      exports: [TagReferralsEnv, TagSettings, PrismaService, KAFKA_CLIENT, TemporalClient, OutboxRelayRunner],
    };
  }
}
