/** Every role the platform knows. A user holds one or more; routes and records name the roles they allow. */
export const Role = {
  OpccReviewer: 'OPCC_REVIEWER',
  OpccManager: 'OPCC_MANAGER',
  CjOpsOfficer: 'CJ_OPS_OFFICER',
  CjOpsSupervisor: 'CJ_OPS_SUPERVISOR',
  VruCoordinator: 'VRU_COORDINATOR',
  /** VRU programme manager: approves exceptions (long tag episodes), sees board reports and special-category breakdowns. */
  VruManager: 'VRU_MANAGER',
  /**
   * Trained VRU practitioner (tag fitter / data reviewer, SKRS delivery officer): fits and removes tags,
   * reviews the previous day's device data, records knife swaps and custody of surrendered knives.
   */
  VruPractitioner: 'VRU_PRACTITIONER',
  PartnerReferrer: 'PARTNER_REFERRER',
  Auditor: 'AUDITOR',
  Administrator: 'ADMINISTRATOR',
  /**
   * A member of the public applying for a review of their own complaint (or as its representative),
   * signed in through a citizen identity provider. Sees only what they submitted.
   */
  ReviewApplicant: 'REVIEW_APPLICANT',
} as const;

export type Role = (typeof Role)[keyof typeof Role];

export const ALL_ROLES: readonly Role[] = Object.values(Role);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ALL_ROLES as readonly string[]).includes(value);
}

/** The authenticated caller, as every service sees it after token verification. */
export interface Principal {
  subject: string;
  displayName: string;
  roles: Role[];
  /** OPCC team, CJ Ops unit or VRU team: drives access to restricted cases. */
  team?: string;
  /** For partner referrers: police team, early help or youth justice service. */
  organisation?: string;
}

export function hasAnyRole(principal: Principal, allowed: readonly Role[]): boolean {
  return principal.roles.some((r) => allowed.includes(r));
}
