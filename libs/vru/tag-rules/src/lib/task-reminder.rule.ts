import { addCalendarDays, type IsoDate } from '@oversight/working-days';

/**
 * Task reminders to VRU coordinators and practitioners (issue 11 item 10). Practitioners keep contact by risk
 * cadence and review the previous days' data (domain.md 3.1.3); a task that is due tomorrow or has gone overdue is
 * worth a reminder, once per task per kind.
 */
export type ReminderKind = 'DUE_TOMORROW' | 'OVERDUE';

export interface ReminderTask {
  kind: string;
  dueOn: IsoDate;
  done: boolean;
}

/**
 * Which reminder a task needs today, if any. A DATA_REVIEW task is itself raised for the next working day, so a
 * "due tomorrow" reminder would only repeat it: it is reminded when overdue. Tasks overdue for longer than
 * `overdueWindowDays` are not reminded (a backlog is the manager's report, not a flood of mail).
 */
export function reminderFor(
  t: ReminderTask,
  today: IsoDate,
  cfg: { overdueWindowDays: number },
): ReminderKind | null {
  if (t.done) return null;
  if (t.dueOn === addCalendarDays(today, 1)) return t.kind === 'DATA_REVIEW' ? null : 'DUE_TOMORROW';
  if (t.dueOn < today && t.dueOn >= addCalendarDays(today, -cfg.overdueWindowDays)) return 'OVERDUE';
  return null;
}
