import { DEFAULT_REVIEW_RULES_CONFIG, resolveReviewRulesConfig } from './review-rules.config';
import { InvalidReviewRulesConfigError } from './review-rules.errors';

describe('review rules configuration defaults', () => {
  it.each([
    // domain.md 1.1.3 [P]/[S]
    [
      'eligibility.reviewRegimeStartDate',
      DEFAULT_REVIEW_RULES_CONFIG.eligibility.reviewRegimeStartDate,
      '2020-02-01',
    ],
    // domain.md 1.2.1 [P]
    ['timeLimit.periodDays', DEFAULT_REVIEW_RULES_CONFIG.timeLimit.periodDays, 28],
    ['timeLimit.countFrom', DEFAULT_REVIEW_RULES_CONFIG.timeLimit.countFrom, 'OUTCOME_INFORMATION_PROVIDED'],
    // [U] no period in the domain notes
    [
      'validity.requestForInformationResponse.days',
      DEFAULT_REVIEW_RULES_CONFIG.validity.requestForInformationResponse.days,
      28,
    ],
    // domain.md 1.3.2 [S]
    [
      'routing.appropriateAuthorityIsLpbRoutesToIopc',
      DEFAULT_REVIEW_RULES_CONFIG.routing.appropriateAuthorityIsLpbRoutesToIopc,
      true,
    ],
    // domain.md 1.4.7 [S]
    ['clocks.acknowledgementWorkingDays', DEFAULT_REVIEW_RULES_CONFIG.clocks.acknowledgementWorkingDays, 5],
    ['clocks.completionWorkingDays', DEFAULT_REVIEW_RULES_CONFIG.clocks.completionWorkingDays, 28],
    // domain.md 1.4.5 [U] (56 borrowed from 1.4.6 [P])
    [
      'recommendations.responsePeriod.days',
      DEFAULT_REVIEW_RULES_CONFIG.recommendations.responsePeriod.days,
      56,
    ],
  ])('%s defaults to %p', (_path, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('is frozen so a caller cannot change the defaults for everyone', () => {
    expect(Object.isFrozen(DEFAULT_REVIEW_RULES_CONFIG.clocks)).toBe(true);
    expect(Object.isFrozen(DEFAULT_REVIEW_RULES_CONFIG.validity.requiredItems)).toBe(true);
  });
});

describe('resolveReviewRulesConfig', () => {
  it('answers a config it resolved itself as it is (resolved once at start, not on every rule call)', () => {
    const config = resolveReviewRulesConfig({ clocks: { completionWorkingDays: 20 } });
    expect(resolveReviewRulesConfig(config)).toBe(config);
    // an equal plain object is a new override: merged and validated again
    const copy = JSON.parse(JSON.stringify(config));
    expect(resolveReviewRulesConfig(copy)).not.toBe(config);
    expect(resolveReviewRulesConfig(copy)).toEqual(config);
  });

  it('overlays a partial override and keeps the other defaults', () => {
    const config = resolveReviewRulesConfig({ clocks: { completionWorkingDays: 20 } });
    expect(config.clocks.completionWorkingDays).toBe(20);
    expect(config.clocks.acknowledgementWorkingDays).toBe(5);
    expect(config.timeLimit.periodDays).toBe(28);
  });

  it('replaces arrays rather than merging them, and does not freeze the caller’s array', () => {
    const items: ('IN_WRITING' | 'COMPLAINT_DETAILS')[] = ['IN_WRITING', 'COMPLAINT_DETAILS'];
    const config = resolveReviewRulesConfig({ validity: { requiredItems: items } });
    expect(config.validity.requiredItems).toEqual(['IN_WRITING', 'COMPLAINT_DETAILS']);
    expect(Object.isFrozen(items)).toBe(false);
  });

  it.each([
    [{ timeLimit: { periodDays: 0 } }, /timeLimit.periodDays/],
    [{ timeLimit: { periodDays: 27.5 } }, /timeLimit.periodDays/],
    [{ clocks: { completionWorkingDays: -1 } }, /clocks.completionWorkingDays/],
    [{ clocks: { completionWarningWorkingDays: 40 } }, /cannot exceed/],
    [{ eligibility: { reviewRegimeStartDate: '01/02/2020' } }, /reviewRegimeStartDate/],
    [{ eligibility: { eligibleHandling: ['NOT_UNDER_SCHEDULE_3' as const] } }, /1\.1\.1/],
    [{ timeLimit: { countFrom: 'POSTMARK' as never } }, /timeLimit.countFrom/],
    [{ validity: { requiredItems: ['SIGNATURE' as never] } }, /unknown values SIGNATURE/],
    [{ recommendations: { responsePeriod: { days: 30, unit: 'WEEKS' as never } } }, /responsePeriod.unit/],
    [{ clocks: { completionWorkingdays: 20 } } as never, /unknown setting clocks.completionWorkingdays/],
  ])('rejects %j', (override, message) => {
    expect(() => resolveReviewRulesConfig(override)).toThrow(InvalidReviewRulesConfigError);
    expect(() => resolveReviewRulesConfig(override)).toThrow(message);
  });
});
