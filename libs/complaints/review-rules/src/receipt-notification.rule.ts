import { resolveReviewRulesConfig, type ReviewRulesConfigOverride } from './review-rules.config';
import type { RuleRef } from './review.vocabulary';

/**
 * Who the review body must tell when it receives an application (domain.md 1.4.1 [P] para 25(1C)):
 * the appropriate authority, everyone entitled to be kept properly informed (PRA 2002 s21, the
 * "interested persons") and the person complained against, if any. 1.5.7 adds that each of these
 * needs a record, and a way to record a notification withheld, with the reasons.
 */
export const NOTIFIED_PARTY_KINDS = [
  'APPROPRIATE_AUTHORITY',
  'INTERESTED_PERSON',
  'PERSON_COMPLAINED_AGAINST',
] as const;
export type NotifiedPartyKind = (typeof NOTIFIED_PARTY_KINDS)[number];

export interface ReceiptNotificationEntry {
  readonly kind: NotifiedPartyKind;
  /** An email or postal address to write to is on record for this party. */
  readonly hasContactAddress: boolean;
  readonly withheld?: { readonly ground: string; readonly reason: string };
}

export interface ReceiptNotificationInput {
  readonly entries: readonly ReceiptNotificationEntry[];
  /** The reviewer's statement that no individual is complained against (e.g. a complaint about policy). */
  readonly noPersonComplainedAgainst?: { readonly reason: string };
  /** What earlier records for the same application already settled. */
  readonly alreadyRecorded: {
    readonly appropriateAuthority: boolean;
    readonly personComplainedAgainst: boolean;
  };
}

export type ReceiptNotificationProblemCode =
  | 'APPROPRIATE_AUTHORITY_REQUIRED'
  | 'ONE_APPROPRIATE_AUTHORITY'
  | 'APPROPRIATE_AUTHORITY_NOT_WITHHELD'
  | 'PERSON_COMPLAINED_AGAINST_UNSETTLED'
  | 'PERSON_COMPLAINED_AGAINST_CONTRADICTION'
  | 'NO_PERSON_REASON_REQUIRED'
  | 'UNKNOWN_WITHHOLDING_GROUND'
  | 'WITHHOLDING_REASON_REQUIRED'
  | 'CONTACT_ADDRESS_REQUIRED'
  | 'NOTHING_TO_RECORD';

export interface ReceiptNotificationProblem {
  readonly code: ReceiptNotificationProblemCode;
  /** The entry the problem is about (index into `entries`), when it is about one. */
  readonly entry?: number;
  readonly message: string;
  readonly rule: RuleRef;
}

/**
 * Checks a set of receipt notifications before anything is sent. The first record must settle the
 * appropriate authority and the person complained against; later records may add people found
 * later (another interested person, a second officer). Nothing is withheld without a ground and a
 * reason, and the force itself is always told.
 */
export function checkReceiptNotifications(
  input: ReceiptNotificationInput,
  config: ReviewRulesConfigOverride = {},
): { readonly valid: boolean; readonly problems: readonly ReceiptNotificationProblem[] } {
  const { receiptNotifications: settings } = resolveReviewRulesConfig(config);
  const problems: ReceiptNotificationProblem[] = [];
  const { entries, alreadyRecorded } = input;
  const aaEntries = entries.filter((e) => e.kind === 'APPROPRIATE_AUTHORITY');
  const pcaEntries = entries.filter((e) => e.kind === 'PERSON_COMPLAINED_AGAINST');

  if (!entries.length && !input.noPersonComplainedAgainst)
    problems.push({
      code: 'NOTHING_TO_RECORD',
      message: 'Give at least one party to notify.',
      rule: '1.4.1',
    });
  if (!alreadyRecorded.appropriateAuthority && aaEntries.length === 0)
    problems.push({
      code: 'APPROPRIATE_AUTHORITY_REQUIRED',
      message: 'The appropriate authority (the force) must be notified of the application.',
      rule: '1.4.1 [P]',
    });
  if (aaEntries.length + (alreadyRecorded.appropriateAuthority ? 1 : 0) > 1)
    problems.push({
      code: 'ONE_APPROPRIATE_AUTHORITY',
      message: alreadyRecorded.appropriateAuthority
        ? 'The appropriate authority has already been notified of this application.'
        : 'An application has one appropriate authority; give it once.',
      rule: '1.4.1 [P]',
    });

  if (!alreadyRecorded.personComplainedAgainst) {
    if (pcaEntries.length === 0 && !input.noPersonComplainedAgainst)
      problems.push({
        code: 'PERSON_COMPLAINED_AGAINST_UNSETTLED',
        message:
          'Say who the person complained against is (notify them, or withhold with a reason), or state that no individual is complained against.',
        rule: '1.4.1 [P], 1.5.7',
      });
  }
  if (input.noPersonComplainedAgainst) {
    if (pcaEntries.length > 0 || alreadyRecorded.personComplainedAgainst)
      problems.push({
        code: 'PERSON_COMPLAINED_AGAINST_CONTRADICTION',
        message: 'A person complained against is given (or already recorded), so there cannot also be none.',
        rule: '1.4.1 [P]',
      });
    if (!input.noPersonComplainedAgainst.reason?.trim())
      problems.push({
        code: 'NO_PERSON_REASON_REQUIRED',
        message: 'Say why no individual is complained against (e.g. the complaint is about a policy).',
        rule: '1.5.7',
      });
  }

  entries.forEach((entry, i) => {
    if (entry.withheld) {
      if (entry.kind === 'APPROPRIATE_AUTHORITY')
        problems.push({
          code: 'APPROPRIATE_AUTHORITY_NOT_WITHHELD',
          entry: i,
          message: 'The appropriate authority holds the complaint file; its notification cannot be withheld.',
          rule: '1.4.1 [P]',
        });
      if (!settings.withholdingGrounds.includes(entry.withheld.ground))
        problems.push({
          code: 'UNKNOWN_WITHHOLDING_GROUND',
          entry: i,
          message: `Unknown ground ${String(entry.withheld.ground)}; use one of ${settings.withholdingGrounds.join(', ')}.`,
          rule: '1.5.7 [U]',
        });
      if (!entry.withheld.reason?.trim())
        problems.push({
          code: 'WITHHOLDING_REASON_REQUIRED',
          entry: i,
          message: 'A withheld notification needs the reasons on record.',
          rule: '1.5.7 [U]',
        });
    } else if (!entry.hasContactAddress) {
      problems.push({
        code: 'CONTACT_ADDRESS_REQUIRED',
        entry: i,
        message:
          'Give an email or postal address to send the notification to, or record it as withheld (e.g. CANNOT_BE_TRACED) with a reason.',
        rule: '1.4.1 [P]',
      });
    }
  });
  return { valid: problems.length === 0, problems };
}
