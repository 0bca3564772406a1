import { hasAnyRole, isRole, Principal, Role } from './roles';

/**
 * The team rules of one record, carried with anything derived from it (a letter about a case, held by the
 * notifications service), so that whoever serves the derived data applies the owning service's rules.
 */
export interface RecordAccessScope {
  /** The team that owns the record. */
  team?: string;
  /** Restricted records are readable only by their team and by rolesAcrossTeams. */
  restricted: boolean;
  /** Roles that read restricted records of every team (e.g. OPCC managers). */
  rolesAcrossTeams: readonly Role[];
}

/**
 * May this caller read a record with this scope? Role checks per route come first; this is the
 * record-level rule (domain.md: restricted reviews are seen only by the owning team and managers).
 */
export function mayReadRecord(scope: RecordAccessScope, principal: Principal): boolean {
  if (!scope.restricted) return true;
  if (hasAnyRole(principal, scope.rolesAcrossTeams)) return true;
  return !!principal.team && !!scope.team && principal.team === scope.team;
}

/**
 * May this caller read data derived from a record (a letter about a case) held by another service?
 * With the record's scope, the owning service's rule (mayReadRecord). Without one (requested before
 * scopes existed, or by a requester that sends none) the holder cannot know whether the record was
 * restricted, so it fails closed: only the roles that may read every record of the area.
 */
export function mayReadDerived(
  scope: RecordAccessScope | undefined,
  principal: Principal,
  rolesReadingEveryRecord: readonly Role[],
): boolean {
  return scope ? mayReadRecord(scope, principal) : hasAnyRole(principal, rolesReadingEveryRecord);
}

/**
 * A scope as it was stored (JSON), read defensively: anything but an explicit `restricted: false` is
 * restricted, unknown roles are dropped, and something that is not a scope object is no scope at all.
 */
export function recordAccessScopeFrom(json: unknown): RecordAccessScope | undefined {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const o = json as Record<string, unknown>;
  return {
    team: typeof o['team'] === 'string' && o['team'] !== '' ? o['team'] : undefined,
    restricted: o['restricted'] !== false,
    rolesAcrossTeams: Array.isArray(o['rolesAcrossTeams']) ? o['rolesAcrossTeams'].filter(isRole) : [],
  };
}
