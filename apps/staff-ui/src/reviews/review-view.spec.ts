import { describeDaysLeft, workingDaysLeft } from './review-view';

// Clocks are shown with the working days left (England and Wales bank holidays excluded).
describe('working days left on a clock', () => {
  it.each([
    ['2026-12-04', '2026-12-04', 0, 'due today'],
    ['2026-12-04', '2026-12-07', 1, '1 working day left'], // Friday → Monday
    ['2026-12-24', '2026-12-29', 1, '1 working day left'], // Christmas and Boxing Day (substitute 28th) skipped
    ['2026-12-07', '2026-12-04', -1, '1 working day overdue'],
  ])('today %s, due %s → %d', (today, due, days, text) => {
    expect(workingDaysLeft(due, today)).toBe(days);
    expect(describeDaysLeft(days)).toBe(text);
  });

  it('no date, no text', () => {
    expect(workingDaysLeft(null, '2026-12-04')).toBeUndefined();
    expect(describeDaysLeft(undefined)).toBe('');
  });
});
