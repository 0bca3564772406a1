import {
  RECOMMENDATION_KINDS,
  REVIEW_DECISION_OUTCOMES,
  assertValidReviewDecision,
  upheldRate,
  validateReviewDecision,
  type ReviewDecision,
  type ReviewDecisionOutcome,
} from './decision-outcome.rule';
import { InvalidReviewDecisionError } from './review-rules.errors';

describe('vocabulary', () => {
  it('outcomes are upheld / not upheld / not upheld with feedback (domain.md 1.1.6 [S])', () => {
    expect(REVIEW_DECISION_OUTCOMES).toEqual(['UPHELD', 'NOT_UPHELD', 'NOT_UPHELD_WITH_FEEDBACK']);
  });

  it('recommendation kinds have no "reinvestigate": the LPB cannot direct (domain.md 1.4.3 [S], 1.4.4 [S])', () => {
    expect(RECOMMENDATION_KINDS).toEqual([
      'APOLOGY',
      'FURTHER_STEPS_TO_RESOLVE',
      'LEARNING',
      'PROCESS_CHANGE',
      'OTHER',
    ]);
  });
});

describe('validateReviewDecision', () => {
  const apology = { kind: 'APOLOGY' as const, text: 'Apologise for the delay in recording the complaint.' };

  it.each<[string, ReviewDecision, object, string[]]>([
    ['upheld with a recommendation', { outcome: 'UPHELD', recommendations: [apology] }, {}, []],
    // domain.md 1.4.3 [S] / 1.5.8
    ['upheld without one', { outcome: 'UPHELD', recommendations: [] }, {}, ['UPHELD_WITHOUT_RECOMMENDATION']],
    [
      'upheld without one, rule switched off',
      { outcome: 'UPHELD', recommendations: [] },
      { recommendations: { upheldRequiresRecommendation: false } },
      [],
    ],
    ['not upheld', { outcome: 'NOT_UPHELD', recommendations: [] }, {}, []],
    // domain.md 1.1.6 [S]: Kent's third category records the feedback
    [
      'not upheld with feedback',
      {
        outcome: 'NOT_UPHELD_WITH_FEEDBACK',
        recommendations: [],
        feedbackToPsd: 'Letters should name the officer.',
      },
      {},
      [],
    ],
    [
      'not upheld with feedback but none given',
      { outcome: 'NOT_UPHELD_WITH_FEEDBACK', recommendations: [], feedbackToPsd: ' ' },
      {},
      ['FEEDBACK_REQUIRED'],
    ],
    [
      'recommendation without text',
      { outcome: 'UPHELD', recommendations: [{ kind: 'LEARNING', text: '' }] },
      {},
      ['RECOMMENDATION_TEXT_REQUIRED'],
    ],
    [
      'unknown kind',
      { outcome: 'UPHELD', recommendations: [{ kind: 'REINVESTIGATE' as never, text: 'x' }] },
      {},
      ['UNKNOWN_RECOMMENDATION_KIND'],
    ],
    ['unknown outcome', { outcome: 'DIRECTED' as never, recommendations: [] }, {}, ['UNKNOWN_OUTCOME']],
  ])('%s → %j', (_label, decision, config, codes) => {
    const result = validateReviewDecision(decision, config);
    expect(result.problems.map((p) => p.code)).toEqual(codes);
    expect(result.valid).toBe(codes.length === 0);
  });

  it('assertValidReviewDecision throws a named error', () => {
    expect(() => assertValidReviewDecision({ outcome: 'UPHELD', recommendations: [] })).toThrow(
      InvalidReviewDecisionError,
    );
  });
});

describe('upheldRate', () => {
  const outcomes = (upheld: number, notUpheld: number, feedback: number): ReviewDecisionOutcome[] => [
    ...Array<ReviewDecisionOutcome>(upheld).fill('UPHELD'),
    ...Array<ReviewDecisionOutcome>(notUpheld).fill('NOT_UPHELD'),
    ...Array<ReviewDecisionOutcome>(feedback).fill('NOT_UPHELD_WITH_FEEDBACK'),
  ];

  it.each([
    // domain.md Part 1: Kent 2024/25, 28 upheld and 174 not upheld → "14% of valid reviews upheld"
    ['Kent 2024/25', outcomes(28, 174, 0), 0.14],
    // domain.md 1.2.7 [S]: Kent 2023/24, 35 upheld, 76 not upheld, 62 with feedback
    ['Kent 2023/24', outcomes(35, 76, 62), 0.2],
  ])('%s → %p', (_label, list, rate) => {
    expect(upheldRate(list)).toBeCloseTo(rate, 2);
  });

  it('is null, not 0, when nothing was decided', () => {
    expect(upheldRate([])).toBeNull();
  });
});
