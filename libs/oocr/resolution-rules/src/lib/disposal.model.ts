// Vocabulary shared by the rules. Spelled as string unions so that values arriving as JSON (Kafka, HTTP) can be
// checked at run time against the exported lists.

/**
 * domain.md 2.6.1: every disposal the product knows. DIVERSIONARY_CAUTION and COMMUNITY_CAUTION are the PCSC Act
 * 2022 Part 6 cautions (2.2.1 [P]), not in force when written (2.2.2 [U]); they are switched off in the default
 * config rather than left out, so commencement is a configuration change.
 */
export const DISPOSAL_TYPES = [
  'COMMUNITY_RESOLUTION',
  'ADULT_CONDITIONAL_CAUTION',
  'YOUTH_CAUTION',
  'YOUTH_CONDITIONAL_CAUTION',
  'OUTCOME_22_DIVERSION',
  'OUTCOME_22_DEFERRED_CAUTION',
  'DIVERSIONARY_CAUTION',
  'COMMUNITY_CAUTION',
] as const;
export type DisposalType = (typeof DISPOSAL_TYPES)[number];

export function isDisposalType(value: unknown): value is DisposalType {
  return typeof value === 'string' && (DISPOSAL_TYPES as readonly string[]).includes(value);
}

/** Mode of trial; drives the financial-penalty cap (2.1.7), the prosecutor gate (2.1.3) and the s127 limit (2.1.13). */
export const OFFENCE_CLASSES = ['SUMMARY_ONLY', 'EITHER_WAY', 'INDICTABLE_ONLY'] as const;
export type OffenceClass = (typeof OFFENCE_CLASSES)[number];

export function isOffenceClass(value: unknown): value is OffenceClass {
  return typeof value === 'string' && (OFFENCE_CLASSES as readonly string[]).includes(value);
}

/** Flags that make an out-of-court resolution "generally unsuitable" (2.1.3 [P], 2.4.6 [S]). */
export type SensitiveOffenceFlag = 'DOMESTIC_ABUSE' | 'HATE_CRIME';

/** domain.md 2.1.4 [P] (rehabilitation, reparation, punishment, foreign offender); RESTRICTIVE is 2.1.8 [S]. */
export const CONDITION_PURPOSES = [
  'REHABILITATIVE',
  'REPARATIVE',
  'PUNITIVE',
  'RESTRICTIVE',
  'FOREIGN_OFFENDER',
] as const;
export type ConditionPurpose = (typeof CONDITION_PURPOSES)[number];

/** What a condition asks for; only the kinds with a statutory limit are distinguished. */
export type ConditionKind =
  | 'ATTENDANCE'
  | 'UNPAID_WORK'
  | 'FINANCIAL_PENALTY'
  | 'COMPENSATION'
  | 'APOLOGY'
  | 'REPAIR'
  | 'COURSE'
  | 'RESTRICTION'
  | 'DEPARTURE_FROM_UK'
  | 'OTHER';

/** How far the offender has accepted the offence. A community resolution accepts responsibility (2.4.1 [S]). */
export type AdmissionStatus = 'ADMITTED' | 'ACCEPTS_RESPONSIBILITY' | 'NOT_ADMITTED';

/** domain.md 2.6.6: outcomes of a breach of conditions. */
export const BREACH_DECISION_TYPES = [
  'VARY_CONDITIONS',
  'NO_ACTION',
  'ARREST_S24A',
  'PROSECUTE_ORIGINAL_OFFENCE',
] as const;
export type BreachDecisionType = (typeof BREACH_DECISION_TYPES)[number];

/** Home Office outcome groups (2.5.2 [S]). */
export type OutcomeGroup = 'OUT_OF_COURT_FORMAL' | 'OUT_OF_COURT_INFORMAL' | 'DIVERSIONARY';
