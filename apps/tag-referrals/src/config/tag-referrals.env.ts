import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { TemporalServiceEnv } from '@oversight/config';

/**
 * Settings of the tag referrals service. Values marked [S] or [U] in domain.md are here with their documented
 * default (libs/vru/tag-rules DEFAULT_TAG_RULES_CONFIG); an impossible combination stops the service at boot.
 */
export class TagReferralsEnv extends TemporalServiceEnv {
  override TEMPORAL_TASK_QUEUE: string = 'tag-referrals';

  /** Funded tags of the IOM pool (domain.md Part 1: 15). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  TAG_POOL_IOM_SIZE: number = 15;

  /** Funded tags of the VRU pool (domain.md Part 1: 8). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  TAG_POOL_VRU_SIZE: number = 8;

  /** Upper age (domain.md 3.1.1 [S]: up to 25). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(25)
  TAG_UPPER_AGE: number = 25;

  /** The VRU pool's local age band, "min-max" (domain.md 3.4.1 [U]: Kent cohort 12–18). */
  @IsString()
  @Matches(/^\d{1,2}-\d{1,2}$/, { message: 'TAG_VRU_POOL_AGE_BAND must be min-max, e.g. 12-18' })
  TAG_VRU_POOL_AGE_BAND: string = '12-18';

  /** A parent or guardian consents too below this age (domain.md 3.1.6 [U]). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(26)
  TAG_GUARDIAN_CONSENT_BELOW_AGE: number = 18;

  /** Days between practitioner contacts by risk, "HIGH:2,MEDIUM:3,LOW:7" (domain.md 3.1.3 [S], values [U]). */
  @IsString()
  @Matches(/^HIGH:\d+,MEDIUM:\d+,LOW:\d+$/, {
    message: 'TAG_CONTACT_EVERY_DAYS must be HIGH:n,MEDIUM:n,LOW:n',
  })
  TAG_CONTACT_EVERY_DAYS: string = 'HIGH:2,MEDIUM:3,LOW:7';

  /** Days a referrer has to answer a request for more information [U]. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  TAG_INFO_DUE_DAYS: number = 10;

  /** Days before the planned end that the practitioner is reminded [U]. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(28)
  TAG_PLANNED_END_REMINDER_DAYS: number = 7;

  /** Days after the planned end (or an early ending) before a tag still on is escalated to the manager [U]. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(28)
  TAG_REMOVAL_OVERDUE_DAYS: number = 3;

  /** Days a location fix is kept after it was recorded, then erased (domain.md 4.4.6 [U]: short; set by the DPIA). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  TAG_LOCATION_RETENTION_DAYS: number = 30;

  /** Minutes between scheduled retention sweeps of location data (one instance runs each sweep). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  TAG_LOCATION_SWEEP_MINUTES: number = 60;

  /** The longest period of location data one read or export may cover (domain.md 3.1.3: the previous days). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(31)
  TAG_LOCATION_MAX_DAYS_PER_READ: number = 7;

  /**
   * Where task reminders go: the team mailbox of each role a task can be assigned to, "ROLE:address,…" [U]: the VRU
   * decides which mailboxes (tasks are assigned to a role, not a person). An assignee without one gets no reminder.
   */
  @IsString()
  @Matches(/^([A-Za-z0-9_.-]+:[^,:@\s]+@[^,:@\s]+)(,[A-Za-z0-9_.-]+:[^,:@\s]+@[^,:@\s]+)*$/, {
    message: 'TAG_REMINDER_MAILBOXES must be ROLE:email,ROLE:email',
  })
  TAG_REMINDER_MAILBOXES: string =
    'VRU_COORDINATOR:vru.coordinators@example.org,VRU_PRACTITIONER:vru.practitioners@example.org,VRU_MANAGER:vru.managers@example.org';

  /** The language of the team mailboxes' reminders (Welsh Language Standards) [U]. */
  @IsIn(['ENGLISH', 'WELSH'])
  TAG_REMINDER_LANGUAGE: 'ENGLISH' | 'WELSH' = 'ENGLISH';

  /** Minutes between scheduled reminder sweeps (one instance runs each; each reminder is sent once anyway). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  TAG_REMINDER_SWEEP_MINUTES: number = 60;

  /** Tasks overdue for longer than this get no reminder (the manager's backlog, not a flood of mail) [U]. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  TAG_REMINDER_OVERDUE_WINDOW_DAYS: number = 14;

  /**
   * The board report's special-category breakdown suppresses counts from 1 to below this (small numbers can point at
   * a young person the board knows; domain.md 4.4.3) [U].
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  TAG_REPORT_SUPPRESS_BELOW: number = 5;
}
