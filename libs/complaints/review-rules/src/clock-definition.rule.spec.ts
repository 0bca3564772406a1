import { closureProblemCodes } from './test-helpers';
import { personFacingDate } from './person-facing-date.rule';
import { completionClockStart, completionOutcome } from './review-clock.rule';
import { requestForInformation } from './validity.rule';

/**
 * Issue 10 item 1: one definition of the completion clock (1.4.7 [S]: OPCC local standards measure from
 * receipt; the start event is configurable; stopped periods excluded), used by the clock and the reports.
 */
describe('completionClockStart (1.4.7 [S], clocks.completionStartsOn)', () => {
  it.each<[string, object, string | undefined, string | null]>([
    ['default: receipt', {}, '2025-03-10', '2025-01-06'],
    [
      'receipt, back-dated intake accepted today',
      { clocks: { completionStartsOn: 'RECEIPT' } },
      '2025-06-02',
      '2025-01-06',
    ],
    ['acceptance', { clocks: { completionStartsOn: 'ACCEPTANCE' } }, '2025-03-10', '2025-03-10'],
    ['not accepted yet: no clock', {}, undefined, null],
  ])('%s', (_label, config, acceptedOn, startedOn) => {
    expect(completionClockStart({ receivedOn: '2025-01-06', acceptedOn }, config)?.startedOn ?? null).toBe(
      startedOn,
    );
  });

  it('refuses an acceptance before receipt and an unknown start event', () => {
    expect(() => completionClockStart({ receivedOn: '2025-02-01', acceptedOn: '2025-01-31' })).toThrow();
    expect(() =>
      completionClockStart({ receivedOn: '2025-02-01', acceptedOn: '2025-02-03' }, {
        clocks: { completionStartsOn: 'DECISION' },
      } as never),
    ).toThrow(/completionStartsOn/);
  });
});

describe('completionOutcome: the clock and the report judge a decision the same way', () => {
  // Received Mon 6 Jan 2025; 28 working days → Thu 13 Feb 2025 (no bank holidays in between).
  it.each<[string, object, string, { from: string; to?: string }[], string, 'MET' | 'BREACHED', number]>([
    ['decided on the due date', {}, '2025-01-06', [], '2025-02-13', 'MET', 28],
    ['decided the day after', {}, '2025-01-06', [], '2025-02-14', 'BREACHED', 29],
    ['accepted late, counted from receipt', {}, '2025-02-10', [], '2025-02-14', 'BREACHED', 29],
    [
      'accepted late, counted from acceptance',
      { clocks: { completionStartsOn: 'ACCEPTANCE' } },
      '2025-02-10',
      [],
      '2025-02-14',
      'MET',
      4,
    ],
    [
      'a 5-working-day stop excluded',
      {},
      '2025-01-06',
      [{ from: '2025-01-10', to: '2025-01-17' }],
      '2025-02-20',
      'MET',
      28,
    ],
    [
      'a stop still open at the decision',
      {},
      '2025-01-06',
      [{ from: '2025-02-10' }],
      '2025-02-20',
      'MET',
      25,
    ],
  ])('%s', (_label, config, acceptedOn, stops, decidedOn, status, taken) => {
    const outcome = completionOutcome(
      {
        receivedOn: '2025-01-06',
        acceptedOn,
        decidedOn,
        stops: stops.map((s) => ({ ...s, reason: 'AWAITING_PSD_FILE' as const })),
      },
      config,
    );
    expect(outcome.status).toBe(status);
    expect(outcome.workingDaysTaken).toBe(taken);
  });
});

describe('personFacingDate (issue 10 item 4: dates given to people are working days)', () => {
  it.each<[string, string, object, string, boolean]>([
    ['a weekday stays', '2025-04-29', {}, '2025-04-29', false],
    ['Saturday → Monday', '2025-05-03', {}, '2025-05-06', true], // Mon 5 May 2025 is a bank holiday
    ['Christmas Day → 29 December', '2025-12-25', {}, '2025-12-29', true],
    ['Good Friday → Tuesday after Easter Monday', '2025-04-18', {}, '2025-04-22', true],
    [
      'roll switched off',
      '2025-05-03',
      { validity: { rollPersonFacingDatesToWorkingDay: false } },
      '2025-05-03',
      false,
    ],
  ])('%s', (_label, endsOn, config, date, rolled) => {
    const given = personFacingDate(endsOn, config);
    expect(given.date).toBe(date);
    expect(given.rolled).toBe(rolled);
    expect(given.periodEndsOn).toBe(endsOn);
  });

  it('rolls the reply-by date of a request for information (28 days from 5 April 2025 is Saturday 3 May)', () => {
    const rfi = requestForInformation(['COMPLAINT_DATE'], '2025-04-05');
    expect(rfi.periodEndsOn).toBe('2025-05-03');
    expect(rfi.respondBy).toBe('2025-05-06');
    expect(rfi.respondByRolled).toBe(true);
  });
});

describe('checkClosure INSUFFICIENT_INFORMATION (issue 10 item 3: not before the reply date)', () => {
  it.each<[string, string, string | undefined, string[]]>([
    ['on the reply date, no reason', '2025-05-06', undefined, ['REPLY_DATE_NOT_PASSED']],
    ['before it, no reason', '2025-04-10', undefined, ['REPLY_DATE_NOT_PASSED']],
    ['before it, blank reason', '2025-04-10', '  ', ['REPLY_DATE_NOT_PASSED']],
    ['before it, with a reason to close early', '2025-04-10', 'The applicant says there is nothing more', []],
    ['the day after', '2025-05-07', undefined, []],
  ])('%s', (_label, today, earlyCloseReason, codes) => {
    expect(closureProblemCodes('2025-05-06', today, earlyCloseReason)).toEqual(codes);
  });
});
