import { addCalendarMonths, addDays, daysBetween, isAfter, type IsoDate } from './calendar-date.util';
import type { OffenceClass } from './disposal.model';
import { resolveOocrRulesConfig, type OocrRulesOverride } from './oocr-rules.config';
import {
  applyAcknowledgements,
  type RuleResult,
  type RuleViolation,
  type WarningAcknowledgement,
} from './rule-result.model';
import { checkDate } from './rule-input.util';

// 2.1.13: for a summary-only offence the information must be laid within 6 months of the offence (MCA 1980 s127,
// [S]). Nothing was found that pauses the clock while a caution runs ([U]), so these rules assume it keeps running.

/**
 * Last day on which an information may be laid: offence date + 6 calendar months, to the corresponding date, or
 * the month's last day where there is none (31 Aug → 28/29 Feb). The day of the offence itself is not counted
 * (Radcliffe v Bartholomew [1892] 1 QB 161), so the corresponding date is still in time; the month-end rule is
 * Dodds v Walker [1981] 1 WLR 1027. Neither case is in domain.md: this convention is [U].
 */
export function summaryOnlyLastDateToLay(offenceDate: IsoDate, override: OocrRulesOverride = {}): IsoDate {
  const { summaryOnlyMonths } = resolveOocrRulesConfig(override).prosecutionTimeLimit;
  return addCalendarMonths(offenceDate, summaryOnlyMonths);
}

export interface TimeLimitAtIssueInput {
  offenceClass: OffenceClass;
  offenceDate: IsoDate;
  issueDate: IsoDate;
  completionDueDate: IsoDate;
  acknowledgements?: WarningAcknowledgement[];
}

/**
 * At issue: warns when completion due + the breach-handling buffer passes the last date to lay an information,
 * i.e. a breach could not be prosecuted in time (2.6.5); warns more strongly when the limit has already passed.
 */
export function checkTimeLimitAtIssue(
  input: TimeLimitAtIssueInput,
  override: OocrRulesOverride = {},
): RuleResult {
  const config = resolveOocrRulesConfig(override);
  const violations: RuleViolation[] = [];
  if (input.offenceClass !== 'SUMMARY_ONLY') return { violations, warnings: [] };
  const datesOk = [
    checkDate(input.offenceDate, 'offenceDate', violations),
    checkDate(input.issueDate, 'issueDate', violations),
    checkDate(input.completionDueDate, 'completionDueDate', violations),
  ].every(Boolean);
  if (!datesOk) return { violations, warnings: [] };

  const lastDate = summaryOnlyLastDateToLay(input.offenceDate, config);
  const buffer = config.prosecutionTimeLimit.breachHandlingBufferDays;
  const latestBreachAction = addDays(input.completionDueDate, buffer);
  const warnings = [];
  if (isAfter(input.issueDate, lastDate)) {
    warnings.push({
      rule: 'OOCR_SUMMARY_TIME_LIMIT_EXPIRED' as const,
      field: 'offenceDate',
      message: `The time limit to prosecute passed on ${lastDate}: a breach can never lead to prosecution for this offence.`,
    });
  } else if (isAfter(latestBreachAction, lastDate)) {
    warnings.push({
      rule: 'OOCR_SUMMARY_TIME_LIMIT_AT_RISK' as const,
      field: 'completionDueDate',
      message:
        `Completion due ${input.completionDueDate} plus ${buffer} days for breach handling passes ${lastDate}, ` +
        'the last day to lay an information: shorten the conditions or accept that a breach may not be prosecutable.',
    });
  }
  return applyAcknowledgements(violations, warnings, input.acknowledgements);
}

export type TimeLimitStatus = 'NOT_APPLICABLE' | 'OK' | 'APPROACHING' | 'STATUTE_BARRED';

export interface TimeLimitStatusResult {
  status: TimeLimitStatus;
  /** null unless summary-only. */
  lastDateToLay: IsoDate | null;
  /** Days from `onDate` to the last date (0 on the day itself, negative once barred); null unless summary-only. */
  daysRemaining: number | null;
}

/** Escalation status on a given date (2.6.5): APPROACHING within the configured days, STATUTE_BARRED after. */
export function prosecutionTimeLimitStatus(
  offence: { offenceClass: OffenceClass; offenceDate: IsoDate },
  onDate: IsoDate,
  override: OocrRulesOverride = {},
): TimeLimitStatusResult {
  const config = resolveOocrRulesConfig(override);
  if (offence.offenceClass !== 'SUMMARY_ONLY')
    return { status: 'NOT_APPLICABLE', lastDateToLay: null, daysRemaining: null };
  const lastDateToLay = summaryOnlyLastDateToLay(offence.offenceDate, config);
  const daysRemaining = daysBetween(onDate, lastDateToLay);
  const status: TimeLimitStatus =
    daysRemaining < 0
      ? 'STATUTE_BARRED'
      : daysRemaining <= config.prosecutionTimeLimit.approachingWithinDays
        ? 'APPROACHING'
        : 'OK';
  return { status, lastDateToLay, daysRemaining };
}
