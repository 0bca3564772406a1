import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, Provider } from '@nestjs/common';
import { createProducer, kafkaPublisher, OutboxRelay, SqlClient } from '@oversight/messaging';
import { Kafka, Producer } from 'kafkajs';

export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
export const OUTBOX_DB = Symbol('OUTBOX_DB');
export const OUTBOX_RELAY_SETTINGS = Symbol('OUTBOX_RELAY_SETTINGS');

export interface OutboxRelaySettings {
  name: string;
  databaseUrl: string;
  maxAttempts: number;
  /** Off for an HTTP-only replica: rows wait for a replica that relays. */
  enabled: boolean;
}

/** Runs the service's outbox relay from application start until shutdown, then drains it. */
@Injectable()
export class OutboxRelayRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay?: OutboxRelay;
  private producer?: Producer;

  constructor(
    @Inject(OUTBOX_RELAY_SETTINGS) private readonly settings: OutboxRelaySettings,
    @Inject(OUTBOX_DB) private readonly db: SqlClient,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.enabled) {
      // An HTTP-only process: a relay that never runs, for the operator endpoints (parked rows, replay).
      this.relay = new OutboxRelay({
        name: this.settings.name,
        db: this.db,
        maxAttempts: this.settings.maxAttempts,
        publish: async () => {
          throw new Error('The outbox relay does not run in this process');
        },
      });
      return;
    }
    this.producer = await createProducer(this.kafka);
    this.relay = new OutboxRelay({
      name: this.settings.name,
      db: this.db,
      publish: kafkaPublisher(this.producer),
      listenConnectionString: this.settings.databaseUrl,
      maxAttempts: this.settings.maxAttempts,
    });
    await this.relay.start();
  }

  get outbox(): OutboxRelay {
    if (!this.relay) throw new Error('The outbox relay does not run in this process');
    return this.relay;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.producer?.disconnect();
  }
}

/** Providers for a service's outbox relay: pass the token of its Prisma service. */
export function outboxRelayProviders(settings: OutboxRelaySettings, dbToken: unknown): Provider[] {
  return [
    { provide: OUTBOX_RELAY_SETTINGS, useValue: settings },
    { provide: OUTBOX_DB, useExisting: dbToken as never },
    OutboxRelayRunner,
  ];
}
