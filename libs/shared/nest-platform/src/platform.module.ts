import { DynamicModule, Module, Provider } from '@nestjs/common';
import { APP_GUARD, ModuleRef } from '@nestjs/core';
import {
  InternalAssertionVerifier,
  InternalAssertionVerifierOptions,
  JwtVerifier,
  JwtVerifierOptions,
} from '@oversight/auth';
import { INTERNAL_TRUST, PrincipalGuard } from './auth/principal.guard';
import { TerminusModule } from '@nestjs/terminus';
import { READINESS_CHECKS, ReadinessCheck } from './health/readiness';
import { ServiceHealthController } from './health/service-health.controller';

export interface PlatformModuleOptions {
  auth: JwtVerifierOptions;
  /** Factories for readiness checks, given the module's injector tokens. */
  readiness: { inject?: unknown[]; useFactory: (...deps: never[]) => ReadinessCheck[] };
  /**
   * How this service trusts requests. Default: it sits behind the gateway and accepts only requests
   * carrying the gateway's assertion, checked against INTERNAL_JWKS_URL for the service SERVICE_NAME.
   * 'edge': the gateway itself, which authenticates callers and signs the assertions.
   */
  internalTrust?: 'edge' | InternalAssertionVerifierOptions;
}

/** Where the gateway publishes the public key of its assertions when INTERNAL_JWKS_URL is not set (local runs). */
export const DEFAULT_INTERNAL_JWKS_URL = 'http://127.0.0.1:3000/internal/jwks.json';

function internalTrustProviders(opt: PlatformModuleOptions['internalTrust']): Provider[] {
  if (opt === 'edge') return [];
  if (opt) return [{ provide: INTERNAL_TRUST, useValue: new InternalAssertionVerifier(opt) }];
  const service = process.env['SERVICE_NAME'];
  if (!service)
    throw new Error('SERVICE_NAME must be set: it is the name the gateway forwards to (its UPSTREAMS entry)');
  return [
    {
      provide: INTERNAL_TRUST,
      useValue: new InternalAssertionVerifier({
        service,
        jwksUrl: process.env['INTERNAL_JWKS_URL'] || DEFAULT_INTERNAL_JWKS_URL,
      }),
    },
  ];
}

/** Health, metrics and the deny-by-default authentication guard, for every service. */
@Module({})
export class PlatformModule {
  static forRoot(opts: PlatformModuleOptions): DynamicModule {
    const providers: Provider[] = [
      {
        provide: JwtVerifier,
        // AUTH_MAX_TOKEN_LIFETIME_SECONDS is validated at boot by CommonEnv, which every service's env extends.
        useValue: new JwtVerifier({ maxLifetimeSeconds: maxTokenLifetimeFromEnv(), ...opts.auth }),
      },
      {
        // The checks' dependencies live in the service's own modules: resolve them from the root.
        provide: READINESS_CHECKS,
        inject: [ModuleRef],
        useFactory: (moduleRef: ModuleRef): (() => ReadinessCheck[]) => {
          let checks: ReadinessCheck[] | undefined;
          return () => {
            checks ??= (opts.readiness.useFactory as (...a: unknown[]) => ReadinessCheck[])(
              ...(opts.readiness.inject ?? []).map((t) => moduleRef.get(t as never, { strict: false })),
            );
            return checks;
          };
        },
      },
      ...internalTrustProviders(opts.internalTrust),
      { provide: APP_GUARD, useClass: PrincipalGuard },
    ];
    return {
      module: PlatformModule,
      global: true,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
      controllers: [ServiceHealthController],
      providers,
      exports: [JwtVerifier],
    };
  }
}

function maxTokenLifetimeFromEnv(): number | undefined {
  const raw = process.env['AUTH_MAX_TOKEN_LIFETIME_SECONDS'];
  return raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
}
