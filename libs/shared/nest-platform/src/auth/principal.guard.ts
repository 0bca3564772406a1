import { CanActivate, ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  AccessDeniedError,
  AuthenticationError,
  hasAnyRole,
  INTERNAL_ASSERTION_HEADER,
  InternalAssertionVerifier,
  JwtVerifier,
  Role,
} from '@oversight/auth';
import { currentContext } from '@oversight/observability';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_ROLES } from './roles.decorator';

export const JWT_VERIFIER = Symbol('JWT_VERIFIER');
/** The gateway-assertion verifier of a service behind the gateway; absent on the gateway itself (the edge). */
export const INTERNAL_TRUST = Symbol('INTERNAL_TRUST');
const ACCESS_REASON_HEADER = 'x-access-reason';

/**
 * Deny by default: every route needs a valid token and an explicit role list, unless marked @Public.
 * Behind the gateway, a request must also carry the gateway's assertion for this very request (see
 * libs/shared/auth internal-assertion.ts): a direct call cannot skip the gateway's access-reason check
 * and consultation record. The access reason a handler sees is the one the gateway vouched for.
 * Object-level checks (team, restriction) stay in the service that owns the record.
 */
@Injectable()
export class PrincipalGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
    @Optional() @Inject(INTERNAL_TRUST) private readonly trust?: InternalAssertionVerifier,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    // Kafka handlers are not called by users: their input is checked by the inbox consumer.
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const vouched = this.trust
      ? await this.trust.verify(req.headers[INTERNAL_ASSERTION_HEADER], {
          method: req.method,
          pathAndQuery: req.originalUrl ?? req.url,
        })
      : undefined;
    const principal = await this.verifier.verifyAuthorizationHeader(req.headers['authorization']);
    if (vouched) {
      if (vouched.principal.subject !== principal.subject)
        throw new AuthenticationError('INVALID_CLAIMS', 'The gateway assertion was made for another user');
      if (vouched.reason) req.headers[ACCESS_REASON_HEADER] = vouched.reason;
      else delete req.headers[ACCESS_REASON_HEADER];
      req.gatewayRoute = vouched.route;
    }
    req.principal = principal;
    const context = currentContext();
    if (context) {
      context.actorSubject = principal.subject;
      context.actorRoles = principal.roles;
      context.actorTeam = principal.team;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (!roles || roles.length === 0) throw new AccessDeniedError('This operation is not open to any role');
    if (!hasAnyRole(principal, roles))
      throw new AccessDeniedError(`This operation needs one of the roles: ${roles.join(', ')}`);
    return true;
  }
}
