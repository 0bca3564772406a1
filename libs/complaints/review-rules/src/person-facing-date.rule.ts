import {
  defaultEnglandAndWalesCalendar,
  isIsoDate,
  nextWorkingDayOnOrAfter,
  type BankHolidayCalendar,
  type IsoDate,
} from '@oversight/working-days';
import { resolveReviewRulesConfig, type ReviewRulesConfigOverride } from './review-rules.config';
import { InvalidReviewInputError } from './review-rules.errors';
import type { RuleRef } from './review.vocabulary';

export interface PersonFacingDate {
  /** The date to give the person. */
  readonly date: IsoDate;
  /** The date the period itself ends on, before any roll. */
  readonly periodEndsOn: IsoDate;
  /** The period ended on a weekend or bank holiday and the date was moved to the next working day. */
  readonly rolled: boolean;
  /** Whether the roll applies at all (validity.rollPersonFacingDatesToWorkingDay). */
  readonly rollApplies: boolean;
  readonly rule: RuleRef;
}

/**
 * A date we give a person to act by (a reply-by date) must be a day they can act on: when the period
 * ends on a weekend or an England and Wales bank holiday it moves to the next working day (issue 10
 * item 4; [U] local practice, configurable: validity.rollPersonFacingDatesToWorkingDay). The letter
 * states the rule, so the person knows why the date is what it is.
 */
export function personFacingDate(
  periodEndsOn: IsoDate,
  config: ReviewRulesConfigOverride = {},
  calendar: BankHolidayCalendar = defaultEnglandAndWalesCalendar(),
): PersonFacingDate {
  const { validity } = resolveReviewRulesConfig(config);
  if (!isIsoDate(periodEndsOn))
    throw new InvalidReviewInputError(`periodEndsOn must be YYYY-MM-DD (got ${String(periodEndsOn)}).`);
  const rollApplies = validity.rollPersonFacingDatesToWorkingDay;
  const date = rollApplies ? nextWorkingDayOnOrAfter(periodEndsOn, calendar) : periodEndsOn;
  return {
    date,
    periodEndsOn,
    rolled: date !== periodEndsOn,
    rollApplies,
    rule: '[U] person-facing dates roll to the next working day (validity.rollPersonFacingDatesToWorkingDay)',
  };
}
