import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { PinoNestLogger, correlationMiddleware } from '@oversight/nest-platform';
import type { Pool } from 'pg';
import { AppModule } from './app.module';
import type { StaffUiEnv } from './config/staff-ui.env';
import { PageErrorFilter } from './web/page-error.filter';
import { configureWeb } from './web/web-setup';

/** The staff UI application, shared by main.ts and the route tests (which pass no pool: memory sessions). */
export async function createStaffUiApp(
  env: StaffUiEnv,
  opts: { pool?: Pool; stylesheet?: string; quiet?: boolean } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env, opts.pool), {
    bodyParser: false,
    logger: opts.quiet ? false : new PinoNestLogger(),
  });
  app.use(correlationMiddleware);
  configureWeb(app, env, opts);
  app.useGlobalFilters(new PageErrorFilter());
  app.enableShutdownHooks();
  return app;
}
