import { isIsoDate, type IsoDate } from './calendar-date.util';
import { isDisposalType } from './disposal.model';
import type { RuleViolation } from './rule-result.model';

// Inputs arrive from forms and messages, so a malformed date is reported as a violation, never thrown; the
// rules that need that date are then skipped rather than guessed.

export function checkDate(value: unknown, field: string, violations: RuleViolation[]): value is IsoDate {
  if (isIsoDate(value)) return true;
  violations.push({ rule: 'OOCR_INVALID_INPUT', field, message: `Enter a valid date as YYYY-MM-DD.` });
  return false;
}

export function hasText(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** A disposal type outside the known list, reported instead of failing on a missing config entry. */
export function unknownDisposalType(value: unknown): RuleViolation | null {
  return isDisposalType(value)
    ? null
    : {
        rule: 'OOCR_DISPOSAL_TYPE_UNKNOWN',
        field: 'disposalType',
        message: `Choose a known disposal type; '${String(value)}' is not one.`,
      };
}
