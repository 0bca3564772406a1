import { DISPOSAL_TYPES, type DisposalType } from './disposal.model';
import { OocrConfigError } from './oocr.errors';
import {
  DEFAULT_OOCR_RULES_CONFIG,
  disposalTypeRules,
  enabledDisposalTypes,
  homeOfficeOutcome,
  resolveOocrRulesConfig,
} from './oocr-rules.config';

describe('OOCR rules configuration', () => {
  // domain.md 2.6.1: the disposal type enum and its configuration stay in step.
  it('describes every disposal type', () => {
    expect(Object.keys(DEFAULT_OOCR_RULES_CONFIG.disposalTypes).sort()).toEqual([...DISPOSAL_TYPES].sort());
  });

  // domain.md 2.6.1, 2.2.2 [U]: PCSC Part 6 cautions are known but off until commenced.
  it('enables the current disposals and not the PCSC Act 2022 cautions', () => {
    expect(enabledDisposalTypes()).toEqual([
      'COMMUNITY_RESOLUTION',
      'ADULT_CONDITIONAL_CAUTION',
      'YOUTH_CAUTION',
      'YOUTH_CONDITIONAL_CAUTION',
      'OUTCOME_22_DIVERSION',
      'OUTCOME_22_DEFERRED_CAUTION',
    ]);
    expect(enabledDisposalTypes({ disposalTypes: { DIVERSIONARY_CAUTION: { enabled: true } } })).toContain(
      'DIVERSIONARY_CAUTION',
    );
  });

  // domain.md 2.5.1 [S] (O22), 2.5.3 [U] (the rest), 2.5.2 [S] groups.
  it.each<[DisposalType, number | null, string]>([
    ['OUTCOME_22_DIVERSION', 22, 'DIVERSIONARY'],
    ['OUTCOME_22_DEFERRED_CAUTION', 22, 'DIVERSIONARY'],
    ['COMMUNITY_RESOLUTION', 8, 'OUT_OF_COURT_INFORMAL'],
    ['ADULT_CONDITIONAL_CAUTION', 3, 'OUT_OF_COURT_FORMAL'],
    ['YOUTH_CAUTION', 2, 'OUT_OF_COURT_FORMAL'],
    ['YOUTH_CONDITIONAL_CAUTION', 2, 'OUT_OF_COURT_FORMAL'],
    ['COMMUNITY_CAUTION', null, 'OUT_OF_COURT_FORMAL'],
  ])('maps %s to Home Office outcome %p (%s)', (type, code, group) => {
    expect(homeOfficeOutcome(type)).toEqual({ code, group });
  });

  // domain.md 2.5.3 [U]: outcome codes are configuration.
  it('lets a force remap an outcome code without touching the rest', () => {
    expect(
      homeOfficeOutcome('COMMUNITY_RESOLUTION', {
        disposalTypes: { COMMUNITY_RESOLUTION: { homeOfficeOutcomeCode: 9 } },
      }).code,
    ).toBe(9);
  });

  // domain.md 2.1.10 [S]/[U]: a partial override keeps the other defaults.
  it('merges a partial override into the defaults', () => {
    const config = resolveOocrRulesConfig({
      disposalTypes: { ADULT_CONDITIONAL_CAUTION: { completion: { maxWeeks: 24 } } },
      prosecutionTimeLimit: { breachHandlingBufferDays: 21 },
    });
    expect(config.disposalTypes.ADULT_CONDITIONAL_CAUTION.completion).toEqual({
      defaultWeeks: 16,
      maxWeeks: 24,
    });
    expect(config.disposalTypes.ADULT_CONDITIONAL_CAUTION.minAge).toBe(18);
    expect(config.prosecutionTimeLimit).toEqual({
      summaryOnlyMonths: 6,
      breachHandlingBufferDays: 21,
      approachingWithinDays: 28,
    });
    expect(DEFAULT_OOCR_RULES_CONFIG.disposalTypes.ADULT_CONDITIONAL_CAUTION.completion?.maxWeeks).toBe(20);
  });

  // domain.md 2.6.6: a force's list of breach decisions replaces the default.
  it('replaces lists rather than merging them', () => {
    const rules = disposalTypeRules('ADULT_CONDITIONAL_CAUTION', {
      disposalTypes: { ADULT_CONDITIONAL_CAUTION: { breachDecisions: ['NO_ACTION'] } },
    });
    expect(rules.breachDecisions).toEqual(['NO_ACTION']);
  });

  // domain.md 2.1.10 [S]/[U], 2.1.13 [U]: configured values must be coherent.
  it.each([
    [
      'maxWeeks below defaultWeeks',
      { disposalTypes: { ADULT_CONDITIONAL_CAUTION: { completion: { maxWeeks: 10 } } } },
    ],
    ['negative buffer', { prosecutionTimeLimit: { breachHandlingBufferDays: -1 } }],
    ['unknown rank', { breach: { variationMinimumRank: 'GENERAL' as never } }],
    ['maxAge below minAge', { disposalTypes: { YOUTH_CAUTION: { maxAge: 5 } } }],
  ])('rejects an impossible config: %s', (_label, override) => {
    expect(() => resolveOocrRulesConfig(override)).toThrow(OocrConfigError);
  });
});
