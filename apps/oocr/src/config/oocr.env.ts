import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
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
}
