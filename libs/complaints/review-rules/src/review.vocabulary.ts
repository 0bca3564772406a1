/**
 * Enumerations shared by the rules and their configuration. Kept apart from both so the config
 * can validate against them without an import cycle.
 */

/** How the force handled the complaint; only Schedule 3 handling carries a right of review (1.1.1). */
export const COMPLAINT_HANDLING_METHODS = [
  'SCHEDULE_3_INVESTIGATION',
  'SCHEDULE_3_OTHERWISE_THAN_BY_INVESTIGATION',
  'NOT_UNDER_SCHEDULE_3',
] as const;
export type ComplaintHandlingMethod = (typeof COMPLAINT_HANDLING_METHODS)[number];

/** IOPC involvement in the investigation (1.1.2). */
export const IOPC_INVESTIGATION_TYPES = ['NONE', 'DIRECTED', 'INDEPENDENT'] as const;
export type IopcInvestigationType = (typeof IOPC_INVESTIGATION_TYPES)[number];

/** Which date day 0 of the 28 days is (1.2.1 [P] vs 1.2.2 [S]). */
export const TIME_LIMIT_BASES = ['OUTCOME_INFORMATION_PROVIDED', 'OUTCOME_LETTER_DATE'] as const;
export type TimeLimitBasis = (typeof TIME_LIMIT_BASES)[number];

/** Contents of a valid application (1.2.6 [U], 1.5.4). */
export const VALIDITY_ITEMS = [
  'IN_WRITING',
  'COMPLAINT_DETAILS',
  'COMPLAINT_DATE',
  'APPROPRIATE_AUTHORITY',
  'OUTCOME_DATE',
] as const;
export type ValidityItem = (typeof VALIDITY_ITEMS)[number];

export const REVIEW_BODIES = ['IOPC', 'LOCAL_POLICING_BODY'] as const;
export type ReviewBody = (typeof REVIEW_BODIES)[number];

/** The event the completion clock counts from (1.4.7 [S]; see ReviewRulesConfig.clocks.completionStartsOn). */
export const COMPLETION_CLOCK_START_EVENTS = ['RECEIPT', 'ACCEPTANCE'] as const;
export type CompletionClockStartEvent = (typeof COMPLETION_CLOCK_START_EVENTS)[number];

export const DAY_UNITS = ['CALENDAR_DAYS', 'WORKING_DAYS'] as const;
export type DayUnit = (typeof DAY_UNITS)[number];

/** A pointer into /work/shared/domain.md, e.g. '1.2.1 [P]', carried on results for audit. */
export type RuleRef = string;
