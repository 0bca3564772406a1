import { isAfter, isBefore, type IsoDate } from './calendar-date.util';
import type { ConditionKind, ConditionPurpose, DisposalType, OffenceClass } from './disposal.model';
import { resolveOocrRulesConfig, type OocrRulesOverride } from './oocr-rules.config';
import type { RuleResult, RuleViolation } from './rule-result.model';
import { checkDate, unknownDisposalType } from './rule-input.util';

export interface CautionCondition {
  id?: string;
  purpose: ConditionPurpose;
  kind: ConditionKind;
  description?: string;
  /** For ATTENDANCE and UNPAID_WORK. */
  hours?: number;
  /** For FINANCIAL_PENALTY and COMPENSATION, in pence to keep money exact. */
  amountPence?: number;
  /** For RESTRICTIVE: the purpose the restriction serves (2.1.8 [S]). */
  supportsPurpose?: 'REHABILITATIVE' | 'REPARATIVE';
  dueDate: IsoDate;
}

export interface ConditionsInput {
  disposalType: DisposalType;
  offenceClass: OffenceClass;
  issueDate: IsoDate;
  /** The caution's completion due date, after any authorised extension (see completion-clock.rule). */
  completionDueDate: IsoDate;
  conditions: CautionCondition[];
}

function formatPounds(pence: number): string {
  return `£${(pence / 100).toFixed(pence % 100 === 0 ? 0 : 2)}`;
}

/** Hours that count towards the cap: unpaid work, and attendance not for rehabilitation (2.1.6 [P]). */
export function cappedConditionHours(conditions: readonly CautionCondition[]): number {
  return conditions
    .filter(
      (condition) =>
        condition.kind === 'UNPAID_WORK' ||
        (condition.kind === 'ATTENDANCE' && condition.purpose !== 'REHABILITATIVE'),
    )
    .reduce((total, condition) => total + (condition.hours ?? 0), 0);
}

/**
 * Purposes (2.1.4 [P], 2.1.8 [S]), the 20-hour cap (2.1.6 [P]), the financial-penalty cap by offence class
 * (2.1.7 [P]) and each condition's due date against the caution's completion date (2.6.3, 2.6.4).
 */
export function validateConditions(input: ConditionsInput, override: OocrRulesOverride = {}): RuleResult {
  const unknownType = unknownDisposalType(input.disposalType);
  if (unknownType) return { violations: [unknownType], warnings: [] };
  const config = resolveOocrRulesConfig(override);
  const typeRules = config.disposalTypes[input.disposalType];
  const violations: RuleViolation[] = [];
  const conditionRules = typeRules.conditions;

  if (!conditionRules) {
    if (input.conditions.length > 0) {
      violations.push({
        rule: 'OOCR_CONDITIONS_NOT_PERMITTED',
        field: 'conditions',
        message: `${typeRules.label} carries no conditions: record agreed actions on the disposal instead.`,
      });
    }
    return { violations, warnings: [] };
  }

  const issueOk = checkDate(input.issueDate, 'issueDate', violations);
  const completionOk = checkDate(input.completionDueDate, 'completionDueDate', violations);

  input.conditions.forEach((condition, index) => {
    const at = `conditions[${index}]`;
    if (!conditionRules.allowedPurposes.includes(condition.purpose)) {
      violations.push({
        rule: 'OOCR_CONDITION_PURPOSE_NOT_PERMITTED',
        field: `${at}.purpose`,
        message: `${typeRules.label} conditions may be ${conditionRules.allowedPurposes.join(', ')}; not ${condition.purpose}.`,
      });
    }
    if (
      condition.purpose === 'RESTRICTIVE' &&
      conditionRules.restrictiveMustSupportAnotherPurpose &&
      condition.supportsPurpose !== 'REHABILITATIVE' &&
      condition.supportsPurpose !== 'REPARATIVE'
    ) {
      violations.push({
        rule: 'OOCR_RESTRICTIVE_CONDITION_UNSUPPORTED',
        field: `${at}.supportsPurpose`,
        message: 'State whether the restriction supports rehabilitation or reparation.',
      });
    }
    if (condition.hours !== undefined && !(Number.isFinite(condition.hours) && condition.hours >= 0)) {
      violations.push({
        rule: 'OOCR_INVALID_INPUT',
        field: `${at}.hours`,
        message: 'Enter the hours as a number of 0 or more.',
      });
    }
    if (
      condition.amountPence !== undefined &&
      !(Number.isInteger(condition.amountPence) && condition.amountPence >= 0)
    ) {
      violations.push({
        rule: 'OOCR_INVALID_INPUT',
        field: `${at}.amountPence`,
        message: 'Enter the amount as a whole number of pence, 0 or more.',
      });
    }
    if (checkDate(condition.dueDate, `${at}.dueDate`, violations)) {
      if (issueOk && isBefore(condition.dueDate, input.issueDate)) {
        violations.push({
          rule: 'OOCR_CONDITION_DUE_BEFORE_ISSUE',
          field: `${at}.dueDate`,
          message: `The condition cannot be due before the caution is issued (${input.issueDate}).`,
        });
      }
      if (completionOk && isAfter(condition.dueDate, input.completionDueDate)) {
        violations.push({
          rule: 'OOCR_CONDITION_DUE_AFTER_COMPLETION',
          field: `${at}.dueDate`,
          message: `Set a due date on or before the caution's completion due date (${input.completionDueDate}).`,
        });
      }
    }
  });

  const hours = cappedConditionHours(input.conditions);
  if (hours > conditionRules.maxNonRehabilitativeHours) {
    violations.push({
      rule: 'OOCR_CONDITION_HOURS_EXCEEDED',
      field: 'conditions',
      message: `Unpaid work and non-rehabilitative attendance total ${hours} hours; the limit is ${conditionRules.maxNonRehabilitativeHours}.`,
    });
  }

  const penalties = input.conditions.filter((condition) => condition.kind === 'FINANCIAL_PENALTY');
  if (penalties.length > 0) {
    const cap = conditionRules.financialPenaltyCapPence?.[input.offenceClass];
    const total = penalties.reduce((sum, condition) => sum + (condition.amountPence ?? 0), 0);
    if (cap === undefined) {
      violations.push({
        rule: 'OOCR_FINANCIAL_PENALTY_NOT_PERMITTED',
        field: 'conditions',
        message: `${typeRules.label} cannot carry a financial penalty.`,
      });
    } else if (total > cap) {
      // Summed so that a penalty split over several conditions cannot exceed the cap.
      violations.push({
        rule: 'OOCR_FINANCIAL_PENALTY_EXCEEDED',
        field: 'conditions',
        message: `Financial penalties total ${formatPounds(total)}; the maximum for a ${input.offenceClass} offence is ${formatPounds(cap)}.`,
      });
    }
  }

  return { violations, warnings: [] };
}
