import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessDeniedError, hasAnyRole, JwtVerifier, Role } from '@oversight/auth';
import { currentContext } from '@oversight/observability';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_ROLES } from './roles.decorator';

export const JWT_VERIFIER = Symbol('JWT_VERIFIER');

/**
 * Deny by default: every route needs a valid token and an explicit role list, unless marked @Public.
 * Object-level checks (team, restriction) stay in the service that owns the record.
 */
@Injectable()
export class PrincipalGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    // Kafka handlers are not called by users: their input is checked by the inbox consumer.
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const principal = await this.verifier.verifyAuthorizationHeader(req.headers['authorization']);
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
