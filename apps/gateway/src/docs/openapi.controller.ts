import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController, OpenAPIObject } from '@nestjs/swagger';
import { documentErrorResponses, Public } from '@oversight/nest-platform';
import { createLogger } from '@oversight/observability';
import { GatewayEnv } from '../config/gateway.env';
import { ROUTES } from '../routing/route.table';

/**
 * One OpenAPI document for the whole public API: each service's own document, with paths moved
 * under /api/<service> and limited to the routes the gateway exposes, plus the gateway's own.
 */
@ApiExcludeController()
@Public()
@Controller('docs')
export class OpenApiController {
  private readonly log = createLogger('OpenApiController');
  static gatewayDocument: OpenAPIObject;

  constructor(private readonly env: GatewayEnv) {}

  @Get('openapi.json')
  async document(): Promise<OpenAPIObject> {
    const merged: OpenAPIObject = JSON.parse(JSON.stringify(OpenApiController.gatewayDocument));
    merged.components = { ...merged.components, schemas: { ...(merged.components?.schemas ?? {}) } };
    const services = this.env.upstreams();
    for (const [name, base] of Object.entries(services)) {
      try {
        const doc = (await (
          await fetch(`${base}/openapi.json`, { signal: AbortSignal.timeout(3000) })
        ).json()) as OpenAPIObject;
        for (const route of ROUTES.filter((r) => r.upstream === name)) {
          const upstreamKey = route.upstreamPath.replace(/:([a-zA-Z]+)/g, '{$1}');
          const op = doc.paths?.[upstreamKey]?.[route.method.toLowerCase() as 'get'];
          if (!op) continue;
          const publicKey = `/api${route.path.replace(/:([a-zA-Z]+)/g, '{$1}')}`;
          merged.paths[publicKey] = {
            ...(merged.paths[publicKey] ?? {}),
            [route.method.toLowerCase()]: {
              ...op,
              description: `${op.description ?? ''}\n\nRoles: ${route.roles.join(', ')}`.trim(),
            },
          };
        }
        Object.assign(merged.components!.schemas!, doc.components?.schemas ?? {});
      } catch (err) {
        this.log.warn(
          { service: name, err: (err as Error).message },
          'service OpenAPI unavailable; left out of the merged document',
        );
      }
    }
    // The gateway's own routes, and whatever a service left out, get the shared error answers too.
    return documentErrorResponses(merged);
  }
}
