import { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { enableDefaultMetrics, startTracing } from '@oversight/observability';
import helmet from 'helmet';
import { PinoNestLogger } from '../logging/pino-nest.logger';
import { documentErrorResponses } from '../openapi/error-responses';
import { bodyErrorHandler, formBodyFor, jsonBodyParser, requireJsonBody } from './body-guards';
import { correlationMiddleware } from './correlation.middleware';
import { DomainExceptionFilter } from './error.filter';
import { strictValidationPipe } from './validation.pipe';
import { tracingMiddleware } from './tracing.middleware';

export interface ServiceAppOptions {
  serviceName: string;
  /** Largest accepted JSON body. */
  bodyLimit?: string;
  openApi?: { title: string; description: string; version?: string };
  /** Exact paths whose POST may be form-encoded (standards that require it: OAuth token requests). */
  formBodyPaths?: readonly string[];
  nest?: NestApplicationOptions;
}

/**
 * The common HTTP shape of every service: structured logs, correlation ids, helmet headers, JSON-only
 * writes with a size and depth limit (http/body-guards.ts), strict validation, one error filter, OpenAPI at /openapi.json, graceful shutdown.
 */
export async function createServiceApp(
  module: Parameters<typeof NestFactory.create>[0],
  opts: ServiceAppOptions,
): Promise<INestApplication> {
  enableDefaultMetrics(opts.serviceName);
  // Before the modules are built: their Temporal connections take the tracing plugin.
  startTracing({ serviceName: opts.serviceName });
  const app = await NestFactory.create(module, {
    bufferLogs: false,
    bodyParser: false,
    logger: new PinoNestLogger(),
    ...opts.nest,
  });
  app.use(helmet());
  app.use(tracingMiddleware);
  app.use(correlationMiddleware);
  if (opts.formBodyPaths?.length) app.use(formBodyFor(opts.formBodyPaths));
  app.use(requireJsonBody);
  app.use(jsonBodyParser(opts.bodyLimit ?? '100kb'));
  app.use(bodyErrorHandler);
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new DomainExceptionFilter());
  app.enableShutdownHooks();
  if (opts.openApi) {
    const doc = buildOpenApi(app, opts.openApi);
    const http = app.getHttpAdapter();
    http.get('/openapi.json', (_req: unknown, res: { json: (b: unknown) => void }) => res.json(doc));
  }
  return app;
}

export function buildOpenApi(
  app: INestApplication,
  meta: { title: string; description: string; version?: string },
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(meta.title)
    .setDescription(meta.description)
    .setVersion(meta.version ?? '1')
    .addBearerAuth()
    .build();
  return documentErrorResponses(SwaggerModule.createDocument(app, config));
}
