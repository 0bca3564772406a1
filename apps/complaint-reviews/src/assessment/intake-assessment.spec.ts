import { assessIntake, IntakeFacts } from './intake-assessment';

const base: IntakeFacts = {
  handling: 'OTHERWISE_THAN_BY_INVESTIGATION',
  iopcInvestigation: 'NONE',
  complaintDate: '2026-01-12',
  outcomeInformationProvidedOn: '2026-04-01',
  receivedOn: '2026-04-20',
  inWriting: true,
  grounds: 'The outcome did not address the search.',
  appropriateAuthority: 'Chief Constable of Kent Police',
};

describe('intake assessment (rules from @oversight/complaint-review-rules)', () => {
  it.each([
    // [case, facts override, config, route, time-limit status, deadline, days late, missing items]
    ['in time, complete, eligible (1.1.1, 1.2.1)', {}, {}, 'REVIEW', 'IN_TIME', '2026-04-29', 0, []],
    [
      'received on the last day is in time (1.2.1: letter 1 Apr → 29 Apr)',
      { receivedOn: '2026-04-29' },
      {},
      'REVIEW',
      'IN_TIME',
      '2026-04-29',
      0,
      [],
    ],
    [
      'a day late needs an extension decision (1.2.5)',
      { receivedOn: '2026-04-30' },
      {},
      'REVIEW',
      'OUT_OF_TIME',
      '2026-04-29',
      1,
      [],
    ],
    [
      'time with the wrong body does not count (1.2.3)',
      { receivedOn: '2026-05-03', wrongBody: { receivedOn: '2026-04-10', forwardedOn: '2026-04-15' } },
      {},
      'REVIEW',
      'IN_TIME',
      '2026-05-04',
      0,
      [],
    ],
    [
      'counted from the letter date when configured (1.2.2)',
      { outcomeLetterDate: '2026-03-20' },
      { timeLimit: { countFrom: 'OUTCOME_LETTER_DATE' } },
      'REVIEW',
      'OUT_OF_TIME',
      '2026-04-17',
      3,
      [],
    ],
    [
      'not under Schedule 3 → not eligible, recorded (1.1.2)',
      { handling: 'NOT_UNDER_SCHEDULE_3' },
      {},
      'NOT_ELIGIBLE',
      'IN_TIME',
      '2026-04-29',
      0,
      [],
    ],
    [
      'IOPC-directed investigation → not eligible (1.1.2)',
      { iopcInvestigation: 'DIRECTED' },
      {},
      'NOT_ELIGIBLE',
      'IN_TIME',
      '2026-04-29',
      0,
      [],
    ],
    [
      'complaint before 1 Feb 2020 → legacy appeal route (1.1.3)',
      { complaintDate: '2020-01-31' },
      {},
      'LEGACY_APPEAL',
      'IN_TIME',
      '2026-04-29',
      0,
      [],
    ],
    [
      'by phone and without an authority → missing items, not rejected (1.2.6, 1.5.4)',
      { inWriting: false, appropriateAuthority: undefined },
      {},
      'REVIEW',
      'IN_TIME',
      '2026-04-29',
      0,
      ['IN_WRITING', 'APPROPRIATE_AUTHORITY'],
    ],
  ] as const)('%s', (_name, override, config, route, status, deadline, daysLate, missing) => {
    const result = assessIntake({ ...base, ...(override as Partial<IntakeFacts>) }, config as object);
    expect(result.eligibility.route).toBe(route);
    expect(result.eligibility.gates.every((g) => g.message && g.rule)).toBe(true);
    expect(result.timeLimit.status).toBe(status);
    expect(result.timeLimit.assessment?.deadline).toBe(deadline);
    expect(result.timeLimit.assessment?.daysLate).toBe(daysLate);
    expect(result.validity.missing).toEqual(missing);
  });

  it('without the complaint date the regime gate is not assessed, and the date is a missing item', () => {
    const result = assessIntake({ ...base, complaintDate: undefined }, {});
    expect(result.eligibility).toMatchObject({
      route: 'NOT_ASSESSED',
      notAssessedReason: expect.stringMatching(/1\.1\.3/),
    });
    expect(result.validity.missing).toEqual(['COMPLAINT_DATE']);
  });

  it('without the date the time limit counts from, the time limit is not assessed (not refused)', () => {
    const result = assessIntake({ ...base, outcomeInformationProvidedOn: undefined }, {});
    expect(result.timeLimit.status).toBe('NOT_ASSESSED');
    expect(result.timeliness).toBe('NOT_ASSESSED');
    expect(result.validity.missing).toEqual(['OUTCOME_DATE']);
  });

  it('a late application awaits an extension decision, never an automatic refusal', () => {
    expect(assessIntake({ ...base, receivedOn: '2026-05-10' }, {}).timeliness).toBe(
      'OUT_OF_TIME_AWAITING_EXTENSION_DECISION',
    );
  });
});
