/**
 * The tag referral's write forms, as data and pure functions (table-tested in tag-forms.spec.ts): who is offered
 * each form in which state, the page's own checks of what was typed, the API call each form makes and the message
 * shown when it succeeds. The page only hides what a role cannot do; the gateway and apps/tag-referrals decide
 * every call, and their 4xx is shown against the fields (`fields` maps the API's field names to the input ids).
 * The lists mirror libs/vru/tag-rules and the tag-referrals DTOs (vru-notes 3.2, 3.5; domain.md 3.1.3, 3.4), which
 * a platform-scoped app may not import.
 */

export const COORDINATOR = ['VRU_COORDINATOR'] as const;
/** Fitting, extension and removal: practitioners and managers (the gateway's PRACTICE roles). */
export const PRACTICE = ['VRU_PRACTITIONER', 'VRU_MANAGER'] as const;
export const VRU_ROLES = ['VRU_COORDINATOR', 'VRU_MANAGER', 'VRU_PRACTITIONER'] as const;
export const INSPECTORS = ['VRU_COORDINATOR', 'VRU_PRACTITIONER'] as const;
export const WITHDRAWERS = ['PARTNER_REFERRER', ...VRU_ROLES] as const;

export const TRIAGE_DECISIONS = ['ACCEPT', 'DECLINE', 'REQUEST_INFO'] as const;
export const CONSENT_METHODS = ['SIGNED_FORM', 'VERBAL_WITNESSED', 'ELECTRONIC'] as const;
export const STRAP_SIZES = ['S', 'M', 'L', 'XL'] as const;
/** domain.md 3.1.3 / vru-notes 3.5: why a tag came off (the API's closed list). */
export const REMOVAL_REASONS = [
  'PLANNED_END',
  'CONSENT_WITHDRAWN',
  'STRAP_OFF_TAMPER',
  'PERSISTENT_NON_CHARGING',
  'DISENGAGEMENT',
  'MOVED_TO_STATUTORY_ROUTE',
] as const;
/** vru-notes 3.2: a returned tag is inspected, then back in stock, damaged or lost. */
export const INSPECTION_OUTCOMES = ['IN_STOCK', 'DAMAGED', 'LOST'] as const;
/** issue 11 item 8: a baseline once fitted, at closure, and 3, 6 and 9 months after removal. */
export const OUTCOME_POINTS = ['BEFORE', 'CLOSURE', 'MONTHS_3', 'MONTHS_6', 'MONTHS_9'] as const;
export const WITHDRAWN_BY = ['SUBJECT', 'GUARDIAN', 'REFERRER'] as const;

/** domain.md 3.1.3: 6 weeks by default, up to 8 with a reason; longer only with a manager's reason. */
export const DEFAULT_DAYS = 42;
export const EXTENDED_DAYS = 56;

/** Statuses from which a referral can still be withdrawn (lifecycle.rule.ts: WITHDRAW; REMOVAL_DUE is already ending). */
const WITHDRAWABLE = [
  'RECEIVED',
  'MORE_INFO_REQUESTED',
  'CONSENT_PENDING',
  'AWAITING_DEVICE',
  'ALLOCATED',
  'FITTED',
];

export type FormValues = Record<string, string>;

/** The parts of the referral (GET /tag-referrals/referrals/:id) the forms read. */
export interface ReferralForForms {
  status: string;
  tagSerial?: string | null;
  episode?: { tagSerial: string; fittedOn: string; plannedDays: number } | null;
}

export interface FormContext {
  id: string;
  roles: readonly string[];
  today: string;
  referral: ReferralForForms;
}

export interface TagForm {
  /** Roles that may post this form (as the gateway's route table; checked before anything is called). */
  roles: readonly string[];
  /** The API's field names → the ids of the inputs they are shown against. */
  fields: Record<string, string>;
  /**
   * The form's checks or call need the referral as it is now (its tag serial). Only these read it before posting:
   * each read of a referral is an audited consultation of personal data.
   */
  readsReferral?: true;
  /** The page's own checks: what is missing or malformed, by input id. Rules are the API's. */
  check(v: FormValues, ctx: FormContext): { id: string; text: string }[];
  /** The gateway call: path under /api, and the body. */
  request(v: FormValues, ctx: FormContext): { path: string; body: unknown };
  /** The success message, from what was sent and what the API answered. */
  done(v: FormValues, result: Record<string, unknown>): string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SERIAL = /^[A-Z0-9-]{4,40}$/;
const trim = (s: string | undefined) => (s ?? '').trim();
const has = (list: readonly string[], v: string | undefined) => v !== undefined && list.includes(v);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** 2027-02-01 → 1 Feb 2027 (as the pages show dates); anything else as it came. */
export function showDate(iso: unknown): string {
  const s = String(iso);
  if (!isCalendarDate(s)) return s;
  const [y, m, d] = s.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}
const humanise = (s: string) => s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, ' ');

/** A real calendar date written as YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A whole number of at least `min` written in digits (no sign, no decimals); undefined otherwise. */
export function wholeNumber(s: string | undefined, min = 0): number | undefined {
  const t = trim(s);
  if (!/^\d{1,6}$/.test(t)) return undefined;
  const n = Number(t);
  return n >= min ? n : undefined;
}

const ref = (id: string, action: string) => `/tag-referrals/referrals/${id}/${action}`;
const optional = (v: string | undefined) => (trim(v) ? trim(v) : undefined);
const serialOf = (r: ReferralForForms) => r.episode?.tagSerial ?? r.tagSerial ?? undefined;
const isManager = (roles: readonly string[]) => roles.includes('VRU_MANAGER');

/** The Kent evaluation's counts and yes/no measures (vru-notes 3.1), with how the page names them. */
export const COUNTS: [string, string][] = [
  ['suspectedOffences', 'suspected offences'],
  ['violentOffences', 'violent offences'],
  ['daysMissingFromHome', 'days missing from home'],
];
export const YES_NO: [string, string][] = [
  ['reEngagedWithServices', 're-engaged with services'],
  ['inEducationOrTraining', 'in education or training'],
  ['familyConnection', 'connected with family'],
];
const OUTCOME_FIELDS = ['point', ...COUNTS.map(([f]) => f), ...YES_NO.map(([f]) => f), 'wellbeing', 'note'];

export const TAG_FORMS: Record<string, TagForm> = {
  triage: {
    roles: COORDINATOR,
    fields: { decision: 'decision', reason: 'reason' },
    check(v) {
      if (!has(TRIAGE_DECISIONS, v.decision)) return [{ id: 'decision', text: 'Choose a decision' }];
      if (v.decision !== 'ACCEPT' && !trim(v.reason))
        return [{ id: 'reason', text: 'Give the reason for declining or asking for information' }];
      return [];
    },
    request: (v, { id }) => ({
      path: ref(id, 'triage'),
      body: { decision: v.decision, ...(trim(v.reason) ? { reason: trim(v.reason) } : {}) },
    }),
    done: (v) =>
      ({
        ACCEPT: 'Referral accepted: consent is now needed',
        DECLINE: 'Referral declined; the referrer is told',
        REQUEST_INFO: 'More information asked of the referrer',
      })[v.decision] ?? 'Triage decision recorded',
  },

  consent: {
    roles: ['VRU_COORDINATOR', 'VRU_PRACTITIONER'],
    fields: {
      party: 'party',
      givenBy: 'givenBy',
      method: 'method',
      informationVersion: 'informationVersion',
      givenOn: 'givenOn',
    },
    check(v, { today }) {
      const p: { id: string; text: string }[] = [];
      if (!has(['SUBJECT', 'GUARDIAN'], v.party))
        p.push({ id: 'party', text: 'Choose whose consent this is' });
      if (!trim(v.givenBy)) p.push({ id: 'givenBy', text: 'Enter the name of the person who gave consent' });
      if (!has(CONSENT_METHODS, v.method)) p.push({ id: 'method', text: 'Choose how consent was given' });
      if (!trim(v.informationVersion))
        p.push({ id: 'informationVersion', text: 'Enter the version of the information sheet given' });
      if (!isCalendarDate(trim(v.givenOn)))
        p.push({ id: 'givenOn', text: `Enter the date consent was given, for example ${today}` });
      return p;
    },
    request: (v, { id }) => ({
      path: ref(id, 'consents'),
      body: {
        party: v.party,
        givenBy: trim(v.givenBy),
        method: v.method,
        informationVersion: trim(v.informationVersion),
        givenOn: trim(v.givenOn),
      },
    }),
    done: () => 'Consent recorded',
  },

  allocate: {
    roles: COORDINATOR,
    fields: { serial: 'allocate-serial' },
    check(v) {
      const serial = trim(v.serial).toUpperCase();
      return serial && !SERIAL.test(serial)
        ? [
            {
              id: 'allocate-serial',
              text: 'Enter the serial as on the tag (4 to 40 letters, digits or hyphens), or leave it empty',
            },
          ]
        : [];
    },
    request: (v, { id }) => {
      const serial = trim(v.serial).toUpperCase();
      return { path: ref(id, 'allocation'), body: serial ? { serial } : {} };
    },
    done: (_v, r) =>
      `Tag ${String(r.tagSerial)} allocated from the ${String(r.pool)} pool: it can now be fitted`,
  },

  fit: {
    roles: PRACTICE,
    readsReferral: true,
    fields: {
      fittedOn: 'fit-fittedOn',
      fittedWhere: 'fit-fittedWhere',
      strapSize: 'fit-strapSize',
      days: 'fit-days',
      reason: 'fit-reason',
      managerReason: 'fit-managerReason',
    },
    check(v, { referral, today }) {
      const p: { id: string; text: string }[] = [];
      if (!isCalendarDate(trim(v.fittedOn)))
        p.push({ id: 'fit-fittedOn', text: `Enter the date the tag was fitted, for example ${today}` });
      if (!trim(v.fittedWhere)) p.push({ id: 'fit-fittedWhere', text: 'Enter where the tag was fitted' });
      if (!has(STRAP_SIZES, v.strapSize))
        p.push({ id: 'fit-strapSize', text: 'Choose the strap size fitted' });
      const serial = serialOf(referral);
      if (trim(v.serial).toUpperCase() !== (serial ?? '').toUpperCase())
        p.push({
          id: 'fit-serial',
          text: `Enter the serial on the tag fitted: it must be the allocated tag ${serial ?? ''}`.trim(),
        });
      if (trim(v.days) && wholeNumber(v.days, 1) === undefined)
        p.push({ id: 'fit-days', text: 'Enter the planned length as a whole number of days' });
      return p;
    },
    request: (v, { id, roles }) => ({
      path: ref(id, 'fitting'),
      body: {
        fittedOn: trim(v.fittedOn),
        fittedWhere: trim(v.fittedWhere),
        strapSize: v.strapSize,
        ...(trim(v.days) ? { days: wholeNumber(v.days, 1) } : {}),
        ...(optional(v.reason) ? { reason: optional(v.reason) } : {}),
        ...(isManager(roles) && optional(v.managerReason)
          ? { managerReason: optional(v.managerReason) }
          : {}),
      },
    }),
    done: (_v, r) =>
      `Tag fitted: planned end ${showDate(r.plannedEnd)} (${String(r.plannedDays)} days); the episode has started`,
  },

  extend: {
    roles: PRACTICE,
    fields: { days: 'extend-days', reason: 'extend-reason', managerReason: 'extend-managerReason' },
    check(v) {
      return wholeNumber(v.days, 1) === undefined
        ? [{ id: 'extend-days', text: 'Enter the new planned length as a whole number of days from the fit' }]
        : [];
    },
    request: (v, { id, roles }) => ({
      path: ref(id, 'extension'),
      body: {
        days: wholeNumber(v.days, 1),
        ...(optional(v.reason) ? { reason: optional(v.reason) } : {}),
        ...(isManager(roles) && optional(v.managerReason)
          ? { managerReason: optional(v.managerReason) }
          : {}),
      },
    }),
    done: (_v, r) =>
      `Episode extended to ${String(r.plannedDays)} days: planned end ${showDate(r.plannedEnd)}`,
  },

  remove: {
    roles: PRACTICE,
    fields: { removedOn: 'remove-removedOn', reason: 'remove-reason' },
    check(v, { today }) {
      const p: { id: string; text: string }[] = [];
      if (!isCalendarDate(trim(v.removedOn)))
        p.push({ id: 'remove-removedOn', text: `Enter the date the tag was removed, for example ${today}` });
      if (!has(REMOVAL_REASONS, v.reason))
        p.push({ id: 'remove-reason', text: 'Choose why the tag was removed' });
      return p;
    },
    request: (v, { id }) => ({
      path: ref(id, 'removal'),
      body: { removedOn: trim(v.removedOn), reason: v.reason },
    }),
    done: (v) =>
      `Removal recorded (${humanise(v.reason).toLowerCase()}): inspect the returned tag and record the outcomes at closure`,
  },

  inspect: {
    roles: INSPECTORS,
    readsReferral: true,
    fields: { outcome: 'inspect-outcome', note: 'inspect-note' },
    check(v, { referral }) {
      const p: { id: string; text: string }[] = [];
      if (!serialOf(referral)) p.push({ id: 'inspect-outcome', text: 'This referral has no tag to inspect' });
      else if (!has(INSPECTION_OUTCOMES, v.outcome))
        p.push({ id: 'inspect-outcome', text: 'Choose the result of the inspection' });
      return p;
    },
    request: (v, { referral }) => ({
      path: `/tag-referrals/tags/${encodeURIComponent(serialOf(referral) ?? '')}/inspection`,
      body: { outcome: v.outcome, ...(optional(v.note) ? { note: optional(v.note) } : {}) },
    }),
    done: (_v, r) =>
      r.status === 'IN_STOCK'
        ? `Tag ${String(r.serial)} is back in stock` +
          (r.offeredTo ? `: offered to ${String(r.offeredTo)}, the head of the waiting list` : '')
        : `Tag ${String(r.serial)} recorded as ${humanise(String(r.status)).toLowerCase()}; its pool place is free`,
  },

  withdraw: {
    roles: WITHDRAWERS,
    fields: { withdrawnBy: 'withdraw-withdrawnBy', reason: 'withdraw-reason' },
    check(v, { roles }) {
      const p: { id: string; text: string }[] = [];
      if (!has(withdrawersFor(roles), withdrawnBy(v, roles)))
        p.push({ id: 'withdraw-withdrawnBy', text: 'Choose who withdrew' });
      if (!trim(v.reason)) p.push({ id: 'withdraw-reason', text: 'Give the reason for the withdrawal' });
      return p;
    },
    request: (v, { id, roles }) => ({
      path: ref(id, 'withdrawal'),
      body: { withdrawnBy: withdrawnBy(v, roles), reason: trim(v.reason) },
    }),
    done: (_v, r) =>
      r.status === 'REMOVAL_DUE'
        ? 'Consent withdrawn: the episode ends early and a removal task is open until the tag is back'
        : 'Withdrawal recorded: the referral is closed',
  },

  outcome: {
    roles: VRU_ROLES,
    fields: Object.fromEntries(OUTCOME_FIELDS.map((f) => [f, `outcome-${f}`])),
    check(v) {
      const p: { id: string; text: string }[] = [];
      if (!has(OUTCOME_POINTS, v.point))
        p.push({ id: 'outcome-point', text: 'Choose the point of the outcomes' });
      for (const [f, what] of COUNTS)
        if (wholeNumber(v[f]) === undefined)
          p.push({ id: `outcome-${f}`, text: `Enter the number of ${what} as a whole number (0 if none)` });
      for (const [f, what] of YES_NO)
        if (!has(['yes', 'no'], v[f])) p.push({ id: `outcome-${f}`, text: `Choose whether ${what}` });
      if (trim(v.wellbeing) && !/^[1-5]$/.test(trim(v.wellbeing)))
        p.push({
          id: 'outcome-wellbeing',
          text: 'Enter wellbeing as a number from 1 to 5, or leave it empty',
        });
      return p;
    },
    request: (v, { id }) => ({
      path: ref(id, 'outcomes'),
      body: {
        point: v.point,
        ...Object.fromEntries(COUNTS.map(([f]) => [f, wholeNumber(v[f])])),
        ...Object.fromEntries(YES_NO.map(([f]) => [f, v[f] === 'yes'])),
        ...(trim(v.wellbeing) ? { wellbeing: Number(trim(v.wellbeing)) } : {}),
        ...(optional(v.note) ? { note: optional(v.note) } : {}),
      },
    }),
    done: (v) => `Outcomes recorded (${outcomePointText(v.point)})`,
  },
};

export function outcomePointText(point: string): string {
  return (
    {
      BEFORE: 'baseline, before the tag',
      CLOSURE: 'at closure',
      MONTHS_3: '3 months after removal',
      MONTHS_6: '6 months after removal',
      MONTHS_9: '9 months after removal',
    }[point] ?? point
  );
}

/** VRU staff record the person's (or guardian's) withdrawal of consent; a referrer withdraws its own referral. */
export function withdrawersFor(roles: readonly string[]): string[] {
  return roles.some((r) => (VRU_ROLES as readonly string[]).includes(r))
    ? ['SUBJECT', 'GUARDIAN']
    : ['REFERRER'];
}
function withdrawnBy(v: FormValues, roles: readonly string[]): string {
  const allowed = withdrawersFor(roles);
  return allowed.length === 1 ? allowed[0] : v.withdrawnBy;
}

export interface TagFormsOpen {
  allocate: boolean;
  fit: boolean;
  extend: boolean;
  remove: boolean;
  inspect: boolean;
  withdraw: boolean;
  outcome: boolean;
  tasks: boolean;
  /** Past 8 weeks needs a manager and the manager's reason (domain.md 3.4.3): only managers see that field. */
  managerReason: boolean;
}

/** Which of the episode's forms a user with these roles is offered on a referral in this state. */
export function tagFormsOpen(roles: readonly string[], r: ReferralForForms): TagFormsOpen {
  const any = (allowed: readonly string[]) => roles.some((x) => allowed.includes(x));
  const hasTag = Boolean(serialOf(r));
  return {
    allocate: any(COORDINATOR) && r.status === 'AWAITING_DEVICE',
    fit: any(PRACTICE) && r.status === 'ALLOCATED' && hasTag,
    extend: any(PRACTICE) && r.status === 'FITTED',
    remove: any(PRACTICE) && (r.status === 'FITTED' || r.status === 'REMOVAL_DUE'),
    // The referral does not say whether its tag was inspected yet; a second inspection is refused by the API.
    inspect: any(INSPECTORS) && r.status === 'REMOVED' && hasTag,
    withdraw: any(WITHDRAWERS) && WITHDRAWABLE.includes(r.status),
    outcome: any(VRU_ROLES) && Boolean(r.episode),
    tasks: any(VRU_ROLES),
    managerReason: roles.includes('VRU_MANAGER'),
  };
}
