import {
  cautionStatusAfterBreachDecision,
  validateBreachDecision,
  type BreachDecision,
  type BreachDecisionInput,
} from './breach-decision.rule';
import type { DisposalType } from './disposal.model';

function input(
  decision: Partial<BreachDecision>,
  overrides: Partial<BreachDecisionInput> = {},
): BreachDecisionInput {
  return {
    disposalType: 'ADULT_CONDITIONAL_CAUTION',
    offenceClass: 'EITHER_WAY',
    offenceDate: '2026-01-01',
    breachDetectedOn: '2026-05-01',
    reasonableExcuseAssessment: {
      assessedOn: '2026-05-02',
      outcome: 'NO_REASONABLE_EXCUSE',
      rationale: 'Did not attend; no contact',
    },
    decision: { type: 'NO_ACTION', decidedOn: '2026-05-03', ...decision },
    ...overrides,
  };
}

const rulesOf = (value: BreachDecisionInput) => validateBreachDecision(value).violations.map((v) => v.rule);
const excused = { assessedOn: '2026-05-02', outcome: 'REASONABLE_EXCUSE' as const, rationale: 'In hospital' };

describe('breach decisions', () => {
  // domain.md 2.1.11 [P], 2.1.12 [P], 2.6.6: decision types and their preconditions.
  it.each<[string, BreachDecisionInput, string[]]>([
    ['no action', input({ type: 'NO_ACTION' }), []],
    ['arrest under s24A', input({ type: 'ARREST_S24A' }), []],
    [
      'prosecution with the signed document',
      input({ type: 'PROSECUTE_ORIGINAL_OFFENCE', signedDocumentRef: 'DOC-1' }),
      [],
    ],
    [
      'prosecution without the signed document',
      input({ type: 'PROSECUTE_ORIGINAL_OFFENCE' }),
      ['OOCR_SIGNED_DOCUMENT_LINK_REQUIRED'],
    ],
    ['variation by a sergeant', input({ type: 'VARY_CONDITIONS', authoriser: { rank: 'SERGEANT' } }), []],
    [
      'variation by a DPP-authorised person',
      input({ type: 'VARY_CONDITIONS', authoriser: { dppAuthorised: true } }),
      [],
    ],
    [
      'variation by a constable',
      input({ type: 'VARY_CONDITIONS', authoriser: { rank: 'CONSTABLE' } }),
      ['OOCR_VARIATION_AUTHORISATION_REQUIRED'],
    ],
    ['variation unauthorised', input({ type: 'VARY_CONDITIONS' }), ['OOCR_VARIATION_AUTHORISATION_REQUIRED']],
  ])('%s → %j', (_label, value, expected) => {
    expect(rulesOf(value)).toEqual(expected);
  });

  // domain.md 2.6.6: the reasonable-excuse assessment is recorded first; 2.1.11 [P] "without reasonable excuse".
  it.each<[string, Partial<BreachDecisionInput>, BreachDecision['type'], string[]]>([
    [
      'no assessment',
      { reasonableExcuseAssessment: null },
      'NO_ACTION',
      ['OOCR_REASONABLE_EXCUSE_ASSESSMENT_REQUIRED'],
    ],
    [
      'assessment without rationale',
      {
        reasonableExcuseAssessment: {
          assessedOn: '2026-05-02',
          outcome: 'NO_REASONABLE_EXCUSE',
          rationale: '',
        },
      },
      'NO_ACTION',
      ['OOCR_REASONABLE_EXCUSE_ASSESSMENT_REQUIRED'],
    ],
    [
      'assessed after deciding',
      {
        reasonableExcuseAssessment: {
          assessedOn: '2026-05-04',
          outcome: 'NO_REASONABLE_EXCUSE',
          rationale: 'x',
        },
      },
      'NO_ACTION',
      ['OOCR_REASONABLE_EXCUSE_ASSESSED_AFTER_DECISION'],
    ],
    [
      'excuse accepted, then arrest',
      { reasonableExcuseAssessment: excused },
      'ARREST_S24A',
      ['OOCR_REASONABLE_EXCUSE_ACCEPTED'],
    ],
    ['excuse accepted, then no action', { reasonableExcuseAssessment: excused }, 'NO_ACTION', []],
    [
      'decided before the breach was detected',
      { breachDetectedOn: '2026-05-04' },
      'NO_ACTION',
      ['OOCR_INVALID_INPUT'],
    ],
  ])('%s → %j', (_label, overrides, type, expected) => {
    expect(rulesOf(input({ type }, overrides))).toEqual(expected);
  });

  // domain.md 2.4.4 [S] CR not enforceable; 2.2.1 [P] community caution breach is not prosecution.
  it.each<[DisposalType, BreachDecision['type'], string[]]>([
    ['COMMUNITY_RESOLUTION', 'NO_ACTION', ['OOCR_BREACH_NOT_ENFORCEABLE']],
    ['OUTCOME_22_DIVERSION', 'PROSECUTE_ORIGINAL_OFFENCE', ['OOCR_BREACH_NOT_ENFORCEABLE']],
    ['COMMUNITY_CAUTION', 'PROSECUTE_ORIGINAL_OFFENCE', ['OOCR_BREACH_DECISION_NOT_PERMITTED']],
    ['YOUTH_CONDITIONAL_CAUTION', 'PROSECUTE_ORIGINAL_OFFENCE', []],
  ])('%s breach decided %s → %j', (disposalType, type, expected) => {
    expect(rulesOf(input({ type, signedDocumentRef: 'DOC-1' }, { disposalType }))).toEqual(expected);
  });

  // domain.md 2.1.13 [S]/[U]: a summary-only offence cannot be prosecuted after offence date + 6 months.
  it.each([
    ['2026-07-01', []],
    ['2026-07-02', ['OOCR_PROSECUTION_STATUTE_BARRED']],
  ])('prosecuting a summary-only offence of 2026-01-01, decided %s → %j', (decidedOn, expected) => {
    const value = input(
      { type: 'PROSECUTE_ORIGINAL_OFFENCE', decidedOn, signedDocumentRef: 'DOC-1' },
      { offenceClass: 'SUMMARY_ONLY' },
    );
    expect(rulesOf(value)).toEqual(expected);
  });

  // domain.md 2.1.11 [P]: the caution ceases once proceedings start.
  it.each<[Pick<BreachDecision, 'type' | 'proceedingsStartedOn'>, string]>([
    [{ type: 'PROSECUTE_ORIGINAL_OFFENCE', proceedingsStartedOn: '2026-05-10' }, 'CEASED'],
    [{ type: 'PROSECUTE_ORIGINAL_OFFENCE' }, 'PROSECUTION_PENDING'],
    [{ type: 'VARY_CONDITIONS' }, 'ACTIVE'],
    [{ type: 'ARREST_S24A' }, 'ACTIVE'],
    [{ type: 'NO_ACTION' }, 'ACTIVE'],
  ])('after %j the caution is %s', (decision, expected) => {
    expect(cautionStatusAfterBreachDecision(decision)).toBe(expected);
  });
});
