import { endOfLondonDay } from '@oversight/nest-platform';
import {
  addDays,
  latestCompletionDate,
  summaryOnlyLastDateToLay,
  type DisposalType,
  type IsoDate,
  type OffenceClass,
  type OocrRulesConfig,
} from '@oversight/oocr-rules';
import { morningOf } from '../common/dates';
import { CautionWorkflowInput, itemIdOf, ScheduledItem, TimeLimitSchedule } from '../workflows/caution.types';

/**
 * The instants the caution workflow waits for, computed here so that UK time-zone rules stay out of the workflow:
 * a reminder at 09:00 UK `reminderDaysBefore` days before the due date, and the breach at the end of the due day.
 */
export function scheduleItem(
  conditionId: string,
  instalmentNumber: number | null,
  dueDate: IsoDate,
  reminderDaysBefore: number,
): ScheduledItem {
  return {
    itemId: itemIdOf(conditionId, instalmentNumber),
    conditionId,
    instalmentNumber,
    dueDate,
    remindAt: morningOf(addDays(dueDate, -reminderDaysBefore)).toISOString(),
    breachAt: endOfLondonDay(dueDate).toISOString(),
    detectedOn: addDays(dueDate, 1),
  };
}

export interface ScheduledCondition {
  id: string;
  dueDate: IsoDate;
  instalments: Array<{ number: number; dueDate: IsoDate }>;
}

/** A condition is tracked by its own due date, or, with a payment plan, by each instalment's. */
export function scheduleConditions(
  conditions: ScheduledCondition[],
  reminderDaysBefore: number,
): ScheduledItem[] {
  return conditions.flatMap((c) =>
    c.instalments.length
      ? c.instalments.map((i) => scheduleItem(c.id, i.number, i.dueDate, reminderDaysBefore))
      : [scheduleItem(c.id, null, c.dueDate, reminderDaysBefore)],
  );
}

/** Summary-only offences only (domain.md 2.1.13, 2.6.5): escalate from `approachingWithinDays` before the last date. */
export function timeLimitSchedule(
  offenceClass: OffenceClass,
  offenceDate: IsoDate,
  rules: OocrRulesConfig,
): TimeLimitSchedule | null {
  if (offenceClass !== 'SUMMARY_ONLY') return null;
  const lastDateToLay = summaryOnlyLastDateToLay(offenceDate, rules);
  return {
    lastDateToLay,
    approachingAt: morningOf(
      addDays(lastDateToLay, -rules.prosecutionTimeLimit.approachingWithinDays),
    ).toISOString(),
    barredAt: endOfLondonDay(lastDateToLay).toISOString(),
  };
}

export function cautionWorkflowInput(
  c: {
    cautionId: string;
    reference: string;
    disposalType: DisposalType;
    issueDate: IsoDate;
    completionDueDate: IsoDate;
    offenceClass: OffenceClass;
    offenceDate: IsoDate;
    conditions: ScheduledCondition[];
    correlationId: string;
  },
  rules: OocrRulesConfig,
  reminderDaysBefore: number,
): CautionWorkflowInput {
  return {
    cautionId: c.cautionId,
    reference: c.reference,
    issueDate: c.issueDate,
    completionDueDate: c.completionDueDate,
    latestCompletionDate: latestCompletionDate(c.issueDate, c.disposalType, rules),
    items: scheduleConditions(c.conditions, reminderDaysBefore),
    timeLimit: timeLimitSchedule(c.offenceClass, c.offenceDate, rules),
    correlationId: c.correlationId,
  };
}
