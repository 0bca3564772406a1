import {
  applicationTimeliness,
  assessTimeLimit,
  assertValidExtensionDecision,
  validateExtensionDecision,
  type ExtensionDecision,
  type TimeLimitInput,
} from './time-limit.rule';
import {
  InvalidExtensionDecisionError,
  InvalidReviewInputError,
  MissingTimeLimitStartDateError,
} from './review-rules.errors';

describe('assessTimeLimit', () => {
  it.each<[string, TimeLimitInput, string, 'IN_TIME' | 'OUT_OF_TIME', number]>([
    // domain.md 1.2.1 [P] / 1.2.2 [S] worked example: 1 April → received by 29 April
    [
      'received on the last day',
      { outcomeInformationProvidedOn: '2025-04-01', receivedOn: '2025-04-29' },
      '2025-04-29',
      'IN_TIME',
      0,
    ],
    [
      'received the day after',
      { outcomeInformationProvidedOn: '2025-04-01', receivedOn: '2025-04-30' },
      '2025-04-29',
      'OUT_OF_TIME',
      1,
    ],
    [
      'received a week late',
      { outcomeInformationProvidedOn: '2025-04-01', receivedOn: '2025-05-06' },
      '2025-04-29',
      'OUT_OF_TIME',
      7,
    ],
    [
      'received on day 1',
      { outcomeInformationProvidedOn: '2025-04-01', receivedOn: '2025-04-02' },
      '2025-04-29',
      'IN_TIME',
      0,
    ],
    // domain.md 1.2.1 [P]: calendar days, so February in a leap year ends on the 29th
    [
      'leap-year February',
      { outcomeInformationProvidedOn: '2024-02-01', receivedOn: '2024-03-01' },
      '2024-02-29',
      'OUT_OF_TIME',
      1,
    ],
    // domain.md 1.2.1 [P]: calendar days; a deadline on a bank holiday does not move
    [
      'deadline on Christmas Day',
      { outcomeInformationProvidedOn: '2025-11-27', receivedOn: '2025-12-26' },
      '2025-12-25',
      'OUT_OF_TIME',
      1,
    ],
    // domain.md 1.2.3 [P]: 5 days with the wrong body are added
    [
      'five days with the IOPC',
      {
        outcomeInformationProvidedOn: '2025-04-01',
        receivedOn: '2025-05-04',
        wrongBodyPeriods: [{ receivedByWrongBodyOn: '2025-04-10', forwardedOn: '2025-04-15' }],
      },
      '2025-05-04',
      'IN_TIME',
      0,
    ],
    [
      'five days with the IOPC, still a day late',
      {
        outcomeInformationProvidedOn: '2025-04-01',
        receivedOn: '2025-05-05',
        wrongBodyPeriods: [{ receivedByWrongBodyOn: '2025-04-10', forwardedOn: '2025-04-15' }],
      },
      '2025-05-04',
      'OUT_OF_TIME',
      1,
    ],
    // domain.md 1.2.3 [P]: overlapping spells count each day once (10–18 April = 8 days)
    [
      'overlapping wrong-body spells',
      {
        outcomeInformationProvidedOn: '2025-04-01',
        receivedOn: '2025-05-07',
        wrongBodyPeriods: [
          { receivedByWrongBodyOn: '2025-04-13', forwardedOn: '2025-04-18' },
          { receivedByWrongBodyOn: '2025-04-10', forwardedOn: '2025-04-15' },
        ],
      },
      '2025-05-07',
      'IN_TIME',
      0,
    ],
  ])('%s', (_label, input, deadline, status, daysLate) => {
    const result = assessTimeLimit(input);
    expect(result.deadline).toBe(deadline);
    expect(result.status).toBe(status);
    expect(result.daysLate).toBe(daysLate);
    // domain.md 1.2.5 / 1.5.3: out of time needs an extension decision, never an automatic refusal
    expect(result.extensionDecisionRequired).toBe(status === 'OUT_OF_TIME');
  });

  it('reports the disregarded days and the rules applied', () => {
    const result = assessTimeLimit({
      outcomeInformationProvidedOn: '2025-04-01',
      receivedOn: '2025-05-10',
      wrongBodyPeriods: [{ receivedByWrongBodyOn: '2025-04-10', forwardedOn: '2025-04-15' }],
    });
    expect(result.daysDisregarded).toBe(5);
    expect(result.countedFrom).toBe('2025-04-01');
    expect(result.rules).toEqual(['1.2.1 [P]', '1.2.3 [P]', '1.2.5 [U]']);
  });

  // domain.md 1.2.1 [P] vs 1.2.2 [S]: the basis date is configurable (1.5.1)
  it.each([
    ['OUTCOME_INFORMATION_PROVIDED', '2025-04-29', 'IN_TIME', 0],
    ['OUTCOME_LETTER_DATE', '2025-04-25', 'OUT_OF_TIME', 2],
  ] as const)('counting from %s: deadline %s, %s', (countFrom, deadline, status, daysLate) => {
    const result = assessTimeLimit(
      {
        outcomeLetterDatedOn: '2025-03-28',
        outcomeInformationProvidedOn: '2025-04-01',
        receivedOn: '2025-04-27',
      },
      { timeLimit: { countFrom } },
    );
    expect([result.deadline, result.status, result.daysLate]).toEqual([deadline, status, daysLate]);
  });

  it('takes the period from config', () => {
    // domain.md 1.2.1 [P] 28 days, configurable
    expect(
      assessTimeLimit(
        { outcomeInformationProvidedOn: '2025-04-01', receivedOn: '2025-04-25' },
        { timeLimit: { periodDays: 21 } },
      ).deadline,
    ).toBe('2025-04-22');
  });

  it.each<[string, TimeLimitInput, object, new (...args: never[]) => Error]>([
    [
      'no provided date',
      { outcomeLetterDatedOn: '2025-04-01', receivedOn: '2025-04-10' },
      {},
      MissingTimeLimitStartDateError,
    ],
    [
      'no letter date when counting from it',
      { outcomeInformationProvidedOn: '2025-04-01', receivedOn: '2025-04-10' },
      { timeLimit: { countFrom: 'OUTCOME_LETTER_DATE' } },
      MissingTimeLimitStartDateError,
    ],
    [
      'forwarded before received by the wrong body',
      {
        outcomeInformationProvidedOn: '2025-04-01',
        receivedOn: '2025-04-20',
        wrongBodyPeriods: [{ receivedByWrongBodyOn: '2025-04-15', forwardedOn: '2025-04-10' }],
      },
      {},
      InvalidReviewInputError,
    ],
    [
      'received before it was forwarded',
      {
        outcomeInformationProvidedOn: '2025-04-01',
        receivedOn: '2025-04-12',
        wrongBodyPeriods: [{ receivedByWrongBodyOn: '2025-04-10', forwardedOn: '2025-04-15' }],
      },
      {},
      InvalidReviewInputError,
    ],
    [
      'malformed received date',
      { outcomeInformationProvidedOn: '2025-04-01', receivedOn: '2025-4-12' },
      {},
      InvalidReviewInputError,
    ],
  ])('refuses %s', (_label, input, config, error) => {
    expect(() => assessTimeLimit(input, config)).toThrow(error);
  });
});

describe('extension decisions (domain.md 1.2.5 [U]/[P analogue], 1.5.3)', () => {
  const late = assessTimeLimit({ outcomeInformationProvidedOn: '2025-04-01', receivedOn: '2025-05-06' });
  const inTime = assessTimeLimit({ outcomeInformationProvidedOn: '2025-04-01', receivedOn: '2025-04-20' });
  const good: ExtensionDecision = {
    outcome: 'EXTENDED',
    reasons: 'Complainant was in hospital from 20 April to 3 May (discharge letter on file).',
    decidedBy: 'Review Officer J. Smith',
    decidedOn: '2025-05-08',
  };

  it.each<[string, Partial<ExtensionDecision>, string[]]>([
    ['a complete decision', {}, []],
    ['blank reasons', { reasons: '   ' }, ['REASONS_REQUIRED']],
    ['no decider', { decidedBy: '' }, ['DECIDER_REQUIRED']],
    ['decided before receipt', { decidedOn: '2025-05-05' }, ['DECIDED_BEFORE_RECEIPT']],
    ['malformed date', { decidedOn: '8 May' }, ['DECISION_DATE_INVALID']],
    ['unknown outcome', { outcome: 'MAYBE' as never }, ['OUTCOME_INVALID']],
    [
      'reasons and decider both missing',
      { reasons: '', decidedBy: ' ' },
      ['REASONS_REQUIRED', 'DECIDER_REQUIRED'],
    ],
  ])('%s → %j', (_label, change, codes) => {
    const result = validateExtensionDecision({ ...good, ...change }, late);
    expect(result.problems.map((p) => p.code)).toEqual(codes);
    expect(result.valid).toBe(codes.length === 0);
  });

  it('flags a decision recorded for an in-time application', () => {
    expect(validateExtensionDecision(good, inTime).problems.map((p) => p.code)).toEqual(['NOT_REQUIRED']);
  });

  it('assertValidExtensionDecision throws a named error', () => {
    expect(() => assertValidExtensionDecision({ ...good, reasons: '' }, late)).toThrow(
      InvalidExtensionDecisionError,
    );
  });

  it.each([
    ['in time', inTime, undefined, 'IN_TIME'],
    ['late, no decision yet', late, undefined, 'OUT_OF_TIME_AWAITING_EXTENSION_DECISION'],
    ['late, extended', late, good, 'OUT_OF_TIME_EXTENDED'],
    [
      'late, refused',
      late,
      { ...good, outcome: 'REFUSED' as const, reasons: 'No special circumstances given.' },
      'OUT_OF_TIME_REFUSED',
    ],
  ])('applicationTimeliness: %s → %s', (_label, assessment, decision, expected) => {
    expect(applicationTimeliness(assessment, decision)).toBe(expected);
  });

  it('will not apply an invalid decision', () => {
    expect(() => applicationTimeliness(late, { ...good, decidedBy: '' })).toThrow(
      InvalidExtensionDecisionError,
    );
  });
});
