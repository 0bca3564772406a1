import type { SessionUser } from '../web/session.types';

type Claims = Record<string, unknown>;

/**
 * Who is signed in, for navigation and for hiding actions (the gateway enforces access from the access
 * token). The ID token says who the user is; roles and team come from it when the provider puts them
 * there (Entra ID app roles, the local issuer), otherwise from the access token as with local sign-in.
 */
export function userFromClaims(idClaims: Claims, accessClaims?: Claims): SessionUser {
  const roles = Array.isArray(idClaims.roles) ? idClaims.roles : accessClaims?.roles;
  const team = typeof idClaims.team === 'string' ? idClaims.team : accessClaims?.team;
  const sub = String(idClaims.sub);
  const name = idClaims.name ?? accessClaims?.name;
  return {
    username: sub,
    name: typeof name === 'string' && name ? name : sub,
    roles: Array.isArray(roles) ? roles.map(String) : [],
    team: typeof team === 'string' ? team : undefined,
  };
}
