import { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { currentCorrelationId, enableDefaultMetrics } from '@oversight/observability';
import type { NextFunction, Request, Response } from 'express';
import { json } from 'express';
import helmet from 'helmet';
import { PinoNestLogger } from '../logging/pino-nest.logger';
import { documentErrorResponses } from '../openapi/error-responses';
import { correlationMiddleware } from './correlation.middleware';
import { DomainExceptionFilter } from './error.filter';
import { strictValidationPipe } from './validation.pipe';

export interface ServiceAppOptions {
  serviceName: string;
  /** Largest accepted JSON body. */
  bodyLimit?: string;
  openApi?: { title: string; description: string; version?: string };
  nest?: NestApplicationOptions;
}

/**
 * The common HTTP shape of every service: structured logs, correlation ids, helmet headers, a JSON
 * body limit, strict validation, one error filter, OpenAPI at /openapi.json, graceful shutdown.
 */
export async function createServiceApp(
  module: Parameters<typeof NestFactory.create>[0],
  opts: ServiceAppOptions,
): Promise<INestApplication> {
  enableDefaultMetrics(opts.serviceName);
  const app = await NestFactory.create(module, {
    bufferLogs: false,
    bodyParser: false,
    logger: new PinoNestLogger(),
    ...opts.nest,
  });
  app.use(helmet());
  app.use(correlationMiddleware);
  app.use(json({ limit: opts.bodyLimit ?? '100kb', strict: true }));
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

/** Body-parser failures answered here, before Nest, with a message the caller can act on. */
function bodyErrorHandler(err: { type?: string }, _req: Request, res: Response, next: NextFunction): void {
  if (err?.type === 'entity.parse.failed') {
    res.status(400).json({
      statusCode: 400,
      error: 'Bad Request',
      message: 'The request body is not valid JSON',
      correlationId: currentCorrelationId(),
    });
  } else if (err?.type === 'entity.too.large') {
    res.status(413).json({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'The request body is larger than allowed',
      correlationId: currentCorrelationId(),
    });
  } else if (err?.type === 'encoding.unsupported' || err?.type === 'charset.unsupported') {
    res.status(415).json({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: 'Send the body as UTF-8 JSON',
      correlationId: currentCorrelationId(),
    });
  } else next(err);
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
