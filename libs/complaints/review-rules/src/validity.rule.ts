import {
  addCalendarDays,
  addWorkingDays,
  defaultEnglandAndWalesCalendar,
  isBefore,
  isIsoDate,
  type BankHolidayCalendar,
  type IsoDate,
} from '@oversight/working-days';
import { personFacingDate } from './person-facing-date.rule';
import { resolveReviewRulesConfig, type ReviewRulesConfigOverride } from './review-rules.config';
import { InvalidReviewInputError, ProceedOverrideRejectedError } from './review-rules.errors';
import { VALIDITY_ITEMS, type RuleRef, type ValidityItem } from './review.vocabulary';

/** What the application supplied (1.2.6 [U]: in writing; (a) details; (b) complaint date; (c) authority; (d) outcome date). */
export interface ApplicationContents {
  readonly inWriting: boolean;
  readonly complaintDetails?: string;
  readonly complaintDate?: IsoDate;
  readonly appropriateAuthority?: string;
  /** The date the outcome information was provided, as the applicant states it. */
  readonly outcomeDate?: IsoDate;
}

export const VALIDITY_ITEM_LABELS: Readonly<Record<ValidityItem, string>> = {
  IN_WRITING: 'The application is in writing',
  COMPLAINT_DETAILS: 'Details of the complaint',
  COMPLAINT_DATE: 'The date the complaint was made',
  APPROPRIATE_AUTHORITY: 'The appropriate authority whose decision is challenged',
  OUTCOME_DATE: 'The date the outcome information was provided',
};

export interface ValidityCheck {
  readonly item: ValidityItem;
  readonly label: string;
  readonly present: boolean;
  readonly required: boolean;
}

export interface ValidityAssessment {
  readonly checks: readonly ValidityCheck[];
  /** Required items not supplied. An application with missing items is never rejected for it (1.5.4). */
  readonly missing: readonly ValidityItem[];
  readonly complete: boolean;
  readonly requestForInformationRequired: boolean;
  readonly rule: RuleRef;
}

export function assessValidity(
  contents: ApplicationContents,
  config: ReviewRulesConfigOverride = {},
): ValidityAssessment {
  const { validity } = resolveReviewRulesConfig(config);
  const present: Record<ValidityItem, boolean> = {
    IN_WRITING: contents.inWriting === true,
    COMPLAINT_DETAILS: hasText(contents.complaintDetails),
    COMPLAINT_DATE: isIsoDate(contents.complaintDate),
    APPROPRIATE_AUTHORITY: hasText(contents.appropriateAuthority),
    OUTCOME_DATE: isIsoDate(contents.outcomeDate),
  };
  const checks = VALIDITY_ITEMS.map((item) => ({
    item,
    label: VALIDITY_ITEM_LABELS[item],
    present: present[item],
    required: validity.requiredItems.includes(item),
  }));
  const missing = checks.filter((c) => c.required && !c.present).map((c) => c.item);
  return {
    checks,
    missing,
    complete: missing.length === 0,
    requestForInformationRequired: missing.length > 0,
    rule: '1.2.6 [U]',
  };
}

export interface RequestForInformation {
  readonly items: readonly ValidityItem[];
  readonly requestedOn: IsoDate;
  /** The reply-by date given to the applicant: the period's end, moved to a working day (personFacingDate). */
  readonly respondBy: IsoDate;
  /** The last day of the response period itself. */
  readonly periodEndsOn: IsoDate;
  readonly respondByRolled: boolean;
  /** Whether dates given to people roll to working days (the letter states the rule when they do). */
  readonly respondByRollApplies: boolean;
  readonly rule: RuleRef;
}

/**
 * The request sent to the applicant for missing items, with its own response period. The period
 * is [U]: the domain notes give none, so it comes from config (default 28 calendar days).
 */
export function requestForInformation(
  missing: readonly ValidityItem[],
  requestedOn: IsoDate,
  config: ReviewRulesConfigOverride = {},
  calendar: BankHolidayCalendar = defaultEnglandAndWalesCalendar(),
): RequestForInformation {
  const { validity } = resolveReviewRulesConfig(config);
  if (missing.length === 0)
    throw new InvalidReviewInputError('Nothing is missing, so there is nothing to request.');
  if (!isIsoDate(requestedOn))
    throw new InvalidReviewInputError(`requestedOn must be YYYY-MM-DD (got ${requestedOn}).`);
  const { days, unit } = validity.requestForInformationResponse;
  const periodEndsOn =
    unit === 'WORKING_DAYS'
      ? addWorkingDays(requestedOn, days, calendar)
      : addCalendarDays(requestedOn, days);
  const given = personFacingDate(periodEndsOn, config, calendar);
  return {
    items: [...missing],
    requestedOn,
    respondBy: given.date,
    periodEndsOn,
    respondByRolled: given.rolled,
    respondByRollApplies: given.rollApplies,
    rule: '1.2.6 [U]',
  };
}

/** A reviewer's recorded decision to go on although items are missing (1.2.6 [U], 1.5.4). */
export interface ProceedOverride {
  readonly reason: string;
  readonly recordedBy: string;
  readonly recordedOn: IsoDate;
}

export type ProceedBasis = 'COMPLETE' | 'OVERRIDE' | 'AWAITING_INFORMATION' | 'NOT_OVERRIDABLE';

export interface ProceedDecision {
  readonly mayProceed: boolean;
  readonly basis: ProceedBasis;
  /** Missing items the override covers. */
  readonly waived: readonly ValidityItem[];
  /** Missing items config says cannot be waived. */
  readonly blocking: readonly ValidityItem[];
  readonly override?: ProceedOverride;
}

/**
 * Whether the review can go ahead. Missing items hold it until the information arrives or a
 * reviewer records why it can go on without it; an override without a reason is refused because
 * the reason is the only audit trail for treating the application as complete.
 */
export function decideToProceed(
  assessment: ValidityAssessment,
  override?: ProceedOverride,
  config: ReviewRulesConfigOverride = {},
): ProceedDecision {
  const { validity } = resolveReviewRulesConfig(config);
  if (assessment.complete) return { mayProceed: true, basis: 'COMPLETE', waived: [], blocking: [] };
  if (override === undefined) {
    return { mayProceed: false, basis: 'AWAITING_INFORMATION', waived: [], blocking: [] };
  }
  if (!hasText(override.reason)) {
    throw new ProceedOverrideRejectedError('Record why the review can proceed despite the missing items.');
  }
  if (!hasText(override.recordedBy)) {
    throw new ProceedOverrideRejectedError('Record who decided to proceed despite the missing items.');
  }
  if (!isIsoDate(override.recordedOn)) {
    throw new ProceedOverrideRejectedError(
      `The override date must be YYYY-MM-DD (got ${String(override.recordedOn)}).`,
    );
  }
  const blocking = assessment.missing.filter((item) => !validity.overridableItems.includes(item));
  const waived = assessment.missing.filter((item) => validity.overridableItems.includes(item));
  if (blocking.length > 0) {
    return { mayProceed: false, basis: 'NOT_OVERRIDABLE', waived, blocking, override };
  }
  return { mayProceed: true, basis: 'OVERRIDE', waived, blocking, override };
}

/** True once the response period has passed without a reply; the request is then due for a decision. */
export function isRequestForInformationOverdue(request: RequestForInformation, asOf: IsoDate): boolean {
  return isBefore(request.respondBy, asOf);
}

function hasText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
