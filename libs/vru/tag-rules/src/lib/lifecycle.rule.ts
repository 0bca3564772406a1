/**
 * Lifecycles as transition tables. A move not in a table is refused with the states it was in and the moves open
 * from there, so the caller knows what to do.
 */

/** vru-notes 3.2 (implied device lifecycle): IN_STOCK → ALLOCATED → FITTED → REMOVED → INSPECTED → IN_STOCK | DAMAGED | LOST. */
export const TAG_STATUSES = [
  'IN_STOCK',
  'ALLOCATED',
  'FITTED',
  'REMOVED',
  'INSPECTED',
  'DAMAGED',
  'LOST',
] as const;
export type TagStatus = (typeof TAG_STATUSES)[number];

export const TAG_TRANSITIONS: Readonly<Record<TagStatus, readonly TagStatus[]>> = {
  IN_STOCK: ['ALLOCATED', 'DAMAGED', 'LOST'],
  // released unused (consent withdrawn before fitting, referral ended)
  ALLOCATED: ['FITTED', 'IN_STOCK'],
  // a tag not returned after a strap cut is lost
  FITTED: ['REMOVED', 'LOST'],
  REMOVED: ['INSPECTED', 'LOST'],
  // new locking plates fitted, damage noted (vru-notes 3.2)
  INSPECTED: ['IN_STOCK', 'DAMAGED', 'LOST'],
  DAMAGED: [],
  LOST: [],
};

export function canMoveTag(from: TagStatus, to: TagStatus): boolean {
  return TAG_TRANSITIONS[from]?.includes(to) ?? false;
}

/** vru-notes 3.5 (referral state machine), domain.md 3.4.1–3.4.3. */
export const REFERRAL_STATUSES = [
  'RECEIVED',
  'MORE_INFO_REQUESTED',
  'DECLINED',
  'CONSENT_PENDING',
  'AWAITING_DEVICE',
  'ALLOCATED',
  'FITTED',
  'REMOVAL_DUE',
  'REMOVED',
  'CLOSED',
  'WITHDRAWN',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_ACTIONS = [
  'ACCEPT',
  'DECLINE',
  'REQUEST_INFO',
  'PROVIDE_INFO',
  'CONSENT_COMPLETE',
  'ALLOCATE',
  'FIT',
  'END_DUE',
  'REMOVE',
  'CLOSE',
  'WITHDRAW',
] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

export const REFERRAL_TRANSITIONS: Readonly<
  Record<ReferralStatus, Partial<Record<ReferralAction, ReferralStatus>>>
> = {
  RECEIVED: {
    ACCEPT: 'CONSENT_PENDING',
    DECLINE: 'DECLINED',
    REQUEST_INFO: 'MORE_INFO_REQUESTED',
    WITHDRAW: 'WITHDRAWN',
  },
  MORE_INFO_REQUESTED: { PROVIDE_INFO: 'RECEIVED', DECLINE: 'DECLINED', WITHDRAW: 'WITHDRAWN' },
  DECLINED: {},
  CONSENT_PENDING: { CONSENT_COMPLETE: 'AWAITING_DEVICE', WITHDRAW: 'WITHDRAWN' },
  // consent is withdrawn, or a consent is withdrawn before allocation: nothing to remove
  AWAITING_DEVICE: { ALLOCATE: 'ALLOCATED', WITHDRAW: 'WITHDRAWN' },
  ALLOCATED: { FIT: 'FITTED', WITHDRAW: 'WITHDRAWN' },
  // domain.md 3.4.2: withdrawal at any time ends the episode early; the tag must still come back
  FITTED: { END_DUE: 'REMOVAL_DUE', WITHDRAW: 'REMOVAL_DUE', REMOVE: 'REMOVED' },
  REMOVAL_DUE: { REMOVE: 'REMOVED', WITHDRAW: 'REMOVAL_DUE' },
  REMOVED: { CLOSE: 'CLOSED' },
  CLOSED: {},
  WITHDRAWN: {},
};

export function nextReferralStatus(from: ReferralStatus, action: ReferralAction): ReferralStatus | null {
  return REFERRAL_TRANSITIONS[from]?.[action] ?? null;
}

/** The actions open from a status, for the refusal message. */
export function openActions(from: ReferralStatus): ReferralAction[] {
  return Object.keys(REFERRAL_TRANSITIONS[from] ?? {}) as ReferralAction[];
}

/** domain.md 3.1.3 / vru-notes 3.5: why a tag came off. */
export const REMOVAL_REASONS = [
  'PLANNED_END',
  'CONSENT_WITHDRAWN',
  'STRAP_OFF_TAMPER',
  'PERSISTENT_NON_CHARGING',
  'DISENGAGEMENT',
  'MOVED_TO_STATUTORY_ROUTE',
] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];
