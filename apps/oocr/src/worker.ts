import 'reflect-metadata';
import { loadConfig } from '@oversight/config';
import { createServiceApp, startInboxConsumer } from '@oversight/nest-platform';
import { createLogger } from '@oversight/observability';
import type { NextFunction, Request, Response } from 'express';
import { AppModule } from './app.module';
import { OocrEnv } from './config/oocr.env';

/**
 * The oocr worker: the same modules as main.ts, run for their background work only — the Temporal
 * worker (caution and referral workflows), the Kafka consumers and the outbox relay — so workflow bursts
 * never share an event loop or a heap with the HTTP API (started with RUN_BACKGROUND_WORK=false).
 * Its HTTP port (PORT; scripts/start-services.sh gives it the API's port + 1000) answers only
 * /health/live, /health/ready and /metrics. Sized by the OOCR_WORKER_* settings (worker-tuning.ts).
 */
async function bootstrap(): Promise<void> {
  process.env['RUN_BACKGROUND_WORK'] = 'true';
  const env = loadConfig(OocrEnv);
  const app = await createServiceApp(AppModule.forRoot(env), { serviceName: 'oocr-worker' });
  app.use(healthAndMetricsOnly);
  await startInboxConsumer(app);
  await app.listen(env.PORT, env.HTTP_HOST);
  createLogger('bootstrap').info({ healthPort: env.PORT }, 'oocr worker running');
}

function healthAndMetricsOnly(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'GET' && /^\/(health\/(live|ready)|metrics)$/.test(req.path)) return next();
  res
    .status(404)
    .json({ message: 'This is a worker process: only /health/live, /health/ready and /metrics' });
}

bootstrap().catch((err) => {
  createLogger('bootstrap').fatal({ err: (err as Error).message }, 'oocr worker failed to start');
  process.exit(1);
});
