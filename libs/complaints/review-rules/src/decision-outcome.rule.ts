import { resolveReviewRulesConfig, type ReviewRulesConfigOverride } from './review-rules.config';
import { InvalidReviewDecisionError } from './review-rules.errors';
import type { RuleRef } from './review.vocabulary';

/**
 * Outcome of a review that was decided (1.1.6 [S]): UPHELD means the handling was NOT reasonable
 * and proportionate; NOT_UPHELD_WITH_FEEDBACK is Kent's practical third category (feedback to PSD).
 * Cases closed without a decision (withdrawn, invalid, out of time, redirected) are not outcomes.
 */
export const REVIEW_DECISION_OUTCOMES = ['UPHELD', 'NOT_UPHELD', 'NOT_UPHELD_WITH_FEEDBACK'] as const;
export type ReviewDecisionOutcome = (typeof REVIEW_DECISION_OUTCOMES)[number];

/**
 * What an LPB can recommend when upholding (1.4.3 [S]). It recommends; it cannot direct or
 * overturn the force's decision, so there is deliberately no "reinvestigate" kind (1.4.4 is IOPC only).
 */
export const RECOMMENDATION_KINDS = [
  'APOLOGY',
  'FURTHER_STEPS_TO_RESOLVE',
  'LEARNING',
  'PROCESS_CHANGE',
  'OTHER',
] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

export interface Recommendation {
  readonly kind: RecommendationKind;
  readonly text: string;
}

export interface ReviewDecision {
  readonly outcome: ReviewDecisionOutcome;
  readonly recommendations: readonly Recommendation[];
  /** The feedback given to PSD; what distinguishes NOT_UPHELD_WITH_FEEDBACK from NOT_UPHELD. */
  readonly feedbackToPsd?: string;
}

export type ReviewDecisionProblemCode =
  | 'UNKNOWN_OUTCOME'
  | 'UPHELD_WITHOUT_RECOMMENDATION'
  | 'UNKNOWN_RECOMMENDATION_KIND'
  | 'RECOMMENDATION_TEXT_REQUIRED'
  | 'FEEDBACK_REQUIRED';

export interface ReviewDecisionProblem {
  readonly code: ReviewDecisionProblemCode;
  readonly message: string;
  readonly rule: RuleRef;
}

export function validateReviewDecision(
  decision: ReviewDecision,
  config: ReviewRulesConfigOverride = {},
): { readonly valid: boolean; readonly problems: readonly ReviewDecisionProblem[] } {
  const { recommendations: settings } = resolveReviewRulesConfig(config);
  const problems: ReviewDecisionProblem[] = [];
  if (!REVIEW_DECISION_OUTCOMES.includes(decision.outcome)) {
    problems.push({
      code: 'UNKNOWN_OUTCOME',
      message: `Unknown outcome ${String(decision.outcome)}.`,
      rule: '1.1.6 [S]',
    });
  }
  if (
    decision.outcome === 'UPHELD' &&
    settings.upheldRequiresRecommendation &&
    decision.recommendations.length === 0
  ) {
    problems.push({
      code: 'UPHELD_WITHOUT_RECOMMENDATION',
      message: 'An upheld review must say what the force should do: add at least one recommendation.',
      rule: '1.4.3 [S]',
    });
  }
  // Kent's third category exists to record the feedback given to PSD; without it it is just NOT_UPHELD.
  const feedback = decision.feedbackToPsd;
  if (
    decision.outcome === 'NOT_UPHELD_WITH_FEEDBACK' &&
    (typeof feedback !== 'string' || feedback.trim() === '')
  ) {
    problems.push({
      code: 'FEEDBACK_REQUIRED',
      message: 'Record the feedback given to PSD, or use NOT_UPHELD.',
      rule: '1.1.6 [S]',
    });
  }
  decision.recommendations.forEach((recommendation, index) => {
    if (!RECOMMENDATION_KINDS.includes(recommendation.kind)) {
      problems.push({
        code: 'UNKNOWN_RECOMMENDATION_KIND',
        message: `Recommendation ${index + 1} has unknown kind ${String(recommendation.kind)}.`,
        rule: '1.4.3 [S]',
      });
    }
    if (typeof recommendation.text !== 'string' || recommendation.text.trim() === '') {
      problems.push({
        code: 'RECOMMENDATION_TEXT_REQUIRED',
        message: `Recommendation ${index + 1} needs its text.`,
        rule: '1.4.3 [S]',
      });
    }
  });
  return { valid: problems.length === 0, problems };
}

export function assertValidReviewDecision(
  decision: ReviewDecision,
  config: ReviewRulesConfigOverride = {},
): void {
  const { problems } = validateReviewDecision(decision, config);
  if (problems.length > 0) throw new InvalidReviewDecisionError(problems);
}

/**
 * Share of decided reviews that were upheld, as Kent reports it (Part 1: 28 of 202 decided = 14%).
 * Null when nothing was decided, rather than a misleading 0.
 */
export function upheldRate(outcomes: readonly ReviewDecisionOutcome[]): number | null {
  if (outcomes.length === 0) return null;
  return outcomes.filter((o) => o === 'UPHELD').length / outcomes.length;
}
