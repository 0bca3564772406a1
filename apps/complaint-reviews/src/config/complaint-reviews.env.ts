import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsNotEmpty, IsString, Matches, Max, Min } from 'class-validator';
import { TemporalServiceEnv } from '@oversight/config';

export class ComplaintReviewsEnv extends TemporalServiceEnv {
  override TEMPORAL_TASK_QUEUE: string = 'complaint-reviews';

  /** Working days to acknowledge an application (domain.md 1.5, local service standard [U]). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30)
  ACKNOWLEDGEMENT_WORKING_DAYS: number = 5;

  /**
   * Day 0 of the 28-day time limit: the day the outcome information was provided (domain.md 1.2.1 [P],
   * the default) or the date on the outcome letter (1.2.2 [S], common practice). Configurable per 1.5.1.
   */
  @IsIn(['OUTCOME_INFORMATION_PROVIDED', 'OUTCOME_LETTER_DATE'])
  TIME_LIMIT_COUNT_FROM: 'OUTCOME_INFORMATION_PROVIDED' | 'OUTCOME_LETTER_DATE' =
    'OUTCOME_INFORMATION_PROVIDED';

  /** Working days to complete a review (1.4.7 [S], local standard; Cleveland's 28). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(120)
  COMPLETION_WORKING_DAYS: number = 28;

  /**
   * The event the completion clock counts from (1.4.7 [S]): RECEIPT of the application (the default, as
   * OPCCs' published local standards measure) or ACCEPTANCE (the OPCC confirmed as the review body).
   * The clock, the queues, the escalations and the reports all count from it.
   */
  @IsIn(['RECEIPT', 'ACCEPTANCE'])
  COMPLETION_CLOCK_STARTS_ON: 'RECEIPT' | 'ACCEPTANCE' = 'RECEIPT';

  /** Whether a reply-by date given to a person moves off a weekend or bank holiday to the next working day. */
  @IsIn(['true', 'false'])
  PERSON_FACING_DATES_ROLL_TO_WORKING_DAY: 'true' | 'false' = 'true';

  /** Calendar days for the force to respond to a recommendation (1.4.5 [U]: no statutory period). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  RECOMMENDATION_RESPONSE_DAYS: number = 56;

  /**
   * Working days the force PSD has to provide its case file after a request (domain.md 1.4.2 says the
   * review body collects what it needs but sets no period: [U], a local service standard).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  CASE_FILE_RESPONSE_WORKING_DAYS: number = 10;

  /** How letters sign off and how the complainant reaches the office. */
  @IsString()
  @IsNotEmpty()
  REVIEW_BODY_NAME: string = 'Office of the Police and Crime Commissioner for Kent';

  @IsString()
  @IsNotEmpty()
  REVIEW_BODY_CONTACT_DETAILS: string = 'reviews@kent-pcc.example.gov.uk or 01622 000000';

  /** The force whose Professional Standards Department receives outcome letters. */
  @IsString()
  @IsNotEmpty()
  FORCE_NAME: string = 'Kent Police';

  @IsString()
  @Matches(/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/, { message: 'FORCE_PSD_EMAIL must be an email address' })
  FORCE_PSD_EMAIL: string = 'psd@kent-police.example.gov.uk';

  /** The team whose queue receives applications the public submit themselves (local choice). */
  @Matches(/^[a-z0-9-]{2,60}$/, {
    message: 'SELF_SERVICE_TEAM must be a team code such as opcc-reviews-east',
  })
  SELF_SERVICE_TEAM: string = 'opcc-reviews-east';

  /** Calendar days the applicant has to answer a request for information (domain.md 1.2.6 [U]). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(120)
  INFORMATION_REQUEST_RESPONSE_DAYS: number = 28;

  /** Working days before the completion target the reviewer is warned ([U] local choice). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(30)
  COMPLETION_WARNING_WORKING_DAYS: number = 5;

  /**
   * Whether a complaint handled otherwise than by investigation can be reviewed (domain.md 1.1.1: [S],
   * Sch 3 para 6A as read by PCCs). Investigated complaints always can ([P]).
   */
  @IsIn(['true', 'false'])
  REVIEW_OTHERWISE_THAN_BY_INVESTIGATION: 'true' | 'false' = 'true';

  /** Whether the IOPC reviews when the appropriate authority is the local policing body (1.3.2 [S]). */
  @IsIn(['true', 'false'])
  LPB_AS_APPROPRIATE_AUTHORITY_ROUTES_TO_IOPC: 'true' | 'false' = 'true';

  /**
   * An updated England and Wales bank-holiday list in GOV.UK's format (https://www.gov.uk/bank-holidays.json,
   * saved to a file): its years replace the shipped ones at start-up. Empty: the shipped list (2018–2028).
   */
  @IsOptional()
  @IsString()
  BANK_HOLIDAYS_FILE?: string;

  /** Days ahead a deadline counts as "due soon" in the queues ([U] local choice). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(30)
  DUE_SOON_DAYS: number = 5;

  /**
   * Benchmarks for average days to complete a review, shown beside ours in reports (domain.md Part 1:
   * Most Similar Group 46, national 48, 2024/25; calendar days [S] — update each year).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  BENCHMARK_MSG_DAYS: number = 46;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  BENCHMARK_NATIONAL_DAYS: number = 48;
}
