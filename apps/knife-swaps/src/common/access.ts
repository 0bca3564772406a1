import { AccessDeniedError, hasAnyRole, Principal, Role } from '@oversight/auth';

/** VRU staff who work SKRS cases: see every referral, of every organisation. */
export const VRU_STAFF = [Role.VruCoordinator, Role.VruManager, Role.VruPractitioner] as const;

/**
 * Roles that need domestic-abuse cases (issue 12, "DA cases restricted"): the coordinator decides them, the
 * practitioner visits the household, the manager oversees them. Partner referrers, even the referring one,
 * see their status in the list but not the record; every read of a DA record gives a reason and is logged.
 */
export const DA_READERS = [Role.VruCoordinator, Role.VruManager, Role.VruPractitioner] as const;

export const isVruStaff = (p: Principal): boolean => hasAnyRole(p, VRU_STAFF);

/** A partner referrer's organisation (from the token's `org` claim); without one it can see nothing. */
export function partnerOrganisation(p: Principal): string {
  if (!p.organisation)
    throw new AccessDeniedError('Your account names no organisation: ask the VRU to set it before referring');
  return p.organisation;
}
