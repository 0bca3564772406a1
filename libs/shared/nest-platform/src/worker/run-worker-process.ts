import { createLogger } from '@oversight/observability';
import type { NestFactory } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { createServiceApp } from '../http/create-service-app';
import { startInboxConsumer } from '../kafka/start-inbox-consumer';

export interface WorkerProcess {
  /** The service's root module, built from its settings (AppModule.forRoot(env)). */
  module: Parameters<typeof NestFactory.create>[0];
  /** The health port (scripts/start-services.sh gives the worker the API's port + 1000). */
  port: number;
  host: string;
}

/**
 * A service's worker process (src/worker.ts): the same modules as its main.ts, run for their
 * background work only — the Temporal worker, the Kafka consumers and the outbox relay — so workflow
 * bursts never share an event loop or a heap with the HTTP API (which runs with
 * RUN_BACKGROUND_WORK=false). Its HTTP port answers only /health/live, /health/ready and /metrics.
 *
 * `build` runs after RUN_BACKGROUND_WORK=true is set, so the service's settings (loadConfig) see it.
 * A failure to start is logged and ends the process with status 1.
 */
export function runWorkerProcess(service: string, build: () => WorkerProcess): void {
  const log = createLogger('bootstrap');
  (async () => {
    process.env['RUN_BACKGROUND_WORK'] = 'true';
    const { module, port, host } = build();
    const app = await createServiceApp(module, { serviceName: `${service}-worker` });
    app.use(healthAndMetricsOnly);
    await startInboxConsumer(app);
    await app.listen(port, host);
    log.info({ healthPort: port }, `${service} worker running`);
  })().catch((err) => {
    log.fatal({ err: (err as Error).message }, `${service} worker failed to start`);
    process.exit(1);
  });
}

function healthAndMetricsOnly(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'GET' && /^\/(health\/(live|ready)|metrics)$/.test(req.path)) return next();
  res
    .status(404)
    .json({ message: 'This is a worker process: only /health/live, /health/ready and /metrics' });
}
