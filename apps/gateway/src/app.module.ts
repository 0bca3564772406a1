import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { InternalAssertionSigner, JwtVerifier, LocalIssuer } from '@oversight/auth';
import { loadConfig } from '@oversight/config';
import { createKafka } from '@oversight/messaging';
import { KAFKA_CLIENT, outboxRelayProviders, PlatformModule } from '@oversight/nest-platform';
import { Kafka } from 'kafkajs';
import { AccessRecorder } from './access/access.recorder';
import { InternalKeysController } from './access/internal-keys.controller';
import { GatewayEnv } from './config/gateway.env';
import { OpenApiController } from './docs/openapi.controller';
import { AuthorizationCodeStore } from './identity/authorization-code.store';
import { ExchangeAuthorizationCode } from './identity/exchange-authorization-code';
import { LocalIssuerController } from './identity/local-issuer.controller';
import { LocalOidcSettings } from './identity/local-oidc.settings';
import { OidcProviderController } from './identity/oidc-provider.controller';
import { PrismaService } from './infrastructure/prisma.service';
import { clientTracker } from './rate-limit/client-tracker';
import { RATE_LIMIT_SYNC_MS, sharedRateLimitStorage } from './rate-limit/shared-rate-limit.storage';
import { ProxyController } from './routing/proxy.controller';
import { UpstreamClient } from './routing/upstream.client';

@Module({})
export class AppModule {
  static forRoot(env: GatewayEnv, issuer?: LocalIssuer): DynamicModule {
    const kafka = createKafka('gateway', env.KAFKA_BROKERS);
    return {
      module: AppModule,
      imports: [
        // One limit per client across every gateway instance (src/rate-limit): counted in memory, added up
        // in the gateway's PostgreSQL once a second; a client is the signed-in user, else the address.
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: 60_000, limit: env.RATE_LIMIT_PER_MINUTE }],
          getTracker: clientTracker(
            new JwtVerifier({
              issuer: env.AUTH_ISSUER,
              audience: env.AUTH_AUDIENCE,
              ...(issuer ? { keys: issuer.keyResolver() } : { jwksUrl: env.AUTH_JWKS_URL }),
            }),
          ),
          storage: sharedRateLimitStorage(env.DATABASE_URL, RATE_LIMIT_SYNC_MS),
        }),
        PlatformModule.forRoot({
          auth: issuer
            ? { issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE, keys: issuer.keyResolver() }
            : { issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE, jwksUrl: env.AUTH_JWKS_URL },
          internalTrust: 'edge', // the gateway authenticates callers itself and vouches for them
          readiness: {
            inject: [PrismaService, KAFKA_CLIENT],
            useFactory: (prisma: PrismaService, k: Kafka) => [
              { name: 'database', check: async () => void (await prisma.$queryRawUnsafe('SELECT 1')) },
              {
                name: 'kafka',
                check: async () => {
                  const admin = k.admin();
                  await admin.connect();
                  await admin.describeCluster().finally(() => admin.disconnect());
                },
              },
              ...Object.entries(env.upstreams()).map(([name, url]) => ({
                name,
                check: async () => {
                  const r = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(2000) });
                  if (!r.ok) throw new Error(`status ${r.status}`);
                },
              })),
            ],
          },
        }),
      ],
      controllers: [
        ProxyController,
        OpenApiController,
        InternalKeysController,
        ...(issuer ? [LocalIssuerController, OidcProviderController] : []),
      ],
      providers: [
        { provide: GatewayEnv, useValue: env },
        { provide: KAFKA_CLIENT, useValue: kafka },
        {
          provide: PrismaService,
          useFactory: () => new PrismaService(env.DATABASE_URL, env.DATABASE_POOL_SIZE),
        },
        // The local issuer (development only) and its OpenID Connect side: its registered client from settings.
        ...(issuer
          ? [
              { provide: LocalIssuer, useValue: issuer },
              { provide: LocalOidcSettings, useFactory: () => loadConfig(LocalOidcSettings) },
              AuthorizationCodeStore,
              ExchangeAuthorizationCode,
            ]
          : []),
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        AccessRecorder,
        UpstreamClient,
        {
          provide: InternalAssertionSigner,
          useFactory: () =>
            InternalAssertionSigner.create({
              keyFile: env.INTERNAL_ASSERTION_KEY_FILE,
              mustExist: env.NODE_ENV === 'production',
            }),
        },
        ...outboxRelayProviders(
          {
            name: 'gateway',
            databaseUrl: env.DATABASE_URL,
            maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
            enabled: true,
          },
          PrismaService,
        ),
      ],
    };
  }
}
