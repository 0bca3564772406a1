import { RiskLevel } from './tag-rules.config';

export interface WaitingEntry {
  id: string;
  risk: RiskLevel;
  /** When the referral joined the waiting list (ISO instant or date; compared as text). */
  waitingSince: string;
}

const RANK: Record<RiskLevel, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };

/** Waiting-list order when a pool is full: higher risk first, then who waited longest, then id (issue 11 §4). */
export function compareWaiting(a: WaitingEntry, b: WaitingEntry): number {
  return (
    RANK[a.risk] - RANK[b.risk] ||
    (a.waitingSince < b.waitingSince ? -1 : a.waitingSince > b.waitingSince ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function orderWaitingList<T extends WaitingEntry>(entries: readonly T[]): T[] {
  return [...entries].sort(compareWaiting);
}

/** SQL ORDER BY fragment for the same order, for a column `risk_rank` (0 = HIGH) and `waiting_since`. */
export function riskRank(risk: RiskLevel): number {
  return RANK[risk];
}
