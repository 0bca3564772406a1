import { resolveReviewRulesConfig, type ReviewRulesConfig } from '@oversight/complaint-review-rules';
import { ComplaintReviewsEnv } from '../config/complaint-reviews.env';

/**
 * The review rules' configuration from this service's environment: only the values the domain notes
 * tag [S] or [U] (or ask to be selectable) are exposed; everything else keeps the library default.
 */
export function reviewRulesSettings(env: ComplaintReviewsEnv): ReviewRulesConfig {
  return resolveReviewRulesConfig({
    eligibility: {
      eligibleHandling:
        env.REVIEW_OTHERWISE_THAN_BY_INVESTIGATION === 'true'
          ? ['SCHEDULE_3_INVESTIGATION', 'SCHEDULE_3_OTHERWISE_THAN_BY_INVESTIGATION']
          : ['SCHEDULE_3_INVESTIGATION'],
    },
    timeLimit: { countFrom: env.TIME_LIMIT_COUNT_FROM },
    validity: {
      requestForInformationResponse: { days: env.INFORMATION_REQUEST_RESPONSE_DAYS, unit: 'CALENDAR_DAYS' },
      rollPersonFacingDatesToWorkingDay: env.PERSON_FACING_DATES_ROLL_TO_WORKING_DAY === 'true',
    },
    routing: {
      appropriateAuthorityIsLpbRoutesToIopc: env.LPB_AS_APPROPRIATE_AUTHORITY_ROUTES_TO_IOPC === 'true',
    },
    clocks: {
      acknowledgementWorkingDays: env.ACKNOWLEDGEMENT_WORKING_DAYS,
      completionWorkingDays: env.COMPLETION_WORKING_DAYS,
      completionWarningWorkingDays: Math.min(
        env.COMPLETION_WARNING_WORKING_DAYS,
        env.COMPLETION_WORKING_DAYS,
      ),
      completionStartsOn: env.COMPLETION_CLOCK_STARTS_ON,
    },
    recommendations: { responsePeriod: { days: env.RECOMMENDATION_RESPONSE_DAYS, unit: 'CALENDAR_DAYS' } },
  });
}
