import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { metricsRegistry } from '@oversight/observability';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { READINESS_CHECK_TIMEOUT_MS, READINESS_CHECKS, ReadinessCheck, withTimeout } from './readiness';

export { READINESS_CHECKS } from './readiness';
export type { ReadinessCheck } from './readiness';
export { ServiceHealthController } from './service-health.controller';

/**
 * The hand-written health controller, kept only for a module that declares it without
 * PlatformModule (apps/staff-ui, which does not import TerminusModule): services get
 * ServiceHealthController (@nestjs/terminus) through PlatformModule. Same paths and semantics.
 * Remove once staff-ui imports TerminusModule and declares ServiceHealthController.
 */
@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: () => ReadinessCheck[]) {}

  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready(@Res() res: Response) {
    const results = await Promise.all(
      this.checks().map(async (c) => {
        try {
          await withTimeout(c.check(), READINESS_CHECK_TIMEOUT_MS);
          return { name: c.name, status: 'up' };
        } catch (err) {
          return { name: c.name, status: 'down', error: (err as Error).message?.slice(0, 200) };
        }
      }),
    );
    const ok = results.every((r) => r.status === 'up');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks: results });
  }

  @Get('metrics')
  async metrics(@Res() res: Response) {
    res.setHeader('Content-Type', metricsRegistry.contentType);
    res.send(await metricsRegistry.metrics());
  }
}
