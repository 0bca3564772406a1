import { RuleViolationError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';

/** A DATE column as YYYY-MM-DD. */
export const day = (d: Date): string => d.toISOString().slice(0, 10);
/** YYYY-MM-DD as a DATE column value. */
export const asDate = (s: string): Date => new Date(`${s}T00:00:00Z`);

/** Refuses (400 SKRS_DATE_IN_FUTURE against `field`, before anything is written) a step dated after today (UK). */
export function refuseFutureDate(date: string, field: string, message: string): void {
  if (date > todayInLondon()) throw new RuleViolationError([{ rule: 'SKRS_DATE_IN_FUTURE', field, message }]);
}
