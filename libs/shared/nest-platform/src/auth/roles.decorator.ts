import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Principal, Role } from '@oversight/auth';

export const REQUIRED_ROLES = 'oversight:requiredRoles';
/** The roles allowed to call a handler. A handler without it (and not @Public) is refused to everyone. */
export const AllowRoles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().principal;
});
