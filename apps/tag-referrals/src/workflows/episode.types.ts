/** Shared by the episode workflow, its activities and its callers: types, constants and pure date helpers only. */
export const EPISODE_WORKFLOW = 'tagEpisodeWorkflow';
export const EXTEND_EPISODE_SIGNAL = 'extendEpisode';
export const END_EPISODE_EARLY_SIGNAL = 'endEpisodeEarly';
export const TAG_REMOVED_SIGNAL = 'tagRemoved';
export const EPISODE_STATE_QUERY = 'state';

export function episodeWorkflowId(referralId: string): string {
  return `tag-episode-${referralId}`;
}

export interface EpisodeInput {
  referralId: string;
  reference: string;
  fittedOn: string;
  plannedEnd: string;
  riskLevel: 'LOW' | 'MEDIUM' | 'HIGH';
  contactEveryDays: number;
  plannedEndReminderDays: number;
  removalOverdueDays: number;
  followUpMonths: number[];
  correlationId: string;
}

/** What one day of an episode asks of the practitioner and the coordinator (decided by the workflow). */
export interface EpisodeDayWork {
  contact: boolean;
  endReminder: boolean;
  endDue: boolean;
  removalOverdue: boolean;
}

export interface EpisodeState {
  status: 'ACTIVE' | 'REMOVAL_DUE' | 'REMOVED' | 'FOLLOWED_UP';
  plannedEnd: string;
  /** The last day the workflow worked through. */
  day: string;
  removalDueOn: string | null;
  removedOn: string | null;
  contacts: number;
  escalated: boolean;
  followUpsRaised: number[];
}

const DAY_MS = 86_400_000;

export function addDaysIso(d: string, n: number): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetweenIso(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Calendar months later, the day clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsIso(d: string, months: number): string {
  const [y, m, day] = d.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** The instant the day's work is raised: 07:00 UTC (before the working day in the UK, GMT or BST). */
export function workInstant(d: string): number {
  return Date.parse(`${d}T07:00:00Z`);
}
