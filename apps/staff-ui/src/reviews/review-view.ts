import { defaultEnglandAndWalesCalendar, IsoDate, workingDaysBetween } from '@oversight/working-days';

/** What the API returns for a review in a queue (GET /complaint-reviews/applications). */
export interface ReviewListItem extends Record<string, unknown> {
  id: string;
  reference: string;
  status: string;
  team: string;
  receivedOn: string;
  assignedTo: string | null;
  nextDeadline?: string | null;
  acknowledgementStatus?: string | null;
}

export const QUEUES = [
  { view: 'mine', text: 'My work' },
  { view: 'team', text: 'Team' },
  { view: 'unassigned', text: 'Unassigned' },
  { view: 'on-hold', text: 'On hold' },
] as const;

/**
 * Working days from today to a due date (negative when overdue), on the England and Wales calendar.
 * Undefined when the date is outside the calendar's years.
 */
export function workingDaysLeft(dueOn: string | null | undefined, today: string): number | undefined {
  if (!dueOn) return undefined;
  try {
    const cal = defaultEnglandAndWalesCalendar();
    if (dueOn >= today) return workingDaysBetween(today as IsoDate, dueOn as IsoDate, cal);
    return -workingDaysBetween(dueOn as IsoDate, today as IsoDate, cal);
  } catch {
    return undefined;
  }
}

export function todayInLondon(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
}

/** "3 working days left", "due today", "2 working days overdue". */
export function describeDaysLeft(days: number | undefined): string {
  if (days === undefined) return '';
  if (days === 0) return 'due today';
  if (days > 0) return `${days} working ${days === 1 ? 'day' : 'days'} left`;
  return `${-days} working ${days === -1 ? 'day' : 'days'} overdue`;
}

export function statusColour(status: string): string {
  switch (status) {
    case 'BREACHED':
      return 'red';
    case 'RUNNING':
      return 'blue';
    case 'MET':
      return 'green';
    case 'RECEIVED':
      return 'light-blue';
    case 'UNDER_REVIEW':
      return 'purple';
    case 'DECIDED':
      return 'green';
    default:
      return 'grey';
  }
}
