import { DEFAULT_REVIEW_RULES_CONFIG } from '@oversight/complaint-review-rules';
import { ComplaintReviewsEnv } from '../config/complaint-reviews.env';
import { reviewRulesSettings } from './review-rules.settings';

const env = (overrides: Partial<ComplaintReviewsEnv> = {}) =>
  Object.assign(new ComplaintReviewsEnv(), overrides);

describe('reviewRulesSettings: the [S]/[U] values of domain.md from the environment', () => {
  it('gives the library defaults when nothing is set', () => {
    expect(reviewRulesSettings(env())).toEqual(DEFAULT_REVIEW_RULES_CONFIG);
  });

  it.each<
    [string, Partial<ComplaintReviewsEnv>, (c: ReturnType<typeof reviewRulesSettings>) => unknown, unknown]
  >([
    [
      '1.1.1 [S]: OTBI complaints not reviewable',
      { REVIEW_OTHERWISE_THAN_BY_INVESTIGATION: 'false' },
      (c) => c.eligibility.eligibleHandling,
      ['SCHEDULE_3_INVESTIGATION'],
    ],
    [
      '1.2.2 [S]: count from the letter date',
      { TIME_LIMIT_COUNT_FROM: 'OUTCOME_LETTER_DATE' },
      (c) => c.timeLimit.countFrom,
      'OUTCOME_LETTER_DATE',
    ],
    [
      '1.2.6 [U]: 14 days to answer a request for information',
      { INFORMATION_REQUEST_RESPONSE_DAYS: 14 },
      (c) => c.validity.requestForInformationResponse,
      { days: 14, unit: 'CALENDAR_DAYS' },
    ],
    [
      '1.3.2 [S]: LPB as appropriate authority stays local',
      { LPB_AS_APPROPRIATE_AUTHORITY_ROUTES_TO_IOPC: 'false' },
      (c) => c.routing.appropriateAuthorityIsLpbRoutesToIopc,
      false,
    ],
    [
      '1.4.7 [S]: 20 working days to complete',
      { COMPLETION_WORKING_DAYS: 20 },
      (c) => c.clocks.completionWorkingDays,
      20,
    ],
    [
      '[U]: warn 3 working days ahead',
      { COMPLETION_WARNING_WORKING_DAYS: 3 },
      (c) => c.clocks.completionWarningWorkingDays,
      3,
    ],
    [
      '[U]: a warning longer than the target is capped at it',
      { COMPLETION_WORKING_DAYS: 4, COMPLETION_WARNING_WORKING_DAYS: 10 },
      (c) => c.clocks.completionWarningWorkingDays,
      4,
    ],
    [
      '1.4.5 [U]: 30 days for the force to respond',
      { RECOMMENDATION_RESPONSE_DAYS: 30 },
      (c) => c.recommendations.responsePeriod,
      { days: 30, unit: 'CALENDAR_DAYS' },
    ],
  ])('%s', (_name, overrides, pick, expected) => {
    expect(pick(reviewRulesSettings(env(overrides)))).toEqual(expected);
  });
});
