import { isAfter, isIsoDate, type IsoDate } from './calendar-date.util';

/**
 * A conditional caution's lifecycle as one table (issue 10 item 7): for every state, every action staff or
 * providers take is allowed, refused with the rule that refuses it, or allowed only with a recorded reason.
 * The service checks it in one place (when it locks the caution for a change).
 */
export const CAUTION_STATES = [
  'ACTIVE',
  'BREACH_ASSESSMENT',
  'AWAITING_POST_ARREST_DECISION',
  'PROSECUTION_PENDING',
  'COMPLETED',
  'CLOSED_NO_FURTHER_ACTION',
  'CEASED',
] as const;
export type CautionState = (typeof CAUTION_STATES)[number];

export const CAUTION_ACTIONS = [
  'RECORD_EVIDENCE',
  'EXTEND_COMPLETION',
  'VARY_CONDITIONS',
  'ASSESS_BREACH',
  'DECIDE_BREACH',
  'RECORD_PROCEEDINGS_STARTED',
] as const;
export type CautionAction = (typeof CAUTION_ACTIONS)[number];

export interface CautionRefusal {
  code: string;
  rule: string;
  message: string;
}

/** Allowed only when the named reason is recorded (else refused with `refusal`). */
export interface AllowedWithReason {
  requires: 'breachSetAsideReason';
  refusal: CautionRefusal;
}

export type CautionTransitionRule = 'ALLOWED' | CautionRefusal | AllowedWithReason;

const noOpenBreach: CautionRefusal = {
  code: 'OOCR_NO_OPEN_BREACH',
  rule: '2.6.6',
  message:
    'There is no open breach on this caution: a breach is assessed and decided only once it is recorded.',
};
const noProsecution: CautionRefusal = {
  code: 'OOCR_NO_PROSECUTION_PENDING',
  rule: '2.1.11',
  message: 'Proceedings are recorded only after a decision to prosecute the original offence.',
};
const varyThroughBreachDecision: CautionRefusal = {
  code: 'OOCR_VARY_THROUGH_BREACH_DECISION',
  rule: '2.1.12, 2.6.6',
  message:
    'While a breach is open, conditions are varied by the breach decision (VARY_CONDITIONS), not on their own.',
};
const breachFirst: AllowedWithReason = {
  requires: 'breachSetAsideReason',
  refusal: {
    code: 'OOCR_BREACH_DECISION_FIRST',
    rule: '2.1.11, 2.6.6',
    message:
      'The caution has an open breach: decide the breach first, or record breachSetAsideReason (why the breach is set aside by this extension).',
  },
};
const prosecutionPending: CautionRefusal = {
  code: 'OOCR_PROSECUTION_PENDING',
  rule: '2.1.11',
  message:
    'The decision is to prosecute the original offence: the caution can no longer be completed or changed; record when proceedings start.',
};
const ended = (state: CautionState, rule: string, why: string): CautionRefusal => ({
  code: `OOCR_CAUTION_${state}`,
  rule,
  message: `The caution is ${state}: ${why}`,
});

const A = 'ALLOWED' as const;
const all = (rule: CautionTransitionRule) =>
  Object.fromEntries(CAUTION_ACTIONS.map((a) => [a, rule])) as Record<CautionAction, CautionTransitionRule>;

export const CAUTION_TRANSITIONS: Readonly<
  Record<CautionState, Readonly<Record<CautionAction, CautionTransitionRule>>>
> = {
  ACTIVE: {
    RECORD_EVIDENCE: A,
    EXTEND_COMPLETION: A,
    VARY_CONDITIONS: A,
    ASSESS_BREACH: noOpenBreach,
    DECIDE_BREACH: noOpenBreach,
    RECORD_PROCEEDINGS_STARTED: noProsecution,
  },
  BREACH_ASSESSMENT: {
    RECORD_EVIDENCE: A,
    EXTEND_COMPLETION: breachFirst,
    VARY_CONDITIONS: varyThroughBreachDecision,
    ASSESS_BREACH: A,
    DECIDE_BREACH: A,
    RECORD_PROCEEDINGS_STARTED: noProsecution,
  },
  AWAITING_POST_ARREST_DECISION: {
    RECORD_EVIDENCE: A,
    EXTEND_COMPLETION: breachFirst,
    VARY_CONDITIONS: varyThroughBreachDecision,
    ASSESS_BREACH: A,
    DECIDE_BREACH: A,
    RECORD_PROCEEDINGS_STARTED: noProsecution,
  },
  PROSECUTION_PENDING: { ...all(prosecutionPending), RECORD_PROCEEDINGS_STARTED: A },
  COMPLETED: all(ended('COMPLETED', '2.1.10', 'every condition was completed; nothing can change.')),
  CLOSED_NO_FURTHER_ACTION: all(
    ended('CLOSED_NO_FURTHER_ACTION', '2.6.6', 'the breach was closed with no further action.'),
  ),
  CEASED: all(ended('CEASED', '2.1.11', 'proceedings started, so it no longer has effect.')),
};

/** The table's answer for a caution: null when allowed, else the refusal. */
export function checkCautionTransition(
  state: string,
  action: CautionAction,
  reasons: { breachSetAsideReason?: string | null } = {},
): CautionRefusal | null {
  const rule = (CAUTION_TRANSITIONS as Record<string, Record<CautionAction, CautionTransitionRule>>)[state]?.[
    action
  ];
  if (rule === undefined)
    return {
      code: 'OOCR_UNKNOWN_STATE',
      rule: '2.6',
      message: `No rule for ${action} on a caution in state ${state}.`,
    };
  if (rule === 'ALLOWED') return null;
  if ('requires' in rule) return reasons[rule.requires]?.trim() ? null : rule.refusal;
  return rule;
}

export interface ExtensionTiming {
  today: IsoDate;
  currentCompletionDueDate: IsoDate;
  newCompletionDueDate: IsoDate;
  /** The caution has an open breach (its state is BREACH_ASSESSMENT or AWAITING_POST_ARREST_DECISION). */
  openBreach: boolean;
}

/**
 * When an extension makes sense (issue 10 item 7): it names a date after today, and is decided while the
 * caution can still be completed: before its completion date passes (after that the breach process decides,
 * 2.6.6) unless it is the breach that is being set aside. The state rules are in CAUTION_TRANSITIONS.
 */
export function checkExtensionTiming(t: ExtensionTiming): CautionRefusal[] {
  if (!isIsoDate(t.newCompletionDueDate) || !isIsoDate(t.today) || !isIsoDate(t.currentCompletionDueDate))
    return [{ code: 'OOCR_INVALID_INPUT', rule: '2.6.4', message: 'Dates must be YYYY-MM-DD.' }];
  const problems: CautionRefusal[] = [];
  if (!isAfter(t.newCompletionDueDate, t.today))
    problems.push({
      code: 'OOCR_EXTENSION_DATE_NOT_AFTER_TODAY',
      rule: '2.1.10, 2.6.4',
      message: `An extension must name a completion date after today (${t.today}); ${t.newCompletionDueDate} gives the offender no time to complete.`,
    });
  if (!t.openBreach && isAfter(t.today, t.currentCompletionDueDate))
    problems.push({
      code: 'OOCR_EXTENSION_AFTER_COMPLETION_DATE',
      rule: '2.1.10, 2.6.6',
      message: `The completion date (${t.currentCompletionDueDate}) has passed: the caution can no longer be completed as it stands, so the breach process decides what happens next.`,
    });
  return problems;
}
