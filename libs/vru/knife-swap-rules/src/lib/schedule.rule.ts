/**
 * The two waits of a swap (issue 12 §6–7), both local policy [U] and configurable: knives are chased when not
 * destroyed within `destructionDueDays` of the swap, and escalated to the coordinator's manager after
 * `escalateAfterDays` more; the follow-up check-in is due `followUpAfterDays` after the swap.
 */
export interface KnifeSwapSchedule {
  destructionDueDays: number;
  escalateAfterDays: number;
  followUpAfterDays: number;
}
export const DEFAULT_SCHEDULE: KnifeSwapSchedule = {
  destructionDueDays: 28,
  escalateAfterDays: 14,
  followUpAfterDays: 42,
};

/** YYYY-MM-DD plus n calendar days. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
