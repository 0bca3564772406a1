import type { IsoDate } from '@oversight/working-days';
import { ageOn } from './age.util';
import { tagRulesConfig, TagRulesConfig } from './tag-rules.config';

export type ConsentParty = 'SUBJECT' | 'GUARDIAN';

/**
 * Whose consent a voluntary tag needs (domain.md 3.1.3 "with the young person's agreement", 3.4.2): always the
 * person's own; a parent's or guardian's too below the local threshold (domain.md 3.1.6 [U], default under 18).
 */
export function requiredConsents(
  dateOfBirth: IsoDate,
  onDate: IsoDate,
  override: Partial<TagRulesConfig> = {},
): ConsentParty[] {
  const c = tagRulesConfig(override);
  return ageOn(dateOfBirth, onDate) < c.guardianConsentBelowAge ? ['SUBJECT', 'GUARDIAN'] : ['SUBJECT'];
}

/** Every party that must consent has (withdrawn consents do not count). */
export function consentComplete(required: readonly ConsentParty[], given: readonly ConsentParty[]): boolean {
  return required.every((p) => given.includes(p));
}
