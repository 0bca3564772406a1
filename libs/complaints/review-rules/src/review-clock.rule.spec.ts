import {
  acknowledgementClock,
  completionClock,
  evaluateClock,
  evaluateReviewClocks,
  recommendationResponseDeadline,
  type ClockStop,
} from './review-clock.rule';
import { InvalidReviewInputError } from './review-rules.errors';

describe('acknowledgementClock (domain.md 1.4.7 [S]: 5 working days)', () => {
  it.each([
    ['2025-06-02', '2025-06-09', '2025-06-06', 'Monday → next Monday'],
    ['2025-06-07', '2025-06-13', '2025-06-12', 'received on a Saturday'],
    ['2025-04-17', '2025-04-28', '2025-04-25', 'Maundy Thursday, over Easter'],
    ['2025-12-23', '2026-01-02', '2025-12-31', 'over Christmas and New Year'],
  ])('received %s → due %s, warn from %s (%s)', (receivedOn, dueDate, warningDate) => {
    const clock = acknowledgementClock({ receivedOn });
    expect([clock.dueDate, clock.warningDate]).toEqual([dueDate, warningDate]);
  });

  it('takes the period from config (domain.md 1.4.7 [S]; Kent complaints use 3)', () => {
    expect(
      acknowledgementClock({ receivedOn: '2025-06-02' }, { clocks: { acknowledgementWorkingDays: 3 } })
        .dueDate,
    ).toBe('2025-06-05');
  });
});

describe('completionClock (domain.md 1.4.7 [S]: 28 working days, stop-the-clock extends)', () => {
  const psd = (from: string, to?: string): ClockStop => ({ from, to, reason: 'AWAITING_PSD_FILE' });

  it.each<[string, ClockStop[], string | undefined, string, number]>([
    ['no stops', [], undefined, '2025-07-10', 0],
    // stopped after 10 June until 16 June: 11, 12, 13, 16 June = 4 working days
    ['one closed stop', [psd('2025-06-10', '2025-06-16')], undefined, '2025-07-16', 4],
    // overlapping stops count each day once: 11–13, 16–18 June = 6
    [
      'overlapping stops',
      [
        psd('2025-06-10', '2025-06-16'),
        { from: '2025-06-12', to: '2025-06-18', reason: 'AWAITING_COMPLAINANT' },
      ],
      undefined,
      '2025-07-18',
      6,
    ],
    [
      'a stop that starts after the due date changes nothing',
      [psd('2025-07-15', '2025-07-20')],
      undefined,
      '2025-07-10',
      0,
    ],
    // open stop projected to 20 June: 11–13, 16–20 June = 8
    ['an open stop, projected to asOf', [psd('2025-06-10')], '2025-06-20', '2025-07-22', 8],
    ['a stop over a weekend only', [psd('2025-06-13', '2025-06-15')], undefined, '2025-07-10', 0],
  ])('accepted 2025-06-02, %s → due %s', (_label, stops, asOf, dueDate, stopped) => {
    const clock = completionClock({ acceptedOn: '2025-06-02', stops, asOf });
    expect(clock.baseDueDate).toBe('2025-07-10');
    expect(clock.dueDate).toBe(dueDate);
    expect(clock.workingDaysStopped).toBe(stopped);
  });

  it('counts over Easter and Early May', () => {
    expect(completionClock({ acceptedOn: '2025-04-01' }).dueDate).toBe('2025-05-14');
  });

  it('warns five working days before the due date by default ([U] local choice)', () => {
    expect(completionClock({ acceptedOn: '2025-06-02' }).warningDate).toBe('2025-07-03');
  });

  it('takes target and warning from config', () => {
    const clock = completionClock(
      { acceptedOn: '2025-06-02' },
      { clocks: { completionWorkingDays: 20, completionWarningWorkingDays: 2 } },
    );
    expect([clock.dueDate, clock.warningDate]).toEqual(['2025-06-30', '2025-06-26']);
  });

  it('marks an open stop', () => {
    expect(
      completionClock({ acceptedOn: '2025-06-02', stops: [psd('2025-06-10')], asOf: '2025-06-11' })
        .clockStopped,
    ).toBe(true);
  });

  it.each<[string, ClockStop[], string | undefined]>([
    ['an open stop without asOf', [psd('2025-06-10')], undefined],
    ['a stop that ends before it starts', [psd('2025-06-10', '2025-06-09')], undefined],
    ['OTHER without a note', [{ from: '2025-06-10', to: '2025-06-12', reason: 'OTHER' }], undefined],
  ])('refuses %s', (_label, stops, asOf) => {
    expect(() => completionClock({ acceptedOn: '2025-06-02', stops, asOf })).toThrow(InvalidReviewInputError);
  });
});

describe('evaluateClock (accepted 2025-06-02: due 2025-07-10, warn from 2025-07-03)', () => {
  const clock = completionClock({ acceptedOn: '2025-06-02' });

  it.each<[string, string | undefined, string, boolean, number]>([
    ['2025-06-20', undefined, 'ON_TRACK', false, 14],
    ['2025-07-02', undefined, 'ON_TRACK', false, 6],
    ['2025-07-03', undefined, 'DUE_SOON', false, 5],
    ['2025-07-10', undefined, 'DUE_SOON', false, 0],
    ['2025-07-11', undefined, 'BREACHED', false, -1],
    ['2025-08-01', '2025-07-09', 'MET', true, 1],
    ['2025-08-01', '2025-07-10', 'MET', true, 0],
    ['2025-08-01', '2025-07-14', 'BREACHED', true, -2],
    // a completion date after asOf has not happened yet
    ['2025-06-20', '2025-07-01', 'ON_TRACK', false, 14],
  ])('asOf %s, completed %s → %s', (asOf, completedOn, status, completed, remaining) => {
    const evaluation = evaluateClock(clock, asOf, completedOn);
    expect([evaluation.status, evaluation.completed, evaluation.workingDaysRemaining]).toEqual([
      status,
      completed,
      remaining,
    ]);
  });
});

describe('evaluateReviewClocks', () => {
  it('evaluates acknowledgement and completion together', () => {
    const result = evaluateReviewClocks(
      { receivedOn: '2025-06-02', acknowledgedOn: '2025-06-05', acceptedOn: '2025-06-06' },
      '2025-06-20',
    );
    expect(result.acknowledgement.status).toBe('MET');
    expect(result.completion?.clock.dueDate).toBe('2025-07-16');
    expect(result.completion?.status).toBe('ON_TRACK');
  });

  it('has no completion clock before acceptance, and flags an overdue acknowledgement', () => {
    const result = evaluateReviewClocks({ receivedOn: '2025-06-02' }, '2025-06-10');
    expect(result.completion).toBeUndefined();
    expect(result.acknowledgement.status).toBe('BREACHED');
  });

  it('a stop still open on asOf keeps the completion clock from breaching', () => {
    const result = evaluateReviewClocks(
      {
        receivedOn: '2025-06-02',
        acceptedOn: '2025-06-02',
        stops: [{ from: '2025-07-01', reason: 'AWAITING_PSD_FILE' }],
      },
      '2025-07-25',
    );
    expect(result.completion?.clock.clockStopped).toBe(true);
    expect(result.completion?.status).toBe('ON_TRACK');
  });
});

describe('recommendationResponseDeadline (domain.md 1.4.5 [U]; default 56 days from 1.4.6 [P])', () => {
  it.each<[string, object, string]>([
    ['default 56 calendar days', {}, '2025-05-27'],
    [
      '20 working days across Easter',
      { recommendations: { responsePeriod: { days: 20, unit: 'WORKING_DAYS' } } },
      '2025-05-01',
    ],
  ])('%s', (_label, config, dueDate) => {
    const deadline = recommendationResponseDeadline('2025-04-01', config);
    expect(deadline.dueDate).toBe(dueDate);
    expect(deadline.rule).toBe('1.4.5 [U]');
  });
});
