import { DynamicModule, Module, Provider } from '@nestjs/common';
import { APP_GUARD, ModuleRef } from '@nestjs/core';
import { JwtVerifier, JwtVerifierOptions } from '@oversight/auth';
import { PrincipalGuard } from './auth/principal.guard';
import { HealthController, READINESS_CHECKS, ReadinessCheck } from './health/health.controller';

export interface PlatformModuleOptions {
  auth: JwtVerifierOptions;
  /** Factories for readiness checks, given the module's injector tokens. */
  readiness: { inject?: unknown[]; useFactory: (...deps: never[]) => ReadinessCheck[] };
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
      { provide: APP_GUARD, useClass: PrincipalGuard },
    ];
    return {
      module: PlatformModule,
      global: true,
      controllers: [HealthController],
      providers,
      exports: [JwtVerifier],
    };
  }
}

function maxTokenLifetimeFromEnv(): number | undefined {
  const raw = process.env['AUTH_MAX_TOKEN_LIFETIME_SECONDS'];
  return raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
}
