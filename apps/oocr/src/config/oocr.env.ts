import { Type } from 'class-transformer';
import { IsEmpty, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { TemporalServiceEnv } from '@oversight/config';
import { DEFAULT_OFFICER_EMAIL_TEMPLATE, OFFICER_EMAIL_TEMPLATE_PATTERN } from '../common/officer-contact';

/** Settings of the OOCR service. Values marked [U] are local policy not fixed by domain.md: defaults documented here. */
export class OocrEnv extends TemporalServiceEnv {
  override TEMPORAL_TASK_QUEUE: string = 'oocr';

  /**
   * JSON file laid over the rules defaults of @oversight/oocr-rules (DEFAULT_OOCR_RULES_CONFIG): disposal types
   * switched on, Home Office outcome codes, the authorisation matrix, the 16/20-week clock, the s127 buffer.
   * An impossible file stops the service at boot.
   */
  @IsOptional()
  @IsString()
  OOCR_RULES_FILE?: string;

  /** Population baseline for the disproportionality report (default: config/disproportionality-baseline.json). */
  @IsOptional()
  @IsString()
  OOCR_BASELINE_FILE?: string;

  /** Districts records may be filed under (Kent's community safety districts) [U]. */
  @IsString()
  @Matches(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, { message: 'OOCR_DISTRICTS must be comma-separated district codes' })
  OOCR_DISTRICTS: string =
    'ashford,canterbury,dartford,dover,folkestone-and-hythe,gravesham,maidstone,medway,sevenoaks,swale,thanet,tonbridge-and-malling,tunbridge-wells';

  /** Days before a condition (or instalment) is due that the officer and offender are reminded [U]. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60)
  CONDITION_REMINDER_DAYS_BEFORE: number = 7;

  /** How offenders and victims reach CJ Operations, quoted in their notifications [U]. */
  @IsString()
  @IsNotEmpty()
  OOCR_CONTACT_DETAILS: string = 'Kent Police Criminal Justice Operations on 101';

  /** Days an officer has to complete actions referred back from a CR review [U]. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  REFERRAL_DUE_DAYS: number = 14;

  /** Interval between reminders of open referral actions [U]. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  REFERRAL_REMINDER_EVERY_DAYS: number = 7;

  /** Reminders after which the referral stops chasing (the supervisor escalation stays open) [U]. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  REFERRAL_MAX_REMINDERS: number = 8;

  /**
   * Issuing officers' email addresses for their condition and referral reminders, `{officerId}` replaced by the
   * officer's id [U]: in production a directory lookup (src/common/officer-contact.ts).
   */
  @IsString()
  @Matches(OFFICER_EMAIL_TEMPLATE_PATTERN, {
    message: 'OFFICER_EMAIL_TEMPLATE must be an address with {officerId} in its local part',
  })
  OFFICER_EMAIL_TEMPLATE: string = DEFAULT_OFFICER_EMAIL_TEMPLATE;

  // --- Temporal worker: sized by the shared TEMPORAL_WORKER_* settings of TemporalServiceEnv ---

  /**
   * A caution's workflow sleeps for weeks between timers, so holding every open one is wasted memory: past the bound
   * the least recently used is evicted, and replayed from its (short) history when its next timer, signal or query
   * arrives. Measured: about 0.3 MB of worker memory per cached caution workflow; the SDK's own default grows with
   * the heap limit (about 2,300 on a 4 GiB heap, i.e. 700 MB or more once that many cautions are open). oocr's
   * default is higher than the shared 200 (figures in the README's benchmark section).
   */
  override TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS: number = 500;

  /** Renamed: refused, so that a deployment still setting it does not silently lose its tuning. */
  @IsEmpty({ message: 'OOCR_WORKER_MAX_CACHED_WORKFLOWS was renamed TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS' })
  OOCR_WORKER_MAX_CACHED_WORKFLOWS?: string;

  @IsEmpty({
    message:
      'OOCR_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS was renamed TEMPORAL_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS',
  })
  OOCR_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS?: string;

  @IsEmpty({
    message: 'OOCR_WORKER_MAX_CONCURRENT_ACTIVITIES was renamed TEMPORAL_WORKER_MAX_CONCURRENT_ACTIVITIES',
  })
  OOCR_WORKER_MAX_CONCURRENT_ACTIVITIES?: string;

  @IsEmpty({
    message: 'OOCR_WORKER_SHUTDOWN_GRACE_SECONDS was renamed TEMPORAL_WORKER_SHUTDOWN_GRACE_SECONDS',
  })
  OOCR_WORKER_SHUTDOWN_GRACE_SECONDS?: string;
}
