import type { LeapDayBirthdayRule } from './calendar-date.util';
import {
  CONDITION_PURPOSES,
  DISPOSAL_TYPES,
  type BreachDecisionType,
  type ConditionPurpose,
  type DisposalType,
  type OffenceClass,
  type OutcomeGroup,
  type SensitiveOffenceFlag,
} from './disposal.model';
import { OocrConfigError } from './oocr.errors';
import { isPoliceRank, type PoliceRank } from './police-rank.model';

// Every value tagged [S] or [U] in domain.md is a setting here, with the documented default and its rule id.
// [P] values sit here too, so that each disposal type is described in one place, but they restate the law:
// override them only when the law changes.

export type AdmissionRequirement = 'FULL_ADMISSION' | 'ADMISSION_OR_ACCEPTS_RESPONSIBILITY' | 'NOT_REQUIRED';

export interface ConditionRules {
  allowedPurposes: ConditionPurpose[];
  /** Total hours of unpaid work plus attendance not for rehabilitation. */
  maxNonRehabilitativeHours: number;
  /** Cap on the total financial penalty in pence, by offence class; null when a penalty may not be attached. */
  financialPenaltyCapPence: Record<OffenceClass, number> | null;
  /** A restrictive condition must name the rehabilitative or reparative purpose it serves. */
  restrictiveMustSupportAnotherPurpose: boolean;
}

export interface CompletionClockRules {
  defaultWeeks: number;
  maxWeeks: number;
}

export interface DisposalTypeRules {
  enabled: boolean;
  label: string;
  /** Home Office Counting Rules outcome number; null where unknown. */
  homeOfficeOutcomeCode: number | null;
  outcomeGroup: OutcomeGroup;
  /** Age in completed years on the disposal date; maxAge null means no upper limit. */
  minAge: number;
  maxAge: number | null;
  admission: AdmissionRequirement;
  requiresEvidenceToCharge: boolean;
  /** The effect explained with a warning that breach may lead to prosecution. */
  requiresBreachWarning: boolean;
  requiresSignedConsent: boolean;
  /** An appropriate adult is required when the offender is younger than this; null when never. */
  appropriateAdultUnderAge: number | null;
  requiresYotReferral: boolean;
  /** Lowest rank that may authorise; null when no authorisation is recorded for this type. */
  minimumAuthoriserRank: PoliceRank | null;
  /** A person authorised by the DPP may authorise instead of an officer. */
  dppAuthorisedPersonMayAuthorise: boolean;
  prosecutorDecisionForIndictableOnly: boolean;
  requiresVictimViews: boolean;
  /** The victim must agree, or a supervisor must override with a reason. */
  requiresVictimAgreementOrOverride: boolean;
  /** null when the disposal carries no conditions. */
  conditions: ConditionRules | null;
  /** null when the disposal has no completion period. */
  completion: CompletionClockRules | null;
  /** Empty when the disposal is not enforceable. */
  breachDecisions: BreachDecisionType[];
}

/**
 * One row of a force's authorisation matrix: when every criterion given matches, at least `minimumRank` must
 * authorise. Criteria left out match anything.
 */
export interface AuthorisationMatrixEntry {
  id: string;
  minimumRank: PoliceRank;
  disposalTypes?: DisposalType[];
  offenceClasses?: OffenceClass[];
  /** Force offence-type codes (e.g. Home Office offence codes). */
  offenceTypes?: string[];
  /** Matches when the offence severity (force gravity score) is at least this. */
  minSeverity?: number;
  /** true: only under-18s; false: only adults. */
  youth?: boolean;
  /** Matches when the offence carries any of these flags. */
  flags?: SensitiveOffenceFlag[];
}

export interface ProsecutionTimeLimitRules {
  summaryOnlyMonths: number;
  breachHandlingBufferDays: number;
  approachingWithinDays: number;
}

export interface OocrRulesConfig {
  disposalTypes: Record<DisposalType, DisposalTypeRules>;
  authorisationMatrix: AuthorisationMatrixEntry[];
  leapDayBirthday: LeapDayBirthdayRule;
  prosecutionTimeLimit: ProsecutionTimeLimitRules;
  breach: { variationMinimumRank: PoliceRank };
}

export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export type OocrRulesOverride = DeepPartial<OocrRulesConfig>;

const ALL_BREACH_DECISIONS: BreachDecisionType[] = [
  'VARY_CONDITIONS',
  'NO_ACTION',
  'ARREST_S24A',
  'PROSECUTE_ORIGINAL_OFFENCE',
];

const ADULT_CONDITIONS: ConditionRules = {
  // 2.1.4 [P]; RESTRICTIVE is 2.1.8 [S].
  allowedPurposes: [...CONDITION_PURPOSES],
  // 2.1.6 [P]: s22(3B) CJA 2003.
  maxNonRehabilitativeHours: 20,
  // 2.1.7 [P]: SI 2013/615.
  financialPenaltyCapPence: { SUMMARY_ONLY: 5_000, EITHER_WAY: 10_000, INDICTABLE_ONLY: 15_000 },
  // 2.1.8 [S]: restrictions only where they support reparation or rehabilitation.
  restrictiveMustSupportAnotherPurpose: true,
};

const NO_CONDITION_DISPOSAL = {
  requiresBreachWarning: false,
  requiresSignedConsent: false,
  appropriateAdultUnderAge: null,
  requiresYotReferral: false,
  dppAuthorisedPersonMayAuthorise: false,
  conditions: null,
  completion: null,
  breachDecisions: [],
} satisfies Partial<DisposalTypeRules>;

export const DEFAULT_OOCR_RULES_CONFIG: OocrRulesConfig = {
  disposalTypes: {
    ADULT_CONDITIONAL_CAUTION: {
      enabled: true,
      label: 'Adult conditional caution',
      homeOfficeOutcomeCode: 3, // 2.5.3 [U]
      outcomeGroup: 'OUT_OF_COURT_FORMAL', // 2.5.2 [S]
      minAge: 18, // 2.1.1 [P]
      maxAge: null,
      admission: 'FULL_ADMISSION', // 2.1.2 [P]
      requiresEvidenceToCharge: true, // 2.1.2 [P]
      requiresBreachWarning: true, // 2.1.2 [P]
      requiresSignedConsent: true, // 2.1.2 [P]
      appropriateAdultUnderAge: null,
      requiresYotReferral: false,
      minimumAuthoriserRank: 'SERGEANT', // 2.1.3 [P]
      dppAuthorisedPersonMayAuthorise: true, // 2.1.3 [P]
      prosecutorDecisionForIndictableOnly: true, // 2.1.3 [P]
      requiresVictimViews: true, // 2.1.9 [P]
      requiresVictimAgreementOrOverride: false,
      conditions: ADULT_CONDITIONS,
      completion: { defaultWeeks: 16, maxWeeks: 20 }, // 2.1.10 [S]/[U]
      breachDecisions: ALL_BREACH_DECISIONS, // 2.1.11, 2.1.12 [P]
    },
    YOUTH_CONDITIONAL_CAUTION: {
      enabled: true,
      label: 'Youth conditional caution',
      homeOfficeOutcomeCode: 2, // 2.5.3 [U]
      outcomeGroup: 'OUT_OF_COURT_FORMAL', // 2.5.2 [S]
      minAge: 10, // 2.3.2 [P]
      maxAge: 17, // 2.3.2 [P]
      admission: 'FULL_ADMISSION', // 2.3.2 [P]
      requiresEvidenceToCharge: true, // 2.3.2 [P]
      requiresBreachWarning: true, // 2.3.2 [P]
      requiresSignedConsent: true, // 2.3.2 [P]
      appropriateAdultUnderAge: 17, // 2.3.2 [P]: aged 16 or under
      requiresYotReferral: true, // 2.3.4 [S]
      minimumAuthoriserRank: 'SERGEANT', // [U] 2.3.2 names "the authorised person" without a rank; adult rule 2.1.3 assumed
      dppAuthorisedPersonMayAuthorise: true, // [U] by analogy with 2.1.3
      prosecutorDecisionForIndictableOnly: true, // [U] by analogy with 2.1.3
      requiresVictimViews: true, // 2.3.3 [P]
      requiresVictimAgreementOrOverride: false,
      conditions: {
        // 2.3.5 [S]; RESTRICTIVE [U] by analogy with 2.1.8; no foreign-offender conditions for children.
        allowedPurposes: ['REHABILITATIVE', 'REPARATIVE', 'PUNITIVE', 'RESTRICTIVE'],
        maxNonRehabilitativeHours: 20, // 2.3.5 [S]
        financialPenaltyCapPence: { SUMMARY_ONLY: 5_000, EITHER_WAY: 10_000, INDICTABLE_ONLY: 15_000 }, // [U] adult caps assumed
        restrictiveMustSupportAnotherPurpose: true, // [U] by analogy with 2.1.8
      },
      completion: { defaultWeeks: 16, maxWeeks: 20 }, // 2.3.6 [U]: Youth Code s9 figures not retrieved; adult 2.1.10 assumed
      breachDecisions: ALL_BREACH_DECISIONS, // 2.3.5 [S] prosecution (s66E); arrest and variation [U] by analogy with 2.1.12
    },
    YOUTH_CAUTION: {
      ...NO_CONDITION_DISPOSAL,
      enabled: true,
      label: 'Youth caution',
      homeOfficeOutcomeCode: 2, // 2.5.3 [U]
      outcomeGroup: 'OUT_OF_COURT_FORMAL', // 2.5.2 [S]
      minAge: 10, // [U] age of criminal responsibility; not stated in domain.md
      maxAge: 17, // 2.3.1 [P]: child or young person
      admission: 'FULL_ADMISSION', // 2.3.1 [P]
      requiresEvidenceToCharge: true, // 2.3.1 [P]
      appropriateAdultUnderAge: 17, // 2.3.1 [P]
      minimumAuthoriserRank: 'CONSTABLE', // 2.3.1 [P]: "a constable may give one"
      prosecutorDecisionForIndictableOnly: true, // [U] brief applies 2.1.3 to every disposal
      requiresVictimViews: false, // not stated for youth cautions
      requiresVictimAgreementOrOverride: false,
    },
    COMMUNITY_RESOLUTION: {
      ...NO_CONDITION_DISPOSAL,
      enabled: true,
      label: 'Community resolution',
      homeOfficeOutcomeCode: 8, // 2.5.3 [U]
      outcomeGroup: 'OUT_OF_COURT_INFORMAL', // 2.5.2 [S]
      minAge: 10, // [U] age of criminal responsibility; adult and youth community resolutions share one type
      maxAge: null,
      admission: 'ADMISSION_OR_ACCEPTS_RESPONSIBILITY', // 2.4.1 [S]
      requiresEvidenceToCharge: false,
      minimumAuthoriserRank: 'SERGEANT', // 2.4.6 [S] Kent SOP
      prosecutorDecisionForIndictableOnly: true, // [U] brief applies 2.1.3 to every disposal
      requiresVictimViews: true, // 2.4.2 [S]
      requiresVictimAgreementOrOverride: true, // 2.4.2 [S], 2.6.8
    },
    OUTCOME_22_DIVERSION: {
      ...NO_CONDITION_DISPOSAL,
      enabled: true,
      label: 'Outcome 22 deferred prosecution (diversion)',
      homeOfficeOutcomeCode: 22, // 2.5.1 [S]
      outcomeGroup: 'DIVERSIONARY', // 2.5.2 [S]
      minAge: 10, // [U] age of criminal responsibility
      maxAge: null,
      admission: 'NOT_REQUIRED', // 2.5.1 [S]
      requiresEvidenceToCharge: false,
      minimumAuthoriserRank: 'SERGEANT', // [U] not stated in domain.md
      prosecutorDecisionForIndictableOnly: true, // [U]
      requiresVictimViews: false, // [U] not stated
      requiresVictimAgreementOrOverride: false,
    },
    OUTCOME_22_DEFERRED_CAUTION: {
      ...NO_CONDITION_DISPOSAL,
      enabled: true,
      label: 'Outcome 22 deferred caution',
      homeOfficeOutcomeCode: 22, // 2.5.1 [S]
      outcomeGroup: 'DIVERSIONARY', // 2.5.2 [S]
      minAge: 10, // [U] age of criminal responsibility
      maxAge: null,
      admission: 'FULL_ADMISSION', // 2.5.1 [S]: the exception to O22 needing no admission
      requiresEvidenceToCharge: false,
      minimumAuthoriserRank: 'SERGEANT', // [U] not stated in domain.md
      prosecutorDecisionForIndictableOnly: true, // [U]
      requiresVictimViews: false, // [U] not stated
      requiresVictimAgreementOrOverride: false,
    },
    DIVERSIONARY_CAUTION: {
      enabled: false, // 2.2.2 [U]: PCSC Act 2022 Part 6 not shown as in force
      label: 'Diversionary caution (PCSC Act 2022)',
      homeOfficeOutcomeCode: null, // [U] no code known
      outcomeGroup: 'OUT_OF_COURT_FORMAL',
      minAge: 18, // 2.2.1 [P]
      maxAge: null,
      admission: 'FULL_ADMISSION', // 2.2.1 [P]
      requiresEvidenceToCharge: true, // [U] by analogy with 2.1.2
      requiresBreachWarning: true, // [U] by analogy with 2.1.2
      requiresSignedConsent: true, // 2.2.1 [P]
      appropriateAdultUnderAge: null,
      requiresYotReferral: false,
      minimumAuthoriserRank: 'SERGEANT', // [U]
      dppAuthorisedPersonMayAuthorise: true, // [U]
      prosecutorDecisionForIndictableOnly: true, // [U]
      requiresVictimViews: true, // [U]
      requiresVictimAgreementOrOverride: false,
      conditions: ADULT_CONDITIONS, // [U] adult conditional caution limits assumed
      completion: { defaultWeeks: 16, maxWeeks: 20 }, // [U]
      breachDecisions: ALL_BREACH_DECISIONS, // 2.2.1 [P] prosecution for the original offence; others [U]
    },
    COMMUNITY_CAUTION: {
      enabled: false, // 2.2.2 [U]
      label: 'Community caution (PCSC Act 2022)',
      homeOfficeOutcomeCode: null, // [U]
      outcomeGroup: 'OUT_OF_COURT_FORMAL',
      minAge: 18, // 2.2.1 [P]
      maxAge: null,
      admission: 'FULL_ADMISSION', // 2.2.1 [P]
      requiresEvidenceToCharge: true, // [U]
      requiresBreachWarning: true, // [U]
      requiresSignedConsent: true, // 2.2.1 [P]
      appropriateAdultUnderAge: null,
      requiresYotReferral: false,
      minimumAuthoriserRank: 'SERGEANT', // [U]
      dppAuthorisedPersonMayAuthorise: true, // [U]
      prosecutorDecisionForIndictableOnly: true, // [U]
      requiresVictimViews: true, // [U]
      requiresVictimAgreementOrOverride: false,
      conditions: ADULT_CONDITIONS, // [U]
      completion: { defaultWeeks: 16, maxWeeks: 20 }, // [U]
      // 2.2.1 [P]: breach leads to a financial penalty, never prosecution for the original offence or s24A arrest.
      breachDecisions: ['VARY_CONDITIONS', 'NO_ACTION'],
    },
  },
  // [U] 2.4.6 and Part 1 say some cases need an inspector, without saying which: a force supplies its own matrix.
  authorisationMatrix: [],
  // [U] not in domain.md: see LeapDayBirthdayRule.
  leapDayBirthday: 'MARCH_1',
  prosecutionTimeLimit: {
    summaryOnlyMonths: 6, // 2.1.13 [S] (MCA 1980 s127)
    breachHandlingBufferDays: 14, // [U] time to detect a breach, assess the excuse and lay an information
    approachingWithinDays: 28, // [U] when to escalate
  },
  breach: {
    variationMinimumRank: 'SERGEANT', // [U] not in domain.md; same rank as the original authorisation (2.1.3)
  },
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeDeep<T>(base: T, override: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(override)) {
    return (override === undefined ? base : override) as T;
  }
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value !== undefined) merged[key] = mergeDeep(merged[key], value);
  }
  return merged as T;
}

function configProblems(config: OocrRulesConfig): string[] {
  const problems: string[] = [];
  const nonNegative = (value: unknown, path: string) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      problems.push(`${path} must be a number >= 0`);
  };
  for (const type of DISPOSAL_TYPES) {
    const rules = config.disposalTypes[type];
    const path = `disposalTypes.${type}`;
    if (!isPlainObject(rules)) {
      problems.push(`${path} is missing`);
      continue;
    }
    nonNegative(rules.minAge, `${path}.minAge`);
    if (rules.maxAge !== null && !(rules.maxAge >= rules.minAge))
      problems.push(`${path}.maxAge must be >= minAge`);
    if (rules.minimumAuthoriserRank !== null && !isPoliceRank(rules.minimumAuthoriserRank)) {
      problems.push(`${path}.minimumAuthoriserRank is not a rank`);
    }
    if (rules.completion) {
      nonNegative(rules.completion.defaultWeeks, `${path}.completion.defaultWeeks`);
      if (!(rules.completion.maxWeeks >= rules.completion.defaultWeeks)) {
        problems.push(`${path}.completion.maxWeeks must be >= defaultWeeks`);
      }
    }
    if (rules.conditions) {
      nonNegative(rules.conditions.maxNonRehabilitativeHours, `${path}.conditions.maxNonRehabilitativeHours`);
      if (!Array.isArray(rules.conditions.allowedPurposes))
        problems.push(`${path}.conditions.allowedPurposes must be a list`);
    }
  }
  config.authorisationMatrix.forEach((entry, index) => {
    if (!isPoliceRank(entry.minimumRank))
      problems.push(`authorisationMatrix[${index}].minimumRank is not a rank`);
  });
  const limit = config.prosecutionTimeLimit;
  nonNegative(limit.summaryOnlyMonths, 'prosecutionTimeLimit.summaryOnlyMonths');
  nonNegative(limit.breachHandlingBufferDays, 'prosecutionTimeLimit.breachHandlingBufferDays');
  nonNegative(limit.approachingWithinDays, 'prosecutionTimeLimit.approachingWithinDays');
  if (!isPoliceRank(config.breach.variationMinimumRank))
    problems.push('breach.variationMinimumRank is not a rank');
  return problems;
}

/**
 * The defaults with `override` laid over them (objects merge, lists and scalars replace). Throws OocrConfigError
 * for an impossible config: that is a deployment mistake, not user input.
 */
export function resolveOocrRulesConfig(override: OocrRulesOverride = {}): OocrRulesConfig {
  const config = mergeDeep(DEFAULT_OOCR_RULES_CONFIG, override);
  const problems = configProblems(config);
  if (problems.length > 0) throw new OocrConfigError(problems);
  return config;
}

export function disposalTypeRules(type: DisposalType, override: OocrRulesOverride = {}): DisposalTypeRules {
  return resolveOocrRulesConfig(override).disposalTypes[type];
}

/** Home Office outcome for a disposal type (2.6.1: mapped through config because only O22 is confirmed). */
export function homeOfficeOutcome(
  type: DisposalType,
  override: OocrRulesOverride = {},
): { code: number | null; group: OutcomeGroup } {
  const rules = disposalTypeRules(type, override);
  return { code: rules.homeOfficeOutcomeCode, group: rules.outcomeGroup };
}

/** The disposal types switched on, in the order of DISPOSAL_TYPES. */
export function enabledDisposalTypes(override: OocrRulesOverride = {}): DisposalType[] {
  const config = resolveOocrRulesConfig(override);
  return DISPOSAL_TYPES.filter((type) => config.disposalTypes[type].enabled);
}
