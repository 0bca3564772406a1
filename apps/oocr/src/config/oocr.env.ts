import { Type } from 'class-transformer';
import {
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { TemporalServiceEnv } from '@oversight/config';
import { DEFAULT_OFFICER_EMAIL_TEMPLATE, OFFICER_EMAIL_TEMPLATE_PATTERN } from '../common/officer-contact';

/** The SDK silently lowers concurrent workflow tasks to the cache size: refuse the setting instead. */
@ValidatorConstraint({ name: 'atMostCachedWorkflows' })
class AtMostCachedWorkflows implements ValidatorConstraintInterface {
  validate(value: number, args: ValidationArguments): boolean {
    const cache = (args.object as OocrEnv).OOCR_WORKER_MAX_CACHED_WORKFLOWS;
    return cache === 0 || value <= cache;
  }
  defaultMessage(): string {
    return 'OOCR_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS must not exceed OOCR_WORKER_MAX_CACHED_WORKFLOWS (unless the cache is off)';
  }
}

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

  // --- Temporal worker tuning (src/worker/worker-tuning.ts; figures in the README's benchmark section) ---

  /**
   * Workflows the worker keeps in memory between tasks. A caution's workflow sleeps for weeks between timers, so
   * holding every open one is wasted memory: past the bound the least recently used is evicted, and replayed
   * from its (short) history when its next timer, signal or query arrives. 0 disables the cache (every task
   * replays). Measured: about 0.3 MB of worker memory per cached caution workflow; the SDK's own default grows with
   * the heap limit (about 2,300 on a 4 GiB heap, i.e. 700 MB or more once that many cautions are open).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  OOCR_WORKER_MAX_CACHED_WORKFLOWS: number = 500;

  /**
   * Workflow tasks processed at once (the SDK's default is 40; the workflow code runs on one thread, so more only
   * queues there). At most OOCR_WORKER_MAX_CACHED_WORKFLOWS when the cache is on.
   */
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(1000)
  @Validate(AtMostCachedWorkflows)
  OOCR_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: number = 10;

  /**
   * Activities run at once. Each is a short transaction on the service's database pool (10 connections, shared
   * with the API and the consumers); the SDK's default of 100 would queue most of them on the pool.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  OOCR_WORKER_MAX_CONCURRENT_ACTIVITIES: number = 10;

  /**
   * On shutdown (SIGTERM), seconds in-flight activities get to finish before they are cancelled; the worker is
   * then given 10 s more before the drain is abandoned and the process exits (the server retries those activities).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300)
  OOCR_WORKER_SHUTDOWN_GRACE_SECONDS: number = 10;
}
