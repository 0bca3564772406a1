import { isAfter, isIsoDate, type IsoDate } from '@oversight/working-days';
import { ageOn } from './age.util';
import type { RuleViolation } from './rule-result.model';
import { PoolCode, tagRulesConfig, TagRulesConfig } from './tag-rules.config';

/** domain.md 3.1.1 / 3.4.1: what a tag referral may be for. */
export const REFERRAL_GROUNDS = [
  'CRIMINAL_EXPLOITATION_RISK',
  'TRAFFICKING_RISK',
  'HIGH_HARM_OFFENDER',
] as const;
export type ReferralGrounds = (typeof REFERRAL_GROUNDS)[number];

/** domain.md 3.1.5, 3.4.5: only VOLUNTARY monitoring belongs here; the others are statutory electronic monitoring. */
export const MONITORING_BASES = [
  'VOLUNTARY',
  'STATUTORY',
  'COURT_ORDERED',
  'LICENCE_CONDITION',
  'BAIL',
] as const;
export type MonitoringBasis = (typeof MONITORING_BASES)[number];

export const TAG_TYPES = ['GPS', 'ALCOHOL'] as const;
export type TagType = (typeof TAG_TYPES)[number];

/** A date of birth giving an age under this is not a plausible tag subject (age of criminal responsibility) [U]. */
export const MIN_PLAUSIBLE_AGE = 10;

export interface EligibilityInput {
  dateOfBirth: IsoDate;
  /** The day eligibility is judged on (referral date at intake, triage date at triage). */
  onDate: IsoDate;
  grounds: string;
  monitoringBasis: string;
  tagType: string;
  pool: PoolCode;
  /** domain.md 3.1.1: the tag works within a multi-agency support plan. */
  multiAgencyPlanRef?: string | null;
}

/**
 * Whether a person may be offered a voluntary tag (domain.md 3.1.1, 3.1.5, 3.2.2, 3.4.1, 3.4.5). Returns every broken
 * rule; an empty list means eligible. Never throws on user input.
 */
export function checkEligibility(
  input: EligibilityInput,
  override: Partial<TagRulesConfig> = {},
): RuleViolation[] {
  const c = tagRulesConfig(override);
  const v: RuleViolation[] = [];
  if (!(REFERRAL_GROUNDS as readonly string[]).includes(input.grounds))
    v.push({
      rule: 'TAG_GROUNDS_UNKNOWN',
      field: 'grounds',
      message: `grounds must be one of ${REFERRAL_GROUNDS.join(', ')} (domain.md 3.1.1)`,
    });
  if (!(MONITORING_BASES as readonly string[]).includes(input.monitoringBasis))
    v.push({
      rule: 'TAG_BASIS_UNKNOWN',
      field: 'monitoringBasis',
      message: `monitoringBasis must be one of ${MONITORING_BASES.join(', ')}`,
    });
  else if (input.monitoringBasis !== 'VOLUNTARY')
    v.push({
      rule: 'TAG_NOT_VOLUNTARY',
      field: 'monitoringBasis',
      message: `a ${input.monitoringBasis.toLowerCase().replace('_', ' ')} tag is statutory electronic monitoring, not the voluntary programme: refer it to the monitoring service that enforces it (domain.md 3.1.5, 3.4.5)`,
    });
  if (!(TAG_TYPES as readonly string[]).includes(input.tagType))
    v.push({
      rule: 'TAG_TYPE_UNKNOWN',
      field: 'tagType',
      message: `tagType must be one of ${TAG_TYPES.join(', ')}`,
    });
  else if (input.tagType === 'ALCOHOL' && !c.alcoholTagsOffered)
    v.push({
      rule: 'TAG_ALCOHOL_NOT_OFFERED',
      field: 'tagType',
      message:
        'alcohol tags are not offered by this programme (domain.md 3.2.2: no voluntary scheme; switch on in configuration if the VRU runs one)',
    });
  if (!input.multiAgencyPlanRef?.trim())
    v.push({
      rule: 'TAG_NO_MULTI_AGENCY_PLAN',
      field: 'multiAgencyPlanRef',
      message: 'name the multi-agency plan the tag sits in (domain.md 3.1.1)',
    });
  if (!isIsoDate(input.dateOfBirth)) {
    v.push({
      rule: 'TAG_INVALID_DATE',
      field: 'dateOfBirth',
      message: 'dateOfBirth must be a real date YYYY-MM-DD',
    });
    return v;
  }
  if (!isIsoDate(input.onDate)) throw new RangeError(`onDate ${input.onDate} is not a date`);
  if (isAfter(input.dateOfBirth, input.onDate)) {
    v.push({
      rule: 'TAG_DATE_OF_BIRTH_IN_FUTURE',
      field: 'dateOfBirth',
      message: 'dateOfBirth is after today',
    });
    return v;
  }
  const age = ageOn(input.dateOfBirth, input.onDate);
  if (age < MIN_PLAUSIBLE_AGE)
    v.push({
      rule: 'TAG_AGE_IMPLAUSIBLE',
      field: 'dateOfBirth',
      message: `dateOfBirth gives age ${age}: under ${MIN_PLAUSIBLE_AGE} is not a tag subject; check the date`,
    });
  else if (age > c.upperAge)
    v.push({
      rule: 'TAG_OVER_UPPER_AGE',
      field: 'dateOfBirth',
      message: `aged ${age}: the programme is for people up to ${c.upperAge} (domain.md 3.1.1)`,
    });
  else if (input.pool === 'VRU' && (age < c.vruPoolBand.minAge || age > c.vruPoolBand.maxAge))
    v.push({
      rule: 'TAG_VRU_POOL_AGE_BAND',
      field: 'pool',
      message: `aged ${age}: the VRU pool is for ages ${c.vruPoolBand.minAge}–${c.vruPoolBand.maxAge} (domain.md 3.4.1, local band); use the IOM pool`,
    });
  return v;
}
