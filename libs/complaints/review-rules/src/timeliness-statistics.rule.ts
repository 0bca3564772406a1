import {
  calendarDaysBetween,
  defaultEnglandAndWalesCalendar,
  isBefore,
  isIsoDate,
  workingDaysBetween,
  type BankHolidayCalendar,
  type IsoDate,
} from '@oversight/working-days';
import { InvalidReviewInputError } from './review-rules.errors';

export interface CompletedReview {
  readonly received: IsoDate;
  readonly completed: IsoDate;
}

export interface Average {
  /** Null for an empty list: no reviews is not "0 days". */
  readonly mean: number | null;
  readonly median: number | null;
}

export interface TimelinessStatistics {
  readonly count: number;
  readonly calendarDays: Average;
  readonly workingDays: Average;
}

/**
 * Days from receipt to completion (1.4.7 [S], 1.4.8 [U], KPI in 1.5.10). Days are counted as
 * completed minus received, so a same-day decision is 0 days; working days exclude weekends and
 * England and Wales bank holidays.
 */
export function timelinessStatistics(
  reviews: readonly CompletedReview[],
  calendar: BankHolidayCalendar = defaultEnglandAndWalesCalendar(),
): TimelinessStatistics {
  reviews.forEach((review, index) => {
    if (!isIsoDate(review.received) || !isIsoDate(review.completed)) {
      throw new InvalidReviewInputError(`Review ${index + 1} needs YYYY-MM-DD received and completed dates.`);
    }
    if (isBefore(review.completed, review.received)) {
      throw new InvalidReviewInputError(
        `Review ${index + 1} completed on ${review.completed}, before it was received on ${review.received}.`,
      );
    }
  });
  const calendarDays = reviews.map((r) => calendarDaysBetween(r.received, r.completed));
  const workingDays = reviews.map((r) => workingDaysBetween(r.received, r.completed, calendar));
  return { count: reviews.length, calendarDays: average(calendarDays), workingDays: average(workingDays) };
}

function average(values: readonly number[]): Average {
  if (values.length === 0) return { mean: null, median: null };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { mean: values.reduce((sum, v) => sum + v, 0) / values.length, median };
}
