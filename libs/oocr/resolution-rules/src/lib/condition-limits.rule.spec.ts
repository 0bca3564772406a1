import {
  cappedConditionHours,
  validateConditions,
  type CautionCondition,
  type ConditionsInput,
} from './condition-limits.rule';
import type { DisposalType, OffenceClass } from './disposal.model';

const ISSUE = '2026-01-05';
const COMPLETION = '2026-04-27';

function condition(overrides: Partial<CautionCondition>): CautionCondition {
  return { purpose: 'REPARATIVE', kind: 'APOLOGY', dueDate: '2026-02-01', ...overrides };
}

function input(conditions: CautionCondition[], overrides: Partial<ConditionsInput> = {}): ConditionsInput {
  return {
    disposalType: 'ADULT_CONDITIONAL_CAUTION',
    offenceClass: 'SUMMARY_ONLY',
    issueDate: ISSUE,
    completionDueDate: COMPLETION,
    conditions,
    ...overrides,
  };
}

const rulesOf = (value: ConditionsInput) => validateConditions(value).violations.map((v) => v.rule);

const work = (hours: number) => condition({ purpose: 'REPARATIVE', kind: 'UNPAID_WORK', hours });
const attend = (hours: number, purpose: CautionCondition['purpose']) =>
  condition({ purpose, kind: 'ATTENDANCE', hours });
const fine = (pounds: number) =>
  condition({ purpose: 'PUNITIVE', kind: 'FINANCIAL_PENALTY', amountPence: pounds * 100 });

describe('condition limits', () => {
  // domain.md 2.1.6 [P]: unpaid work and non-rehabilitative attendance ≤ 20 hours; rehabilitative attendance excluded.
  it.each<[string, CautionCondition[], number, boolean]>([
    ['20 hours unpaid work', [work(20)], 20, true],
    ['21 hours unpaid work', [work(21)], 21, false],
    ['12 + 9 hours across two conditions', [work(12), attend(9, 'PUNITIVE')], 21, false],
    ['20 hours work + 30 hours rehabilitative course', [work(20), attend(30, 'REHABILITATIVE')], 20, true],
    [
      '10.5 + 10 hours reparative attendance',
      [attend(10.5, 'REPARATIVE'), attend(10, 'REPARATIVE')],
      20.5,
      false,
    ],
    ['no hours', [condition({})], 0, true],
  ])('%s: counted %p hours, allowed %p', (_label, conditions, counted, allowed) => {
    expect(cappedConditionHours(conditions)).toBe(counted);
    expect(rulesOf(input(conditions)).includes('OOCR_CONDITION_HOURS_EXCEEDED')).toBe(!allowed);
  });

  // domain.md 2.3.5 [S]: the YCC cap is configuration.
  it('applies a configured hours cap', () => {
    const result = validateConditions(input([work(15)], { disposalType: 'YOUTH_CONDITIONAL_CAUTION' }), {
      disposalTypes: { YOUTH_CONDITIONAL_CAUTION: { conditions: { maxNonRehabilitativeHours: 10 } } },
    });
    expect(result.violations.map((v) => v.rule)).toEqual(['OOCR_CONDITION_HOURS_EXCEEDED']);
  });

  // domain.md 2.1.7 [P]: £50 summary, £100 either-way, £150 indictable-only; penalties summed.
  it.each<[OffenceClass, number[], boolean]>([
    ['SUMMARY_ONLY', [50], true],
    ['SUMMARY_ONLY', [60], false],
    ['SUMMARY_ONLY', [30, 30], false],
    ['EITHER_WAY', [100], true],
    ['EITHER_WAY', [101], false],
    ['INDICTABLE_ONLY', [150], true],
    ['INDICTABLE_ONLY', [151], false],
  ])('%s offence, financial penalties £%j: allowed %p', (offenceClass, pounds, allowed) => {
    const violations = validateConditions(input(pounds.map(fine), { offenceClass })).violations;
    expect(violations.map((v) => v.rule)).toEqual(allowed ? [] : ['OOCR_FINANCIAL_PENALTY_EXCEEDED']);
  });

  // domain.md 2.1.7 [P]: the message names the total and the cap.
  it('tells the user the cap in pounds', () => {
    const [violation] = validateConditions(input([fine(60)])).violations;
    expect(violation.message).toContain('£60');
    expect(violation.message).toContain('£50');
  });

  // domain.md 2.1.7 [P] caps the financial penalty only; compensation is reparation (2.1.8 [S]).
  it('does not count compensation towards the financial-penalty cap', () => {
    const compensation = condition({ purpose: 'REPARATIVE', kind: 'COMPENSATION', amountPence: 40_000 });
    expect(rulesOf(input([compensation, fine(50)]))).toEqual([]);
  });

  // domain.md 2.1.4 [P] purposes incl. foreign offender; 2.3.5 [S] YCC purposes; 2.1.8 [S] restrictive.
  it.each<[DisposalType, CautionCondition, string[]]>([
    ['ADULT_CONDITIONAL_CAUTION', condition({ purpose: 'FOREIGN_OFFENDER', kind: 'DEPARTURE_FROM_UK' }), []],
    [
      'YOUTH_CONDITIONAL_CAUTION',
      condition({ purpose: 'FOREIGN_OFFENDER', kind: 'DEPARTURE_FROM_UK' }),
      ['OOCR_CONDITION_PURPOSE_NOT_PERMITTED'],
    ],
    ['ADULT_CONDITIONAL_CAUTION', condition({ purpose: 'REHABILITATIVE', kind: 'COURSE' }), []],
    [
      'ADULT_CONDITIONAL_CAUTION',
      condition({ purpose: 'RESTRICTIVE', kind: 'RESTRICTION' }),
      ['OOCR_RESTRICTIVE_CONDITION_UNSUPPORTED'],
    ],
    [
      'ADULT_CONDITIONAL_CAUTION',
      condition({ purpose: 'RESTRICTIVE', kind: 'RESTRICTION', supportsPurpose: 'REPARATIVE' }),
      [],
    ],
    [
      'ADULT_CONDITIONAL_CAUTION',
      condition({ purpose: 'VINDICTIVE' as never }),
      ['OOCR_CONDITION_PURPOSE_NOT_PERMITTED'],
    ],
    ['COMMUNITY_RESOLUTION', condition({}), ['OOCR_CONDITIONS_NOT_PERMITTED']],
    ['YOUTH_CAUTION', condition({}), ['OOCR_CONDITIONS_NOT_PERMITTED']],
  ])('%s with %j → %j', (disposalType, value, expected) => {
    expect(rulesOf(input([value], { disposalType }))).toEqual(expected);
  });

  // domain.md 2.1.8 [S]: the restrictive-purpose rule is configuration.
  it('lets a force drop the restrictive-purpose rule [S]', () => {
    const result = validateConditions(input([condition({ purpose: 'RESTRICTIVE', kind: 'RESTRICTION' })]), {
      disposalTypes: {
        ADULT_CONDITIONAL_CAUTION: { conditions: { restrictiveMustSupportAnotherPurpose: false } },
      },
    });
    expect(result.violations).toEqual([]);
  });

  // domain.md 2.6.3/2.6.4: each condition's due date within issue … completion due date.
  it.each([
    ['2026-04-27', []],
    ['2026-04-28', ['OOCR_CONDITION_DUE_AFTER_COMPLETION']],
    ['2026-01-05', []],
    ['2026-01-04', ['OOCR_CONDITION_DUE_BEFORE_ISSUE']],
    ['27/04/2026', ['OOCR_INVALID_INPUT']],
  ])('condition due %s → %j', (dueDate, expected) => {
    expect(rulesOf(input([condition({ dueDate })]))).toEqual(expected);
  });

  // domain.md 2.6.3: each condition has its own due date.
  it('names the offending condition', () => {
    const result = validateConditions(input([condition({}), condition({ dueDate: '2026-05-01' })]));
    expect(result.violations).toEqual([
      expect.objectContaining({
        rule: 'OOCR_CONDITION_DUE_AFTER_COMPLETION',
        field: 'conditions[1].dueDate',
      }),
    ]);
  });

  // domain.md 2.1.6 [P], 2.1.7 [P]: hours and amounts must be real quantities to be capped.
  it.each([
    [condition({ kind: 'UNPAID_WORK', hours: -1 }), 'conditions[0].hours'],
    [
      condition({ kind: 'FINANCIAL_PENALTY', purpose: 'PUNITIVE', amountPence: 12.5 }),
      'conditions[0].amountPence',
    ],
  ])('reports an impossible value %j at %s', (value, field) => {
    expect(validateConditions(input([value])).violations).toEqual([
      expect.objectContaining({ rule: 'OOCR_INVALID_INPUT', field }),
    ]);
  });
});
