/**
 * What the VRU pages show, as pure functions (table-tested in vru-view.spec.ts). They only decide which forms to
 * offer; the gateway and the services decide every action (a form shown by mistake is refused with a 4xx that the
 * page shows). The status lists mirror libs/vru/tag-rules and libs/vru/knife-swap-rules (vru-notes 3.5, domain.md
 * 3.4), which a platform-scoped app may not import.
 */

export const TAG_REFERRAL_STATUSES = [
  'RECEIVED',
  'MORE_INFO_REQUESTED',
  'DECLINED',
  'CONSENT_PENDING',
  'AWAITING_DEVICE',
  'ALLOCATED',
  'FITTED',
  'REMOVAL_DUE',
  'REMOVED',
  'CLOSED',
  'WITHDRAWN',
] as const;

export const KNIFE_SWAP_STATUSES = [
  'REFERRED',
  'DISCUSSED',
  'ELIGIBLE',
  'NOT_ELIGIBLE',
  'CONSENTED',
  'DECLINED',
  'SWAPPED',
  'FOLLOWED_UP',
  'WITHDRAWN',
] as const;

export const POOLS = ['VRU', 'IOM'] as const;
export const RISK_LEVELS = ['HIGH', 'MEDIUM', 'LOW'] as const;

/** Referrers and every VRU role see referral lists (partners their own organisation's only: the services decide). */
export const REFERRAL_READERS = ['PARTNER_REFERRER', 'VRU_COORDINATOR', 'VRU_MANAGER', 'VRU_PRACTITIONER'];
export const VRU_STAFF = ['VRU_COORDINATOR', 'VRU_MANAGER', 'VRU_PRACTITIONER'];

export interface Consent {
  party: string;
  withdrawnAt?: string | null;
}

export interface TagReferralActions {
  /** Coordinators triage a referral received (vru-notes 3.5: RECEIVED → accept, decline or ask for information). */
  triage: boolean;
  /** Parties whose consent is still needed while consent is pending (domain.md 3.4.1: subject, and a guardian under 18). */
  consentParties: string[];
}

export function tagReferralActions(
  roles: readonly string[],
  referral: { status: string; requiredConsents?: string[]; consents?: Consent[] },
): TagReferralActions {
  const coordinator = roles.includes('VRU_COORDINATOR');
  const recordsConsent = coordinator || roles.includes('VRU_PRACTITIONER');
  const given = new Set((referral.consents ?? []).filter((c) => !c.withdrawnAt).map((c) => c.party));
  return {
    triage: coordinator && referral.status === 'RECEIVED',
    consentParties:
      recordsConsent && referral.status === 'CONSENT_PENDING'
        ? (referral.requiredConsents ?? []).filter((p) => !given.has(p))
        : [],
  };
}

/** Sort key for risk, highest first when ascending. */
export function riskRank(level: unknown): number | undefined {
  const i = RISK_LEVELS.indexOf(level as (typeof RISK_LEVELS)[number]);
  return i < 0 ? undefined : i + 1;
}

/** Keeps only the allowed value of a filter from the query string. */
export function pick<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

export function statusColour(status: string): string {
  if (['DECLINED', 'WITHDRAWN', 'NOT_ELIGIBLE', 'CLOSED', 'REMOVED'].includes(status)) return 'grey';
  if (['RECEIVED', 'REFERRED', 'MORE_INFO_REQUESTED'].includes(status)) return 'blue';
  if (['REMOVAL_DUE', 'CONSENT_PENDING', 'AWAITING_DEVICE', 'DISCUSSED', 'ELIGIBLE'].includes(status))
    return 'yellow';
  return 'green';
}
