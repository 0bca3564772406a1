import { isIsoDate, type IsoDate } from '@oversight/working-days';
import { InvalidReviewRulesConfigError } from './review-rules.errors';
import {
  COMPLAINT_HANDLING_METHODS,
  COMPLETION_CLOCK_START_EVENTS,
  type CompletionClockStartEvent,
  DAY_UNITS,
  IOPC_INVESTIGATION_TYPES,
  TIME_LIMIT_BASES,
  VALIDITY_ITEMS,
  type ComplaintHandlingMethod,
  type DayUnit,
  type IopcInvestigationType,
  type TimeLimitBasis,
  type ValidityItem,
} from './review.vocabulary';

/**
 * Every value the domain notes (/work/shared/domain.md) do not pin down with a primary source is
 * here, so a policy change or a confirmed reading of the regulations is a config change, not a
 * code change. Each field names its rule id and tag.
 */
export interface ReviewRulesConfig {
  readonly eligibility: {
    /** 1.1.1: investigation is [P] (Sch 3 para 25); otherwise-than-by-investigation is [S] (para 6A). */
    readonly eligibleHandling: readonly ComplaintHandlingMethod[];
    /** 1.1.2 [S]: no review of IOPC-directed or IOPC-independent investigations. */
    readonly excludedIopcInvestigations: readonly IopcInvestigationType[];
    /** 1.1.3 [P]/[S]: complaints made before this date follow the 2012 appeal regime. */
    readonly reviewRegimeStartDate: IsoDate;
  };
  readonly timeLimit: {
    /** 1.2.1 [P]: 28 days. Primary, but kept here so every period lives in one place. */
    readonly periodDays: number;
    /**
     * 1.2.1 [P] counts from the day the outcome information was provided; 1.2.2 [S] records that
     * PCCs in practice count from the letter date. 1.5.1 asks for both to be selectable.
     */
    readonly countFrom: TimeLimitBasis;
  };
  readonly validity: {
    /** 1.2.6 [U] (2020 text not retrieved; 2023 analogue reg 65(5)–(6) [P]). */
    readonly requiredItems: readonly ValidityItem[];
    /**
     * 1.2.6 [U] / 1.5.4: the review body may proceed despite missing items. Whether "in writing"
     * can be waived is not stated; the default follows 1.5.4 and allows a reasoned override for all.
     */
    readonly overridableItems: readonly ValidityItem[];
    /**
     * [U] no period for answering a request for information appears in the domain notes; 28
     * calendar days mirrors the application period in 1.2.1. Local policy, set it here.
     */
    readonly requestForInformationResponse: { readonly days: number; readonly unit: DayUnit };
    /**
     * [U] local practice (issue 10 item 4): a reply-by date given to a person that falls on a weekend or
     * bank holiday moves to the next working day, and the letter says so. false keeps the raw date.
     */
    readonly rollPersonFacingDatesToWorkingDay: boolean;
  };
  readonly routing: {
    /** 1.3.2 [S]: the IOPC reviews when the appropriate authority is the LPB (e.g. the chief constable). */
    readonly appropriateAuthorityIsLpbRoutesToIopc: boolean;
  };
  readonly clocks: {
    /** 1.4.7 [S]: no statutory limit; Cleveland's local standard is 5 working days to acknowledge. */
    readonly acknowledgementWorkingDays: number;
    /** [U] no source: local choice of how early to warn before the acknowledgement is overdue. */
    readonly acknowledgementWarningWorkingDays: number;
    /** 1.4.7 [S]: Cleveland aims to complete within 28 working days; 1.5.10 asks for it configurable. */
    readonly completionWorkingDays: number;
    /** [U] no source: local choice of how early to warn before the completion target is breached. */
    readonly completionWarningWorkingDays: number;
    /**
     * 1.4.7 [S]: the event the completion clock counts from. OPCCs' published local standards measure
     * from RECEIPT of the application (the default); ACCEPTANCE counts from the day the OPCC is
     * confirmed as the review body. The clock, the queues, the escalations and the reports all use it.
     */
    readonly completionStartsOn: CompletionClockStartEvent;
  };
  readonly recommendations: {
    /**
     * 1.4.5 [U]: no statutory deadline for the force's response to LPB recommendations was
     * confirmed (1.5.9). Default 56 calendar days borrows the IOPC para 28A period (1.4.6 [P]),
     * which is a different regime; replace it with the local agreement with the force.
     */
    readonly responsePeriod: { readonly days: number; readonly unit: DayUnit };
    /** 1.5.8 (derived system requirement, resting on 1.4.3 [S]): an upheld review carries a recommendation. */
    readonly upheldRequiresRecommendation: boolean;
  };
  readonly receiptNotifications: {
    /**
     * 1.5.7 [U]: a notification on receipt (1.4.1) may be withheld, with reasons, on the "harm test"
     * grounds. The grounds were not retrieved (open item 5.3); this list is from recall of the IOPC
     * Statutory Guidance and should be checked against it.
     */
    readonly withholdingGrounds: readonly string[];
  };
}

export const DEFAULT_REVIEW_RULES_CONFIG: ReviewRulesConfig = deepFreeze({
  eligibility: {
    eligibleHandling: ['SCHEDULE_3_INVESTIGATION', 'SCHEDULE_3_OTHERWISE_THAN_BY_INVESTIGATION'],
    excludedIopcInvestigations: ['DIRECTED', 'INDEPENDENT'],
    reviewRegimeStartDate: '2020-02-01',
  },
  timeLimit: {
    periodDays: 28,
    countFrom: 'OUTCOME_INFORMATION_PROVIDED',
  },
  validity: {
    requiredItems: [...VALIDITY_ITEMS],
    overridableItems: [...VALIDITY_ITEMS],
    requestForInformationResponse: { days: 28, unit: 'CALENDAR_DAYS' },
    rollPersonFacingDatesToWorkingDay: true,
  },
  routing: {
    appropriateAuthorityIsLpbRoutesToIopc: true,
  },
  clocks: {
    acknowledgementWorkingDays: 5,
    acknowledgementWarningWorkingDays: 1,
    completionWorkingDays: 28,
    completionWarningWorkingDays: 5,
    completionStartsOn: 'RECEIPT',
  },
  recommendations: {
    responsePeriod: { days: 56, unit: 'CALENDAR_DAYS' },
    upheldRequiresRecommendation: true,
  },
  receiptNotifications: {
    withholdingGrounds: [
      'PREJUDICE_TO_CRIMINAL_PROCEEDINGS',
      'PREVENTION_OR_DETECTION_OF_CRIME',
      'SAFETY_OF_A_PERSON',
      'NATIONAL_SECURITY',
      'DISPROPORTIONATE',
      'CANNOT_BE_TRACED',
    ],
  },
});

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K];
};

/** Any subset of the config; arrays replace rather than merge, so a list can be shortened. */
export type ReviewRulesConfigOverride = DeepPartial<ReviewRulesConfig>;

/**
 * Defaults overlaid with `override`, validated. Every rule function calls this, so a caller may
 * pass nothing, a partial override or a full config.
 */
export function resolveReviewRulesConfig(override: ReviewRulesConfigOverride = {}): ReviewRulesConfig {
  if (override === DEFAULT_REVIEW_RULES_CONFIG) return DEFAULT_REVIEW_RULES_CONFIG;
  // A config this function made is already merged, validated and frozen: the services resolve theirs
  // once at start and pass it to every rule call, which then costs nothing (issue 14 §5).
  if (RESOLVED.has(override)) return override as ReviewRulesConfig;
  const merged = deepMerge(DEFAULT_REVIEW_RULES_CONFIG, override) as ReviewRulesConfig;
  const problems = [...unknownKeys(DEFAULT_REVIEW_RULES_CONFIG, override, ''), ...validate(merged)];
  if (problems.length > 0) throw new InvalidReviewRulesConfigError(problems);
  const resolved = deepFreeze(merged);
  RESOLVED.add(resolved);
  return resolved;
}

const RESOLVED = new WeakSet<object>();

function validate(c: ReviewRulesConfig): string[] {
  const problems: string[] = [];
  const wholeNumber = (path: string, value: number, min: number) => {
    if (!Number.isInteger(value) || value < min)
      problems.push(`${path} must be a whole number ≥ ${min} (got ${value})`);
  };
  const members = <T extends string>(path: string, values: readonly T[], allowed: readonly string[]) => {
    const bad = values.filter((v) => !allowed.includes(v));
    if (bad.length > 0) problems.push(`${path} has unknown values ${bad.join(', ')}`);
  };
  const oneOf = (path: string, value: string, allowed: readonly string[]) => {
    if (!allowed.includes(value))
      problems.push(`${path} must be one of ${allowed.join(', ')} (got ${value})`);
  };

  members('eligibility.eligibleHandling', c.eligibility.eligibleHandling, COMPLAINT_HANDLING_METHODS);
  if (c.eligibility.eligibleHandling.includes('NOT_UNDER_SCHEDULE_3')) {
    problems.push('eligibility.eligibleHandling cannot include NOT_UNDER_SCHEDULE_3 (1.1.1 [P])');
  }
  members(
    'eligibility.excludedIopcInvestigations',
    c.eligibility.excludedIopcInvestigations,
    IOPC_INVESTIGATION_TYPES,
  );
  if (!isIsoDate(c.eligibility.reviewRegimeStartDate)) {
    problems.push('eligibility.reviewRegimeStartDate must be YYYY-MM-DD');
  }
  wholeNumber('timeLimit.periodDays', c.timeLimit.periodDays, 1);
  oneOf('timeLimit.countFrom', c.timeLimit.countFrom, TIME_LIMIT_BASES);
  members('validity.requiredItems', c.validity.requiredItems, VALIDITY_ITEMS);
  members('validity.overridableItems', c.validity.overridableItems, VALIDITY_ITEMS);
  wholeNumber(
    'validity.requestForInformationResponse.days',
    c.validity.requestForInformationResponse.days,
    1,
  );
  oneOf(
    'validity.requestForInformationResponse.unit',
    c.validity.requestForInformationResponse.unit,
    DAY_UNITS,
  );
  wholeNumber('clocks.acknowledgementWorkingDays', c.clocks.acknowledgementWorkingDays, 0);
  wholeNumber('clocks.acknowledgementWarningWorkingDays', c.clocks.acknowledgementWarningWorkingDays, 0);
  wholeNumber('clocks.completionWorkingDays', c.clocks.completionWorkingDays, 1);
  wholeNumber('clocks.completionWarningWorkingDays', c.clocks.completionWarningWorkingDays, 0);
  if (c.clocks.acknowledgementWarningWorkingDays > c.clocks.acknowledgementWorkingDays) {
    problems.push('clocks.acknowledgementWarningWorkingDays cannot exceed acknowledgementWorkingDays');
  }
  if (c.clocks.completionWarningWorkingDays > c.clocks.completionWorkingDays) {
    problems.push('clocks.completionWarningWorkingDays cannot exceed completionWorkingDays');
  }
  oneOf('clocks.completionStartsOn', c.clocks.completionStartsOn, COMPLETION_CLOCK_START_EVENTS);
  if (typeof c.validity.rollPersonFacingDatesToWorkingDay !== 'boolean') {
    problems.push('validity.rollPersonFacingDatesToWorkingDay must be true or false');
  }
  wholeNumber('recommendations.responsePeriod.days', c.recommendations.responsePeriod.days, 1);
  oneOf('recommendations.responsePeriod.unit', c.recommendations.responsePeriod.unit, DAY_UNITS);
  if (typeof c.routing.appropriateAuthorityIsLpbRoutesToIopc !== 'boolean') {
    problems.push('routing.appropriateAuthorityIsLpbRoutesToIopc must be true or false');
  }
  const grounds = c.receiptNotifications.withholdingGrounds;
  if (!Array.isArray(grounds) || grounds.some((g) => typeof g !== 'string' || !/^[A-Z][A-Z_]*$/.test(g))) {
    problems.push('receiptNotifications.withholdingGrounds must be a list of UPPER_SNAKE_CASE codes');
  }
  if (typeof c.recommendations.upheldRequiresRecommendation !== 'boolean') {
    problems.push('recommendations.upheldRequiresRecommendation must be true or false');
  }
  return problems;
}

// A misspelt key would otherwise be ignored and the default silently used.
function unknownKeys(base: unknown, override: unknown, path: string): string[] {
  if (!isPlainObject(base) || !isPlainObject(override)) return [];
  return Object.keys(override).flatMap((key) =>
    key in base ? unknownKeys(base[key], override[key], `${path}${key}.`) : [`unknown setting ${path}${key}`],
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: unknown, override: unknown): unknown {
  // Copy arrays so freezing the result never freezes the caller's own objects.
  if (Array.isArray(override)) return [...override];
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value !== undefined) result[key] = deepMerge(base[key], value);
  }
  return result;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
