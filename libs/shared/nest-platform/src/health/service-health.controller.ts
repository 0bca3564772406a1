import { Controller, Get, Inject, Res } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ApiExcludeController } from '@nestjs/swagger';
import { metricsRegistry } from '@oversight/observability';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { READINESS_CHECK_TIMEOUT_MS, READINESS_CHECKS, ReadinessCheck, withTimeout } from './readiness';

/**
 * Health endpoints of every service, on @nestjs/terminus (PlatformModule imports TerminusModule):
 * - GET /health/live: 200 while the process can answer (the liveness probe; no dependency checked,
 *   so an outage of PostgreSQL or Kafka never restarts every pod);
 * - GET /health/ready: 200 when every readiness check of the service passes within 3 s, else 503
 *   with terminus's body (`status`, `info`, `error`, `details` per check); also 503 once the
 *   application has begun shutting down, so a load balancer stops sending before the server closes.
 * - GET /metrics: Prometheus.
 */
@ApiExcludeController()
@Public()
@Controller()
export class ServiceHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(READINESS_CHECKS) private readonly checks: () => ReadinessCheck[],
  ) {}

  @Get('health/live')
  @HealthCheck({ swaggerDocumentation: false })
  live() {
    return this.health.check([]);
  }

  @Get('health/ready')
  @HealthCheck({ swaggerDocumentation: false })
  ready() {
    return this.health.check(
      this.checks().map((c) => async () => {
        const session = this.indicator.check(c.name);
        try {
          await withTimeout(c.check(), READINESS_CHECK_TIMEOUT_MS);
          return session.up();
        } catch (err) {
          return session.down({ message: ((err as Error).message ?? String(err)).slice(0, 200) });
        }
      }),
    );
  }

  @Get('metrics')
  async metrics(@Res() res: Response) {
    res.setHeader('Content-Type', metricsRegistry.contentType);
    res.send(await metricsRegistry.metrics());
  }
}
