/**
 * Every value of the tag programme that domain.md marks [S] (public, secondary) or [U] (unconfirmed): configuration
 * with the documented default. Functions take a partial override as their last argument.
 */
export type RiskLevel = 'LOW' | 'MEDIUM' | 'HIGH';
export type PoolCode = 'IOM' | 'VRU';

export interface TagRulesConfig {
  /** domain.md 3.1.1 [S]: the programme is for people up to age 25. */
  upperAge: number;
  /** domain.md 3.4.1 [U]: the VRU pool is for young people; the local band may narrow it (Kent cohort 12–18). */
  vruPoolBand: { minAge: number; maxAge: number };
  /** domain.md 3.1.6 / 3.4.2 [U]: a parent or guardian consents as well below this age. */
  guardianConsentBelowAge: number;
  /** domain.md 3.2.2 [U]: no voluntary alcohol-tag scheme was found, so alcohol tags are off unless a VRU offers them. */
  alcoholTagsOffered: boolean;
  /** domain.md 3.1.3 [S], 3.4.3: about 6 weeks, 6 to 8 weeks; longer only with a manager's reason (observed 7–234 days). */
  episode: { defaultDays: number; extendedDays: number; managerMaxDays: number; minDays: number };
  /** domain.md 3.1.3 [S]: phone contact more often for higher risk; the intervals are local policy [U]. */
  contactEveryDays: Record<RiskLevel, number>;
  /** vru-notes 3.1 [S]: outcomes measured up to 9 months after removal. */
  followUpMonths: readonly number[];
  /** Pool sizes (domain.md Part 1 "Buddi tags": IOM 15, VRU 8). */
  poolSizes: Record<PoolCode, number>;
}

export const DEFAULT_TAG_RULES_CONFIG: TagRulesConfig = {
  upperAge: 25,
  vruPoolBand: { minAge: 12, maxAge: 18 },
  guardianConsentBelowAge: 18,
  alcoholTagsOffered: false,
  episode: { defaultDays: 42, extendedDays: 56, managerMaxDays: 234, minDays: 1 },
  contactEveryDays: { HIGH: 2, MEDIUM: 3, LOW: 7 },
  followUpMonths: [3, 6, 9],
  poolSizes: { IOM: 15, VRU: 8 },
};

export class TagRulesConfigError extends Error {
  override readonly name = 'TagRulesConfigError';
}

/** The defaults with an override laid over them; an impossible combination is refused (a programmer or config error). */
export function tagRulesConfig(override: Partial<TagRulesConfig> = {}): TagRulesConfig {
  const c: TagRulesConfig = {
    ...DEFAULT_TAG_RULES_CONFIG,
    ...override,
    vruPoolBand: { ...DEFAULT_TAG_RULES_CONFIG.vruPoolBand, ...override.vruPoolBand },
    episode: { ...DEFAULT_TAG_RULES_CONFIG.episode, ...override.episode },
    contactEveryDays: { ...DEFAULT_TAG_RULES_CONFIG.contactEveryDays, ...override.contactEveryDays },
    poolSizes: { ...DEFAULT_TAG_RULES_CONFIG.poolSizes, ...override.poolSizes },
  };
  const problems: string[] = [];
  if (c.upperAge < 10 || c.upperAge > 25) problems.push('upperAge must be 10–25 (domain.md 3.1.1: up to 25)');
  if (c.vruPoolBand.minAge > c.vruPoolBand.maxAge || c.vruPoolBand.maxAge > c.upperAge)
    problems.push('vruPoolBand must be a band within the upper age');
  const e = c.episode;
  if (
    !(
      e.minDays >= 1 &&
      e.minDays <= e.defaultDays &&
      e.defaultDays <= e.extendedDays &&
      e.extendedDays <= e.managerMaxDays
    )
  )
    problems.push('episode lengths must satisfy 1 ≤ min ≤ default ≤ extended ≤ managerMax');
  for (const [k, v] of Object.entries(c.contactEveryDays))
    if (!Number.isInteger(v) || v < 1)
      problems.push(`contactEveryDays.${k} must be a whole number of days ≥ 1`);
  if (
    c.contactEveryDays.HIGH > c.contactEveryDays.MEDIUM ||
    c.contactEveryDays.MEDIUM > c.contactEveryDays.LOW
  )
    problems.push('contact must be at least as frequent for higher risk (domain.md 3.1.3)');
  for (const [k, v] of Object.entries(c.poolSizes))
    if (!Number.isInteger(v) || v < 0) problems.push(`poolSizes.${k} must be a whole number ≥ 0`);
  if (problems.length) throw new TagRulesConfigError(problems.join('; '));
  return c;
}
