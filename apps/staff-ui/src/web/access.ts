import type { Request } from 'express';
import { NotAllowedError } from '../gateway/gateway.errors';

/**
 * Refuses a page to a user without one of the roles before anything is fetched. This is usability and
 * defence in depth; the gateway enforces the same rule on every API call behind the page.
 */
export function requireRole(req: Request, ...roles: string[]): void {
  const held = req.session.user?.roles ?? [];
  if (!roles.some((r) => held.includes(r))) throw new NotAllowedError('role not held');
}

export function hasRole(req: Request, ...roles: string[]): boolean {
  const held = req.session.user?.roles ?? [];
  return roles.some((r) => held.includes(r));
}
