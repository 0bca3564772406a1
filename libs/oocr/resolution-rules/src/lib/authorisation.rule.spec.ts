import { requiredAuthorisation, validateAuthorisation, type AuthorisationInput } from './authorisation.rule';
import type { DisposalType } from './disposal.model';
import type { AuthorisationMatrixEntry } from './oocr-rules.config';
import {
  POLICE_RANKS,
  compareRanks,
  rankAtLeast,
  type Authoriser,
  type PoliceRank,
} from './police-rank.model';

function input(overrides: Partial<AuthorisationInput> = {}): AuthorisationInput {
  return {
    disposalType: 'ADULT_CONDITIONAL_CAUTION',
    disposalDate: '2026-03-10',
    offender: { dateOfBirth: '1990-05-20' },
    offence: { classification: 'EITHER_WAY', offenceDate: '2026-02-01' },
    authoriser: { rank: 'SERGEANT' },
    ...overrides,
  };
}

const rulesOf = (value: AuthorisationInput, override = {}) =>
  validateAuthorisation(value, override).violations.map((v) => v.rule);

describe('police ranks', () => {
  // domain.md 2.1.3 [P] / 2.6.2: rank comparisons (sergeant or above); order of ranks from the brief.
  it('orders constable < sergeant < inspector < chief inspector < superintendent < chief superintendent < chief officers', () => {
    for (let i = 1; i < POLICE_RANKS.length; i++) {
      expect(compareRanks(POLICE_RANKS[i - 1], POLICE_RANKS[i])).toBeLessThan(0);
    }
    expect(POLICE_RANKS.slice(0, 6)).toEqual([
      'CONSTABLE',
      'SERGEANT',
      'INSPECTOR',
      'CHIEF_INSPECTOR',
      'SUPERINTENDENT',
      'CHIEF_SUPERINTENDENT',
    ]);
  });

  // domain.md 2.1.3 [P]: "sergeant rank or above".
  it.each<[PoliceRank, PoliceRank, boolean]>([
    ['CONSTABLE', 'SERGEANT', false],
    ['SERGEANT', 'SERGEANT', true],
    ['CHIEF_CONSTABLE', 'INSPECTOR', true],
    ['CHIEF_INSPECTOR', 'SUPERINTENDENT', false],
  ])('rankAtLeast(%s, %s) = %p', (rank, minimum, expected) => {
    expect(rankAtLeast(rank, minimum)).toBe(expected);
  });
});

describe('authorisation', () => {
  // domain.md 2.1.3 [P]: sergeant or above, or a DPP-authorised person, for an adult conditional caution.
  // 2.3.1 [P]: a constable may give a youth caution. 2.4.6 [S]: Kent SOP sergeant for a CR.
  it.each<[DisposalType, Authoriser | null, string[]]>([
    ['ADULT_CONDITIONAL_CAUTION', { rank: 'CONSTABLE' }, ['OOCR_AUTHORISER_RANK_TOO_LOW']],
    ['ADULT_CONDITIONAL_CAUTION', { rank: 'SERGEANT' }, []],
    ['ADULT_CONDITIONAL_CAUTION', { rank: 'SUPERINTENDENT' }, []],
    ['ADULT_CONDITIONAL_CAUTION', { dppAuthorised: true }, []],
    ['ADULT_CONDITIONAL_CAUTION', null, ['OOCR_AUTHORISER_REQUIRED']],
    ['ADULT_CONDITIONAL_CAUTION', {}, ['OOCR_AUTHORISER_REQUIRED']],
    ['YOUTH_CAUTION', { rank: 'CONSTABLE' }, []],
    ['COMMUNITY_RESOLUTION', { rank: 'CONSTABLE' }, ['OOCR_AUTHORISER_RANK_TOO_LOW']],
    ['COMMUNITY_RESOLUTION', { dppAuthorised: true }, ['OOCR_AUTHORISER_REQUIRED']],
  ])('%s authorised by %j → %j', (disposalType, authoriser, expected) => {
    expect(rulesOf(input({ disposalType, authoriser }))).toEqual(expected);
  });

  // domain.md 2.4.6 [S] / Part 1: a force matrix raises the rank by severity, youth and offence type ([U] rows).
  const matrix: AuthorisationMatrixEntry[] = [
    {
      id: 'cr-high-gravity',
      disposalTypes: ['COMMUNITY_RESOLUTION'],
      minSeverity: 3,
      minimumRank: 'INSPECTOR',
    },
    { id: 'youth-cc', disposalTypes: ['YOUTH_CONDITIONAL_CAUTION'], youth: true, minimumRank: 'INSPECTOR' },
    { id: 'weapons', offenceTypes: ['8/10'], minimumRank: 'CHIEF_INSPECTOR' },
    { id: 'flagged', flags: ['HATE_CRIME'], minimumRank: 'INSPECTOR' },
  ];

  // domain.md 2.4.6 [S], 2.6.2: matrix rows raise the rank; every matching row is reported.
  it.each<[string, Partial<AuthorisationInput>, PoliceRank | null, string[]]>([
    [
      'low-gravity CR',
      {
        disposalType: 'COMMUNITY_RESOLUTION',
        offence: { classification: 'SUMMARY_ONLY', offenceDate: '2026-02-01', severity: 2 },
      },
      'SERGEANT',
      [],
    ],
    [
      'high-gravity CR',
      {
        disposalType: 'COMMUNITY_RESOLUTION',
        offence: { classification: 'SUMMARY_ONLY', offenceDate: '2026-02-01', severity: 3 },
      },
      'INSPECTOR',
      ['cr-high-gravity'],
    ],
    [
      'youth YCC',
      { disposalType: 'YOUTH_CONDITIONAL_CAUTION', offender: { dateOfBirth: '2010-01-01' } },
      'INSPECTOR',
      ['youth-cc'],
    ],
    [
      'weapons ACC',
      { offence: { classification: 'EITHER_WAY', offenceDate: '2026-02-01', offenceType: '8/10' } },
      'CHIEF_INSPECTOR',
      ['weapons'],
    ],
    [
      'hate-crime weapons ACC',
      {
        offence: {
          classification: 'EITHER_WAY',
          offenceDate: '2026-02-01',
          offenceType: '8/10',
          hateCrime: true,
        },
      },
      'CHIEF_INSPECTOR',
      ['weapons', 'flagged'],
    ],
  ])('matrix: %s needs %s', (_label, overrides, rank, rows) => {
    const required = requiredAuthorisation(input(overrides), { authorisationMatrix: matrix });
    expect(required.minimumRank).toBe(rank);
    for (const row of rows) expect(required.reasons.join('|')).toContain(`'${row}'`);
    expect(required.reasons).toHaveLength(1 + rows.length);
  });

  // domain.md 2.1.3 [P]: a DPP-authorised person meets the statutory minimum, not a force matrix row [U].
  it.each<[Authoriser, string[]]>([
    [{ rank: 'SERGEANT' }, ['OOCR_AUTHORISER_RANK_TOO_LOW']],
    [{ rank: 'CHIEF_INSPECTOR' }, []],
    [{ dppAuthorised: true }, ['OOCR_AUTHORISER_REQUIRED']],
  ])('matrix-raised weapons ACC authorised by %j → %j', (authoriser, expected) => {
    const value = input({
      authoriser,
      offence: { classification: 'EITHER_WAY', offenceDate: '2026-02-01', offenceType: '8/10' },
    });
    expect(rulesOf(value, { authorisationMatrix: matrix })).toEqual(expected);
  });

  // domain.md 2.1.3 [P]: indictable-only offences need a prosecutor decision.
  it.each<
    [
      string,
      AuthorisationInput['offence']['classification'],
      AuthorisationInput['prosecutorDecision'],
      string[],
    ]
  >([
    [
      'indictable-only without a decision',
      'INDICTABLE_ONLY',
      undefined,
      ['OOCR_PROSECUTOR_DECISION_REQUIRED'],
    ],
    [
      'indictable-only with a blank reference',
      'INDICTABLE_ONLY',
      { decidedOn: '2026-03-01', reference: '' },
      ['OOCR_PROSECUTOR_DECISION_REQUIRED'],
    ],
    [
      'indictable-only decided after disposal',
      'INDICTABLE_ONLY',
      { decidedOn: '2026-03-11', reference: 'CPS-9' },
      ['OOCR_PROSECUTOR_DECISION_REQUIRED'],
    ],
    [
      'indictable-only with a bad decision date',
      'INDICTABLE_ONLY',
      { decidedOn: 'yesterday', reference: 'CPS-9' },
      ['OOCR_INVALID_INPUT'],
    ],
    [
      'indictable-only with a decision',
      'INDICTABLE_ONLY',
      { decidedOn: '2026-03-01', reference: 'CPS-9' },
      [],
    ],
    ['either-way without a decision', 'EITHER_WAY', undefined, []],
  ])('%s → %j', (_label, classification, prosecutorDecision, expected) => {
    expect(
      rulesOf(input({ offence: { classification, offenceDate: '2026-02-01' }, prosecutorDecision })),
    ).toEqual(expected);
  });
});
