/**
 * The knife-swap forms as pure functions (table-tested in knife-swap-forms.spec.ts): which forms a user is offered on
 * a referral, and how a posted form becomes the API's request. They only decide what to show and what to send; the
 * gateway and apps/knife-swaps decide every action (their 4xx come back to the form against its fields). The lists
 * mirror libs/vru/knife-swap-rules (domain.md 3.3–3.4, vru-notes 3.4–3.5), which a platform-scoped app may not import.
 */

import { isCalendarDate } from './report-period';

export const FAMILY_ENGAGEMENT = ['ENGAGED', 'PARTLY_ENGAGED', 'NOT_ENGAGED'] as const;
export const KIT_TYPES = ['FOUR_PACK', 'SINGLE_5_INCH'] as const;
export const SAFETY_ADVICE_ITEMS = [
  'STORAGE_OF_REPLACEMENT_KNIVES',
  'NO_POINTED_KNIVES_BROUGHT_BACK',
  'KNIFE_CARRYING_RISKS_DISCUSSED',
  'SUPPORT_SERVICES_SIGNPOSTED',
] as const;
export const FOLLOW_UP_OUTCOMES = [
  'NO_CONCERNS',
  'CONCERNS_REFERRED_ON',
  'POINTED_KNIVES_RETURNED',
  'NO_CONTACT',
] as const;
/** The custody chain SEALED → HELD → HANDED_FOR_DESTRUCTION → DESTROYED (knife-swap-rules custody.rule). */
export const CUSTODY_ACTIONS = ['TRANSFER', 'HAND_FOR_DESTRUCTION', 'DESTROY'] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

const COORDINATOR = 'VRU_COORDINATOR';
const PRACTITIONER = 'VRU_PRACTITIONER';

export interface KnifeSwapForms {
  /** Coordinators record the pre-offer discussion (again, for a second visit) until eligibility is decided. */
  discussion: boolean;
  /** Coordinators decide eligibility once a discussion is recorded. */
  eligibility: boolean;
  /** Practitioners record the householder's agreement (or refusal) once the household is eligible. */
  consent: boolean;
  /** Practitioners record the swap once consent to replace all pointed knives is recorded. */
  swap: boolean;
  /** Practitioners and coordinators record the follow-up check-in after the swap. */
  followUp: boolean;
  /** Practitioners record the next custody step of the surrendered knives while they are not destroyed. */
  custodyActions: CustodyAction[];
}

export function knifeSwapForms(
  roles: readonly string[],
  referral: { status: string; swap?: { custody?: { status: string } | null } | null },
): KnifeSwapForms {
  const c = roles.includes(COORDINATOR);
  const p = roles.includes(PRACTITIONER);
  const s = referral.status;
  return {
    discussion: c && (s === 'REFERRED' || s === 'DISCUSSED'),
    eligibility: c && s === 'DISCUSSED',
    consent: p && s === 'ELIGIBLE',
    swap: p && s === 'CONSENTED',
    followUp: (p || c) && s === 'SWAPPED',
    custodyActions: p ? custodyActionsFrom(referral.swap?.custody?.status) : [],
  };
}

/** The steps the rules allow from a bag's status. */
export function custodyActionsFrom(status: string | undefined): CustodyAction[] {
  if (status === 'SEALED' || status === 'HELD') return ['TRANSFER', 'HAND_FOR_DESTRUCTION'];
  if (status === 'HANDED_FOR_DESTRUCTION') return ['DESTROY'];
  return [];
}

export interface FormProblem {
  field: string;
  text: string;
}
export type FormResult<T> = { ok: true; payload: T } | { ok: false; problems: FormProblem[] };

type Body = Record<string, unknown>;

const str = (body: Body, key: string): string => {
  const v = body[key];
  return typeof v === 'string' ? v.trim() : '';
};
/** Checkbox groups arrive as a string (one ticked) or an array (several). */
export const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
/**
 * A whole number typed as digits becomes a number; anything else is sent as typed, so the API refuses it with its
 * own rule ("must be a whole number") against the field, rather than the UI guessing.
 */
const count = (body: Body, key: string): number | string => {
  const v = str(body, key);
  return /^-?\d{1,9}$/.test(v) ? Number(v) : v;
};

function result<T>(problems: FormProblem[], payload: T): FormResult<T> {
  return problems.length ? { ok: false, problems } : { ok: true, payload };
}

function date(body: Body, key: string, label: string, problems: FormProblem[]): string {
  const v = str(body, key);
  if (!isCalendarDate(v)) problems.push({ field: key, text: `Enter ${label} as a date like 2026-12-07` });
  return v;
}

export interface DiscussionPayload {
  heldOn: string;
  protectiveFactors: string;
  homeCircumstances: string;
  youngPerson: string;
  familyEngagement: string;
}

/** The pre-offer discussion (domain.md 3.3.2): what the form must have before it is sent. */
export function readDiscussion(body: Body): FormResult<DiscussionPayload> {
  const problems: FormProblem[] = [];
  const heldOn = date(body, 'heldOn', 'the date of the discussion', problems);
  const familyEngagement = str(body, 'familyEngagement');
  if (!(FAMILY_ENGAGEMENT as readonly string[]).includes(familyEngagement))
    problems.push({ field: 'familyEngagement', text: 'Choose how engaged the family or guardian is' });
  // Blank text is sent on: the API names what the eligibility decision needs (SKRS_DISCUSSION_INCOMPLETE).
  return result(problems, {
    heldOn,
    protectiveFactors: str(body, 'protectiveFactors'),
    homeCircumstances: str(body, 'homeCircumstances'),
    youngPerson: str(body, 'youngPerson'),
    familyEngagement,
  });
}

export interface ConsentPayload {
  given: boolean;
  allPointedKnives: boolean;
  householderName: string;
  recordedOn: string;
}

/** Consent or refusal of the householder (domain.md 3.3.1, 3.3.5). */
export function readConsent(body: Body): FormResult<ConsentPayload> {
  const problems: FormProblem[] = [];
  const given = str(body, 'given');
  if (given !== 'yes' && given !== 'no')
    problems.push({ field: 'given', text: 'Choose whether the householder agreed to the swap' });
  const householderName = str(body, 'householderName');
  if (!householderName)
    problems.push({ field: 'householderName', text: 'Enter the name of the householder who answered' });
  const recordedOn = date(body, 'recordedOn', 'the date of the answer', problems);
  return result(problems, {
    given: given === 'yes',
    // Not ticked is sent as false: the API refuses consent that does not cover all pointed knives, by its rule.
    allPointedKnives: list(body.allPointedKnives).includes('yes'),
    householderName,
    recordedOn,
  });
}

export interface SwapPayload {
  swappedOn: string;
  storeId: string;
  kitType: string;
  kitQuantity: number | string;
  knivesSurrendered: number | string;
  safetyAdvice: string[];
  bagNumber: string;
}

/** The swap (domain.md 3.3.1, 3.4.4): kit from a store, the pointed knives counted and sealed in a numbered bag. */
export function readSwap(body: Body): FormResult<SwapPayload> {
  const problems: FormProblem[] = [];
  const swappedOn = date(body, 'swappedOn', 'the date of the swap', problems);
  const storeId = str(body, 'storeId');
  if (!storeId) problems.push({ field: 'storeId', text: 'Choose the store the kit was issued from' });
  const kitType = str(body, 'kitType');
  if (!kitType) problems.push({ field: 'kitType', text: 'Choose the kit issued' });
  const bagNumber = str(body, 'bagNumber').toUpperCase();
  if (!bagNumber) problems.push({ field: 'bagNumber', text: 'Enter the number on the sealed bag' });
  // Counts and the safety-advice checklist are judged by the API's rules (whole numbers in range, all advice given).
  return result(problems, {
    swappedOn,
    storeId,
    kitType,
    kitQuantity: count(body, 'kitQuantity'),
    knivesSurrendered: count(body, 'knivesSurrendered'),
    safetyAdvice: list(body.safetyAdvice),
    bagNumber,
  });
}

export interface FollowUpPayload {
  followedUpOn: string;
  outcome: string;
  notes?: string;
}

export function readFollowUp(body: Body): FormResult<FollowUpPayload> {
  const problems: FormProblem[] = [];
  const followedUpOn = date(body, 'followedUpOn', 'the date of the follow-up', problems);
  const outcome = str(body, 'outcome');
  if (!(FOLLOW_UP_OUTCOMES as readonly string[]).includes(outcome))
    problems.push({ field: 'outcome', text: 'Choose the outcome of the follow-up' });
  const notes = str(body, 'notes');
  return result(problems, { followedUpOn, outcome, ...(notes ? { notes } : {}) });
}

export interface CustodyStepPayload {
  action: CustodyAction;
  holder?: string;
  certificateRef?: string;
  note?: string;
}

/**
 * The next custody step of the surrendered knives: received or stored (TRANSFER to a new holder), sent for
 * destruction (HAND_FOR_DESTRUCTION to the contractor), destroyed (DESTROY, with the certificate).
 */
export function readCustodyStep(
  body: Body,
  allowed: readonly CustodyAction[],
): FormResult<CustodyStepPayload> {
  const problems: FormProblem[] = [];
  const action = str(body, 'action') as CustodyAction;
  if (!allowed.includes(action)) {
    problems.push({ field: 'action', text: 'Choose the custody step to record' });
    return { ok: false, problems };
  }
  const note = str(body, 'note');
  // A missing holder or certificate is sent as blank: the API refuses it by its rule, against the field
  // (SKRS_CUSTODY_HOLDER_REQUIRED, SKRS_DESTRUCTION_CERTIFICATE_REQUIRED).
  return {
    ok: true,
    payload: {
      action,
      ...(action === 'DESTROY'
        ? { certificateRef: str(body, 'certificateRef') }
        : { holder: str(body, 'holder') }),
      ...(note ? { note } : {}),
    },
  };
}
