import { AccessDeniedError, hasAnyRole, Principal, Role } from '@oversight/auth';

/** VRU staff who work SKRS cases: see every referral, of every organisation. */
export const VRU_STAFF = [Role.VruCoordinator, Role.VruManager, Role.VruPractitioner] as const;

/**
 * Roles that need domestic-abuse cases (issue 12, "DA cases restricted"): the coordinator decides them, the
 * practitioner visits the household, the manager oversees them. Partner referrers, even the referring one,
 * see their status in the list but not the record; every read of a DA record gives a reason and is logged.
 */
export const DA_READERS = [Role.VruCoordinator, Role.VruManager, Role.VruPractitioner] as const;

/**
 * Roles shown a domestic-abuse household's safe contact (`safeContact`: the channel agreed with the victim, and its
 * address or number): the coordinator arranges the discussion, the practitioner visits and tells the household in
 * person when nothing may be sent, the manager oversees. There is no referring practitioner among the readers of a
 * DA record: referrals are made by partner referrers (or the coordinator on their behalf), and a partner, even the
 * referring one, does not read the DA record at all, so never sees it. Every read that shows it gave a reason.
 */
export const SAFE_CONTACT_READERS = [Role.VruCoordinator, Role.VruManager, Role.VruPractitioner] as const;

export const isVruStaff = (p: Principal): boolean => hasAnyRole(p, VRU_STAFF);

/** A partner referrer's organisation (from the token's `org` claim); without one it can see nothing. */
export function partnerOrganisation(p: Principal): string {
  if (!p.organisation)
    throw new AccessDeniedError('Your account names no organisation: ask the VRU to set it before referring');
  return p.organisation;
}
