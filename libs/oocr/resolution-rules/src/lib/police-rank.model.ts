/**
 * Police ranks of a territorial force in England and Wales, lowest first. Chief officer ranks are kept distinct
 * (ACC < DCC < Chief Constable); no rule here needs more than inspector, so the order among them is cosmetic.
 */
export const POLICE_RANKS = [
  'CONSTABLE',
  'SERGEANT',
  'INSPECTOR',
  'CHIEF_INSPECTOR',
  'SUPERINTENDENT',
  'CHIEF_SUPERINTENDENT',
  'ASSISTANT_CHIEF_CONSTABLE',
  'DEPUTY_CHIEF_CONSTABLE',
  'CHIEF_CONSTABLE',
] as const;
export type PoliceRank = (typeof POLICE_RANKS)[number];

export function isPoliceRank(value: unknown): value is PoliceRank {
  return typeof value === 'string' && (POLICE_RANKS as readonly string[]).includes(value);
}

/** Negative when `a` is junior to `b`, zero when equal, positive when senior. */
export function compareRanks(a: PoliceRank, b: PoliceRank): number {
  return POLICE_RANKS.indexOf(a) - POLICE_RANKS.indexOf(b);
}

export function rankAtLeast(rank: PoliceRank, minimum: PoliceRank): boolean {
  return compareRanks(rank, minimum) >= 0;
}

export function higherRank(a: PoliceRank, b: PoliceRank): PoliceRank {
  return compareRanks(a, b) >= 0 ? a : b;
}

/** Whoever authorises: an officer with a rank, or a person the DPP has authorised (2.1.3 [P]). */
export interface Authoriser {
  id?: string;
  rank?: PoliceRank;
  dppAuthorised?: boolean;
}
