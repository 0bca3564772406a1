import { timelinessStatistics, type CompletedReview } from './timeliness-statistics.rule';
import { InvalidReviewInputError } from './review-rules.errors';

const mondayToFriday: CompletedReview = { received: '2025-06-02', completed: '2025-06-06' }; // 4 cal, 4 working
const overEaster: CompletedReview = { received: '2025-04-17', completed: '2025-04-22' }; // 5 cal, 1 working
const overChristmas: CompletedReview = { received: '2025-12-22', completed: '2026-01-05' }; // 14 cal, 7 working
const sameDay: CompletedReview = { received: '2025-06-02', completed: '2025-06-02' }; // 0, 0

// domain.md 1.4.7 [S] / 1.5.10: days to complete, calendar and working (Part 1 reports an average of 30 days)
describe('timelinessStatistics', () => {
  it.each<[string, CompletedReview[], number, number | null, number | null, number | null, number | null]>([
    ['odd count', [mondayToFriday, overEaster, overChristmas], 3, 23 / 3, 5, 4, 4],
    [
      'even count takes the middle pair',
      [mondayToFriday, overEaster, overChristmas, sameDay],
      4,
      5.75,
      4.5,
      3,
      2.5,
    ],
    ['one review', [overChristmas], 1, 14, 14, 7, 7],
    ['none', [], 0, null, null, null, null],
  ])('%s', (_label, reviews, count, calMean, calMedian, wdMean, wdMedian) => {
    const stats = timelinessStatistics(reviews);
    expect(stats.count).toBe(count);
    expect(stats.calendarDays.mean === null ? null : Number(stats.calendarDays.mean.toFixed(4))).toBe(
      calMean === null ? null : Number(calMean.toFixed(4)),
    );
    expect(stats.calendarDays.median).toBe(calMedian);
    expect(stats.workingDays.mean).toBe(wdMean);
    expect(stats.workingDays.median).toBe(wdMedian);
  });

  it('does not reorder the caller’s list', () => {
    const reviews = [overChristmas, sameDay, overEaster];
    timelinessStatistics(reviews);
    expect(reviews).toEqual([overChristmas, sameDay, overEaster]);
  });

  it.each([
    [{ received: '2025-06-06', completed: '2025-06-02' }],
    [{ received: '2025-06-06', completed: 'June' }],
  ])('refuses %j', (review) => {
    expect(() => timelinessStatistics([review])).toThrow(InvalidReviewInputError);
  });
});
