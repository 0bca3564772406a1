import { resolveReviewRulesConfig, type ReviewRulesConfig } from '@oversight/complaint-review-rules';
import { ComplaintReviewsEnv } from '../config/complaint-reviews.env';

/**
 * The review rules' configuration from this service's environment: only the values the domain notes
 * tag [S] or [U] (or ask to be selectable) are exposed; everything else keeps the library default.
 */
export function reviewRulesSettings(env: ComplaintReviewsEnv): ReviewRulesConfig {
  return resolveReviewRulesConfig({
    timeLimit: { countFrom: env.TIME_LIMIT_COUNT_FROM },
    clocks: {
      acknowledgementWorkingDays: env.ACKNOWLEDGEMENT_WORKING_DAYS,
      completionWorkingDays: env.COMPLETION_WORKING_DAYS,
    },
    recommendations: { responsePeriod: { days: env.RECOMMENDATION_RESPONSE_DAYS, unit: 'CALENDAR_DAYS' } },
  });
}
