/**
 * Special-category data at referral, for equality monitoring of the scheme only (domain.md 4.2.5: sensitive
 * processing, racial or ethnic origin, health; 4.4.3: stored separately, field-level access, excluded from default
 * exports). Closed lists, each with "not stated": the person may decline to say, and the referral does not depend
 * on it. Ethnic groups are the five high-level groups of the 2021 Census for England and Wales.
 */
export const ETHNIC_GROUPS = ['ASIAN', 'BLACK', 'MIXED', 'WHITE', 'OTHER', 'NOT_STATED'] as const;
export const SEXES = ['FEMALE', 'MALE', 'NOT_STATED'] as const;
export const DISABILITY = ['YES', 'NO', 'NOT_STATED'] as const;
export type EthnicGroup = (typeof ETHNIC_GROUPS)[number];
export type Sex = (typeof SEXES)[number];
export type Disability = (typeof DISABILITY)[number];

export interface BreakdownCell {
  key: string;
  /** null when suppressed. */
  referrals: number | null;
  suppressed: boolean;
}

/**
 * A breakdown with small numbers suppressed: with 8 VRU tags, a count of 1 or 2 in a group can point at a young
 * person the board knows (domain.md 4.4.3; threshold [U], TAG_REPORT_SUPPRESS_BELOW). Every key of the closed list
 * appears, in list order; 0 is shown (it identifies no one), 1..below-1 are suppressed.
 */
export function suppressSmallCounts(
  keys: readonly string[],
  counts: ReadonlyMap<string, number>,
  below: number,
): BreakdownCell[] {
  return keys.map((key) => {
    const n = counts.get(key) ?? 0;
    const suppressed = n > 0 && n < below;
    return { key, referrals: suppressed ? null : n, suppressed };
  });
}
