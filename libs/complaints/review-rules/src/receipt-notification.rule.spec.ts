import {
  checkReceiptNotifications,
  type ReceiptNotificationEntry,
  type ReceiptNotificationInput,
} from './receipt-notification.rule';
import { InvalidReviewRulesConfigError } from './review-rules.errors';
import { resolveReviewRulesConfig } from './review-rules.config';

const force: ReceiptNotificationEntry = { kind: 'APPROPRIATE_AUTHORITY', hasContactAddress: true };
const officer: ReceiptNotificationEntry = { kind: 'PERSON_COMPLAINED_AGAINST', hasContactAddress: true };
const relative: ReceiptNotificationEntry = { kind: 'INTERESTED_PERSON', hasContactAddress: true };
const withheld = (kind: ReceiptNotificationEntry['kind'], ground: string, reason: string) => ({
  kind,
  hasContactAddress: true,
  withheld: { ground, reason },
});
const first = { appropriateAuthority: false, personComplainedAgainst: false };
const settled = { appropriateAuthority: true, personComplainedAgainst: true };

describe('checkReceiptNotifications (domain.md 1.4.1 [P], 1.5.7)', () => {
  it.each<[string, ReceiptNotificationInput, string[]]>([
    // 1.4.1: the appropriate authority, interested persons and the person complained against are told.
    [
      'force, officer and a relative, all notified',
      { entries: [force, officer, relative], alreadyRecorded: first },
      [],
    ],
    [
      'force and officer only (no other interested person)',
      { entries: [force, officer], alreadyRecorded: first },
      [],
    ],
    [
      'no individual complained against, with the reason',
      {
        entries: [force],
        noPersonComplainedAgainst: { reason: 'Complaint about a force policy' },
        alreadyRecorded: first,
      },
      [],
    ],
    // 1.4.1: the force must be told.
    [
      'first record without the force',
      { entries: [officer], alreadyRecorded: first },
      ['APPROPRIATE_AUTHORITY_REQUIRED'],
    ],
    [
      'the force given twice',
      { entries: [force, force, officer], alreadyRecorded: first },
      ['ONE_APPROPRIATE_AUTHORITY'],
    ],
    [
      'the force again after it was already told',
      { entries: [force], alreadyRecorded: settled },
      ['ONE_APPROPRIATE_AUTHORITY'],
    ],
    [
      'the force withheld',
      { entries: [withheld('APPROPRIATE_AUTHORITY', 'HARM_TEST', 'x'), officer], alreadyRecorded: first },
      ['APPROPRIATE_AUTHORITY_NOT_WITHHELD', 'UNKNOWN_WITHHOLDING_GROUND'],
    ],
    // 1.4.1 / 1.5.7: the person complained against is settled one way or the other on the first record.
    [
      'first record silent on the person complained against',
      { entries: [force], alreadyRecorded: first },
      ['PERSON_COMPLAINED_AGAINST_UNSETTLED'],
    ],
    [
      'an officer and "no individual" at once',
      { entries: [force, officer], noPersonComplainedAgainst: { reason: 'policy' }, alreadyRecorded: first },
      ['PERSON_COMPLAINED_AGAINST_CONTRADICTION'],
    ],
    [
      '"no individual" without a reason',
      { entries: [force], noPersonComplainedAgainst: { reason: '  ' }, alreadyRecorded: first },
      ['NO_PERSON_REASON_REQUIRED'],
    ],
    // 1.5.7 [U]: withholding needs a ground from the configured list and reasons.
    [
      'officer withheld on a listed ground with reasons',
      {
        entries: [
          force,
          withheld(
            'PERSON_COMPLAINED_AGAINST',
            'PREJUDICE_TO_CRIMINAL_PROCEEDINGS',
            'A criminal investigation is live',
          ),
        ],
        alreadyRecorded: first,
      },
      [],
    ],
    [
      'withheld on an unknown ground',
      {
        entries: [force, withheld('PERSON_COMPLAINED_AGAINST', 'BECAUSE', 'reasons')],
        alreadyRecorded: first,
      },
      ['UNKNOWN_WITHHOLDING_GROUND'],
    ],
    [
      'withheld without reasons',
      {
        entries: [force, withheld('PERSON_COMPLAINED_AGAINST', 'SAFETY_OF_A_PERSON', ' ')],
        alreadyRecorded: first,
      },
      ['WITHHOLDING_REASON_REQUIRED'],
    ],
    [
      'notified without an address to write to',
      {
        entries: [force, { kind: 'INTERESTED_PERSON', hasContactAddress: false }, officer],
        alreadyRecorded: first,
      },
      ['CONTACT_ADDRESS_REQUIRED'],
    ],
    [
      'untraceable person recorded as withheld instead',
      {
        entries: [
          force,
          officer,
          {
            ...withheld('INTERESTED_PERSON', 'CANNOT_BE_TRACED', 'No address known'),
            hasContactAddress: false,
          },
        ],
        alreadyRecorded: first,
      },
      [],
    ],
    // Later records add people found later; the first record already settled the rest.
    ['a relative found later', { entries: [relative], alreadyRecorded: settled }, []],
    ['a second officer found later', { entries: [officer], alreadyRecorded: settled }, []],
    [
      '"no individual" after an officer was recorded',
      { entries: [], noPersonComplainedAgainst: { reason: 'policy' }, alreadyRecorded: settled },
      ['PERSON_COMPLAINED_AGAINST_CONTRADICTION'],
    ],
    ['an empty record', { entries: [], alreadyRecorded: settled }, ['NOTHING_TO_RECORD']],
  ])('%s', (_name, input, expected) => {
    const { valid, problems } = checkReceiptNotifications(input);
    expect(problems.map((p) => p.code).sort()).toEqual([...expected].sort());
    expect(valid).toBe(expected.length === 0);
  });

  it('points each problem about an entry at that entry', () => {
    const { problems } = checkReceiptNotifications({
      entries: [force, officer, { kind: 'INTERESTED_PERSON', hasContactAddress: false }],
      alreadyRecorded: first,
    });
    expect(problems).toEqual([expect.objectContaining({ code: 'CONTACT_ADDRESS_REQUIRED', entry: 2 })]);
  });

  it('takes the withholding grounds from configuration (1.5.7 [U])', () => {
    const input: ReceiptNotificationInput = {
      entries: [force, withheld('PERSON_COMPLAINED_AGAINST', 'LOCAL_GROUND', 'reasons')],
      alreadyRecorded: first,
    };
    expect(checkReceiptNotifications(input).valid).toBe(false);
    expect(
      checkReceiptNotifications(input, { receiptNotifications: { withholdingGrounds: ['LOCAL_GROUND'] } })
        .valid,
    ).toBe(true);
  });

  it('refuses grounds that are not codes', () => {
    expect(() =>
      resolveReviewRulesConfig({ receiptNotifications: { withholdingGrounds: ['not a code'] } }),
    ).toThrow(InvalidReviewRulesConfigError);
  });
});
