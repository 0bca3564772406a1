import { completionDueDate, latestCompletionDate } from '@oversight/oocr-rules';
import { OocrSettings } from '../config/oocr-settings';
import {
  cautionWorkflowInput,
  scheduleConditions,
  scheduleItem,
  timeLimitSchedule,
} from './caution-schedule';

// The date rules behind the caution workflow's timers, one row each, citing domain.md.
const rules = OocrSettings.defaults().rules;

describe('completion clock (domain.md 2.1.10, 2.6.4)', () => {
  it.each([
    ['2026-01-05', '2026-04-27', '2026-05-25'],
    ['2026-03-02', '2026-06-22', '2026-07-20'],
    ['2024-02-29', '2024-06-20', '2024-07-18'], // leap day issue
    ['2026-10-20', '2027-02-09', '2027-03-09'], // across the year end and the clock change
  ])('issued %s: due after 16 weeks on %s, never beyond 20 weeks (%s)', (issue, due16, max20) => {
    expect(completionDueDate(issue, 'ADULT_CONDITIONAL_CAUTION', rules)).toBe(due16);
    expect(latestCompletionDate(issue, 'ADULT_CONDITIONAL_CAUTION', rules)).toBe(max20);
    expect(
      cautionWorkflowInput(
        {
          cautionId: 'c',
          reference: 'r',
          disposalType: 'ADULT_CONDITIONAL_CAUTION',
          issueDate: issue,
          completionDueDate: due16,
          offenceClass: 'EITHER_WAY',
          offenceDate: issue,
          conditions: [],
          correlationId: 'x',
        },
        rules,
        7,
      ).latestCompletionDate,
    ).toBe(max20);
  });
});

describe('condition timers: reminder 09:00 UK N days before, breach at the end of the due day (UK)', () => {
  it.each([
    // due date, reminder days, remind at (UTC), breach at (UTC)
    ['2026-01-20', 7, '2026-01-13T09:00:00.000Z', '2026-01-21T00:00:00.000Z'], // GMT
    ['2026-07-20', 7, '2026-07-13T08:00:00.000Z', '2026-07-20T23:00:00.000Z'], // BST
    ['2026-03-30', 2, '2026-03-28T09:00:00.000Z', '2026-03-30T23:00:00.000Z'], // clocks go forward on 29 March
    ['2026-10-26', 1, '2026-10-25T09:00:00.000Z', '2026-10-27T00:00:00.000Z'], // clocks go back on 25 October
  ])('due %s, reminded %i days before at %s, breached at %s', (due, days, remindAt, breachAt) => {
    const item = scheduleItem('cond-1', null, due as string, days as number);
    expect(item).toMatchObject({ itemId: 'cond-1', dueDate: due, remindAt, breachAt });
  });

  it('detects a missed due date the next day', () => {
    expect(scheduleItem('c', null, '2026-02-28', 7).detectedOn).toBe('2026-03-01');
  });

  it('tracks a payment plan by instalment', () => {
    const items = scheduleConditions(
      [
        {
          id: 'pay',
          dueDate: '2026-05-01',
          instalments: [
            { number: 1, dueDate: '2026-04-01' },
            { number: 2, dueDate: '2026-05-01' },
          ],
        },
        { id: 'course', dueDate: '2026-04-15', instalments: [] },
      ],
      7,
    );
    expect(items.map((i) => [i.itemId, i.instalmentNumber, i.dueDate])).toEqual([
      ['pay#1', 1, '2026-04-01'],
      ['pay#2', 2, '2026-05-01'],
      ['course', null, '2026-04-15'],
    ]);
  });
});

describe('summary-only time limit (domain.md 2.1.13, 2.6.5): last date to lay = offence + 6 calendar months', () => {
  it.each([
    ['2026-01-10', '2026-07-10', '2026-06-12T08:00:00.000Z', '2026-07-10T23:00:00.000Z'],
    ['2025-08-31', '2026-02-28', '2026-01-31T09:00:00.000Z', '2026-03-01T00:00:00.000Z'], // month-end clamp
    ['2023-08-31', '2024-02-29', '2024-02-01T09:00:00.000Z', '2024-03-01T00:00:00.000Z'], // leap year
  ])(
    'offence %s: last date %s, escalate from %s (28 days before), barred after %s',
    (offence, last, approachingAt, barredAt) => {
      expect(timeLimitSchedule('SUMMARY_ONLY', offence, rules)).toEqual({
        lastDateToLay: last,
        approachingAt,
        barredAt,
      });
    },
  );

  it.each(['EITHER_WAY', 'INDICTABLE_ONLY'] as const)('has no time limit for %s offences', (cls) => {
    expect(timeLimitSchedule(cls, '2026-01-10', rules)).toBeNull();
  });
});
