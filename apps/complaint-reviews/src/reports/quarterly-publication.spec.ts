import { financialYearQuarters, quarterlyToCsv, type QuarterlyRow } from './quarterly-publication';

describe('financialYearQuarters (April–March, as police bodies report; domain.md 1.4.9)', () => {
  it.each<[string, number, string, Array<[string, string, string]>]>([
    [
      'a finished year has four quarters',
      2025,
      '2026-11-21',
      [
        ['Q1 2025/26', '2025-04-01', '2025-06-30'],
        ['Q2 2025/26', '2025-07-01', '2025-09-30'],
        ['Q3 2025/26', '2025-10-01', '2025-12-31'],
        ['Q4 2025/26', '2026-01-01', '2026-03-31'],
      ],
    ],
    [
      'the current year stops at today',
      2026,
      '2026-11-21',
      [
        ['Q1 2026/27', '2026-04-01', '2026-06-30'],
        ['Q2 2026/27', '2026-07-01', '2026-09-30'],
        ['Q3 2026/27', '2026-10-01', '2026-11-21'],
      ],
    ],
    ['on its first day, one day of Q1', 2026, '2026-04-01', [['Q1 2026/27', '2026-04-01', '2026-04-01']]],
    ['a year not begun has none', 2027, '2026-11-21', []],
    [
      'Q4 crosses the calendar year',
      2026,
      '2027-02-10',
      [
        ['Q1 2026/27', '2026-04-01', '2026-06-30'],
        ['Q2 2026/27', '2026-07-01', '2026-09-30'],
        ['Q3 2026/27', '2026-10-01', '2026-12-31'],
        ['Q4 2026/27', '2027-01-01', '2027-02-10'],
      ],
    ],
  ])('%s', (_name, fy, today, expected) => {
    expect(financialYearQuarters(fy, today).map((q) => [q.label, q.from, q.to])).toEqual(expected);
  });
});

describe('quarterlyToCsv', () => {
  it('writes a header in words and one row a quarter, blanks for no figure', () => {
    const row = {
      quarter: 'Q1 2026/27',
      from: '2026-04-01',
      to: '2026-06-30',
      received: 64,
      valid: 50,
      upheld: 9,
      notUpheld: 35,
      notUpheldWithFeedback: 6,
      passedToIopc: 3,
      outOfTime: 2,
      insufficientInformation: 1,
      withdrawn: 4,
      upheldRatePercent: 18,
      meanCalendarDaysToComplete: 29.4,
      medianCalendarDaysToComplete: 27,
      meanWorkingDaysToComplete: 20.1,
      acknowledgedInTimePercent: 96.9,
      completedWithinTargetPercent: null,
    } satisfies QuarterlyRow;
    const [header, line, end] = quarterlyToCsv([row]).split('\n');
    expect(header).toContain(',"Not upheld, feedback to the force",'); // quoted: it holds a comma
    expect(header).toMatch(/^Quarter,From,To,Applications received,/);
    expect(line).toBe('Q1 2026/27,2026-04-01,2026-06-30,64,50,9,35,6,3,2,1,4,18,29.4,27,20.1,96.9,');
    expect(line.split(',')).toHaveLength(18);
    expect(end).toBe('');
  });
});
