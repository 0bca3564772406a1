import { addWeeks, isAfter, isBefore, type IsoDate } from './calendar-date.util';
import type { DisposalType } from './disposal.model';
import { OocrRuleNotApplicableError } from './oocr.errors';
import {
  resolveOocrRulesConfig,
  type CompletionClockRules,
  type OocrRulesOverride,
} from './oocr-rules.config';
import type { RuleResult, RuleViolation } from './rule-result.model';
import { checkDate, hasText, unknownDisposalType } from './rule-input.util';

// 2.1.10 [S]/[U]: 16 weeks normally, never beyond 20 (the Code paragraph was not retrieved); 2.3.6 [U] for youth.

function clockFor(disposalType: DisposalType, override: OocrRulesOverride): CompletionClockRules {
  const rules = resolveOocrRulesConfig(override).disposalTypes[disposalType];
  if (!rules.completion) throw new OocrRuleNotApplicableError(`${rules.label} has no completion period.`);
  return rules.completion;
}

/** Issue date + the default period (16 weeks): 2026-01-05 → 2026-04-27. Throws for a type without a clock. */
export function completionDueDate(
  issueDate: IsoDate,
  disposalType: DisposalType = 'ADULT_CONDITIONAL_CAUTION',
  override: OocrRulesOverride = {},
): IsoDate {
  return addWeeks(issueDate, clockFor(disposalType, override).defaultWeeks);
}

/** The latest date an exceptional extension may reach (issue date + 20 weeks). */
export function latestCompletionDate(
  issueDate: IsoDate,
  disposalType: DisposalType = 'ADULT_CONDITIONAL_CAUTION',
  override: OocrRulesOverride = {},
): IsoDate {
  return addWeeks(issueDate, clockFor(disposalType, override).maxWeeks);
}

export interface CompletionDueDateInput {
  disposalType: DisposalType;
  issueDate: IsoDate;
  /** The completion due date proposed: the default, or an extension. */
  completionDueDate: IsoDate;
  /** Required when the date is beyond the default period. */
  exceptionalReason?: string;
}

/**
 * A completion due date within the default period is always acceptable; beyond it needs a recorded exceptional
 * reason; beyond the maximum is rejected whatever the reason.
 */
export function validateCompletionDueDate(
  input: CompletionDueDateInput,
  override: OocrRulesOverride = {},
): RuleResult {
  const unknownType = unknownDisposalType(input.disposalType);
  if (unknownType) return { violations: [unknownType], warnings: [] };
  const rules = resolveOocrRulesConfig(override).disposalTypes[input.disposalType];
  const violations: RuleViolation[] = [];
  if (!rules.completion) {
    violations.push({
      rule: 'OOCR_COMPLETION_CLOCK_NOT_APPLICABLE',
      field: 'completionDueDate',
      message: `${rules.label} has no completion period.`,
    });
    return { violations, warnings: [] };
  }
  const issueOk = checkDate(input.issueDate, 'issueDate', violations);
  const dueOk = checkDate(input.completionDueDate, 'completionDueDate', violations);
  if (!issueOk || !dueOk) return { violations, warnings: [] };

  const normal = addWeeks(input.issueDate, rules.completion.defaultWeeks);
  const latest = addWeeks(input.issueDate, rules.completion.maxWeeks);
  if (isBefore(input.completionDueDate, input.issueDate)) {
    violations.push({
      rule: 'OOCR_COMPLETION_BEFORE_ISSUE',
      field: 'completionDueDate',
      message: 'The completion due date cannot be before the issue date.',
    });
  } else if (isAfter(input.completionDueDate, latest)) {
    violations.push({
      rule: 'OOCR_COMPLETION_BEYOND_MAXIMUM',
      field: 'completionDueDate',
      message: `Completion cannot be later than ${latest} (${rules.completion.maxWeeks} weeks from issue).`,
    });
  } else if (isAfter(input.completionDueDate, normal) && !hasText(input.exceptionalReason)) {
    violations.push({
      rule: 'OOCR_COMPLETION_EXTENSION_REASON_REQUIRED',
      field: 'exceptionalReason',
      message: `Completion after ${normal} (${rules.completion.defaultWeeks} weeks) needs a recorded exceptional reason.`,
    });
  }
  return { violations, warnings: [] };
}
