import {
  All,
  BadRequestException,
  Controller,
  HttpException,
  MethodNotAllowedException,
  NotFoundException,
  Req,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  AccessDeniedError,
  hasAnyRole,
  INTERNAL_ASSERTION_HEADER,
  InternalAssertionSigner,
  JwtVerifier,
  Principal,
} from '@oversight/auth';
import {
  CORRELATION_ID_HEADER,
  currentContext,
  currentCorrelationId,
  createLogger,
  injectTraceHeaders,
  SpanKind,
  withSpan,
} from '@oversight/observability';
import { Public } from '@oversight/nest-platform';
import type { Request, Response } from 'express';
import { AccessRecorder } from '../access/access.recorder';
import { GatewayEnv } from '../config/gateway.env';
import { RouteMatcher } from './route.matcher';
import { Upstream } from './route.table';
import { UpstreamClient, UpstreamResponse } from './upstream.client';

export const ACCESS_REASON_HEADER = 'x-access-reason';
const REASON = /^[^\r\n]{5,500}$/;

/**
 * The public API: every /api/* request is authenticated, checked against the route table, forwarded
 * to the owning service over HTTP (loopback / cluster network), and — for reads of personal data —
 * recorded for the audit trail before the response is released.
 */
@ApiExcludeController()
@Public() // authentication and authorisation are done here, against the route table
@Controller('api')
export class ProxyController {
  private readonly log = createLogger('ProxyController');
  private readonly matcher = new RouteMatcher();
  private readonly upstreams: Record<Upstream, string>;

  constructor(
    env: GatewayEnv,
    private readonly verifier: JwtVerifier,
    private readonly access: AccessRecorder,
    private readonly signer: InternalAssertionSigner,
    private readonly http: UpstreamClient,
  ) {
    this.upstreams = env.upstreams();
  }

  @All('*path')
  async forward(@Req() req: Request, @Res() res: Response): Promise<void> {
    const path = req.path.replace(/^\/api/, '');
    const principal: Principal = await this.verifier.verifyAuthorizationHeader(req.headers.authorization);
    const ctx = currentContext();
    if (ctx)
      Object.assign(ctx, {
        actorSubject: principal.subject,
        actorRoles: principal.roles,
        actorTeam: principal.team,
      });

    const match = this.matcher.match(req.method, path);
    if (!('rule' in match)) {
      if (match.methodMismatch)
        throw new MethodNotAllowedException(`${req.method} is not allowed on ${path}`);
      throw new NotFoundException(`No API route ${req.method} ${path}`);
    }
    const { rule, params } = match;
    const routeName = `${rule.method} ${rule.path}`;
    const reason = req.header(ACCESS_REASON_HEADER);
    if (reason !== undefined && !REASON.test(reason))
      throw new BadRequestException(`${ACCESS_REASON_HEADER} must be 5-500 characters on one line`);

    if (!hasAnyRole(principal, rule.roles)) {
      if (rule.access)
        await this.access.record({
          principal,
          policy: rule.access,
          recordId: params[rule.access.idParam],
          route: routeName,
          statusCode: 403,
          justification: reason,
        });
      throw new AccessDeniedError(`${routeName} needs one of the roles: ${rule.roles.join(', ')}`);
    }
    if (rule.access?.justification === 'required' && !reason)
      throw new BadRequestException(
        `Reading this record needs a reason: send it in the ${ACCESS_REASON_HEADER} header`,
      );

    const upstream = await this.callUpstream(rule.upstream, match.upstreamPath, req, {
      principal,
      route: routeName,
      reason,
    });
    // Recorded when data was released, or refused by the owning service's record-level rules;
    // a 400/404 released nothing and is not an access.
    if (rule.access && (upstream.status < 300 || upstream.status === 403)) {
      await this.access.record({
        principal,
        policy: rule.access,
        recordId: params[rule.access.idParam],
        route: routeName,
        statusCode: upstream.status,
        justification: reason,
      });
    }
    res.status(upstream.status);
    if (upstream.contentType) res.setHeader('content-type', upstream.contentType);
    res.send(upstream.body);
  }

  private async callUpstream(
    upstream: Upstream,
    upstreamPath: string,
    req: Request,
    vouch: { principal: Principal; route: string; reason?: string },
  ): Promise<UpstreamResponse> {
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    const reason = vouch.reason;
    // The service accepts the request only with this: the gateway's word that the route table, the
    // reason requirement and the access record were applied to exactly this request.
    const assertion = await this.signer.sign({
      service: upstream,
      method: req.method,
      pathAndQuery: `${upstreamPath}${query}`,
      ...vouch,
    });
    const headers: Record<string, string> = {
      authorization: req.headers.authorization ?? '',
      [CORRELATION_ID_HEADER]: currentCorrelationId(),
      accept: req.header('accept') === 'text/csv' ? 'text/csv' : 'application/json',
      [INTERNAL_ASSERTION_HEADER]: assertion,
    };
    if (reason) headers[ACCESS_REASON_HEADER] = reason;
    const hasBody = !['GET', 'HEAD', 'DELETE'].includes(req.method) && req.body !== undefined;
    if (hasBody) headers['content-type'] = 'application/json';
    try {
      // A CLIENT span for the upstream call; its `traceparent` makes the service's span its child.
      return await withSpan(
        `${req.method} ${upstream}`,
        {
          kind: SpanKind.CLIENT,
          attributes: { 'http.request.method': req.method, 'server.address': upstream },
        },
        async (span) => {
          const response = await this.http.call(`${this.upstreams[upstream]}${upstreamPath}${query}`, {
            method: req.method,
            headers: injectTraceHeaders(headers),
            body: hasBody ? JSON.stringify(req.body) : undefined,
          });
          span.setAttribute('http.response.status_code', response.status);
          return response;
        },
      );
    } catch (err) {
      this.log.error({ upstream, err: (err as Error).message }, 'upstream unreachable');
      throw new HttpException(
        {
          statusCode: 503,
          error: 'Service Unavailable',
          message: `The ${upstream} service is unavailable; try again shortly`,
        },
        503,
      );
    }
  }
}
