import { assessEligibility, type EligibilityInput } from './eligibility.rule';
import { InvalidReviewInputError } from './review-rules.errors';

const base: EligibilityInput = {
  handling: 'SCHEDULE_3_INVESTIGATION',
  iopcInvestigation: 'NONE',
  complaintMadeOn: '2024-06-01',
};

describe('assessEligibility', () => {
  it.each([
    // domain.md 1.1.1 [P] para 25
    [{}, 'REVIEW', 'HANDLED_UNDER_SCHEDULE_3', 'SCHEDULE_3_INVESTIGATION'],
    // domain.md 1.1.1 [S] para 6A
    [
      { handling: 'SCHEDULE_3_OTHERWISE_THAN_BY_INVESTIGATION' },
      'REVIEW',
      'HANDLED_UNDER_SCHEDULE_3',
      'SCHEDULE_3_OTHERWISE_THAN_BY_INVESTIGATION',
    ],
    // domain.md 1.1.2 [S] outside Schedule 3
    [
      { handling: 'NOT_UNDER_SCHEDULE_3' },
      'NOT_ELIGIBLE',
      'HANDLED_UNDER_SCHEDULE_3',
      'NOT_HANDLED_UNDER_SCHEDULE_3',
    ],
    // domain.md 1.1.2 [S] IOPC-directed / independent investigations
    [
      { iopcInvestigation: 'DIRECTED' },
      'NOT_ELIGIBLE',
      'NOT_IOPC_INVESTIGATION',
      'IOPC_DIRECTED_INVESTIGATION',
    ],
    [
      { iopcInvestigation: 'INDEPENDENT' },
      'NOT_ELIGIBLE',
      'NOT_IOPC_INVESTIGATION',
      'IOPC_INDEPENDENT_INVESTIGATION',
    ],
    // domain.md 1.1.3 [P]/[S] regime boundary: 1 Feb 2020
    [{ complaintMadeOn: '2020-01-31' }, 'LEGACY_APPEAL', 'REVIEW_REGIME_APPLIES', 'LEGACY_APPEAL_ROUTE'],
    [
      { complaintMadeOn: '2020-02-01' },
      'REVIEW',
      'REVIEW_REGIME_APPLIES',
      'COMPLAINT_ON_OR_AFTER_REGIME_START',
    ],
  ] as const)('%j → %s (%s: %s)', (override, route, gate, reasonCode) => {
    const result = assessEligibility({ ...base, ...override });
    expect(result.route).toBe(route);
    expect(result.eligible).toBe(route === 'REVIEW');
    expect(result.gates.find((g) => g.gate === gate)?.reasonCode).toBe(reasonCode);
  });

  it('always reports all three gates, each with a message, even when several fail', () => {
    // domain.md 1.5.6: nothing is rejected silently
    const result = assessEligibility({
      handling: 'NOT_UNDER_SCHEDULE_3',
      iopcInvestigation: 'DIRECTED',
      complaintMadeOn: '2019-11-01',
    });
    expect(result.route).toBe('NOT_ELIGIBLE');
    expect(result.gates.map((g) => [g.gate, g.outcome])).toEqual([
      ['HANDLED_UNDER_SCHEDULE_3', 'FAIL'],
      ['NOT_IOPC_INVESTIGATION', 'FAIL'],
      ['REVIEW_REGIME_APPLIES', 'REFER'],
    ]);
    expect(result.gates.every((g) => g.message.length > 20 && g.rule.startsWith('1.1.'))).toBe(true);
  });

  it('a legacy complaint is referred to the appeal route, not rejected', () => {
    // domain.md 1.1.3 [P]/[S]
    const gate = assessEligibility({ ...base, complaintMadeOn: '2019-12-31' }).gates[2];
    expect(gate.outcome).toBe('REFER');
    expect(gate.message).toMatch(/2012 appeal regime/);
  });

  it.each([
    // domain.md 1.1.1 [S] OTBI eligibility is configurable
    [
      { eligibility: { eligibleHandling: ['SCHEDULE_3_INVESTIGATION' as const] } },
      { handling: 'SCHEDULE_3_OTHERWISE_THAN_BY_INVESTIGATION' as const },
      'NOT_ELIGIBLE',
    ],
    // domain.md 1.1.2 [S] excluded IOPC investigation types are configurable
    [
      { eligibility: { excludedIopcInvestigations: ['INDEPENDENT' as const] } },
      { iopcInvestigation: 'DIRECTED' as const },
      'REVIEW',
    ],
    // domain.md 1.1.3 [P]/[S] regime start date is configurable
    [{ eligibility: { reviewRegimeStartDate: '2024-07-01' } }, {}, 'LEGACY_APPEAL'],
  ])('config %j with input %j → %s', (config, input, route) => {
    expect(assessEligibility({ ...base, ...input }, config).route).toBe(route);
  });

  it.each([
    [{ handling: 'SCHEDULE_2' as never }],
    [{ iopcInvestigation: 'SUPERVISED' as never }],
    [{ complaintMadeOn: '1 June 2024' }],
  ])('refuses malformed input %j', (input) => {
    expect(() => assessEligibility({ ...base, ...input })).toThrow(InvalidReviewInputError);
  });
});
