import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Matches, Max, Min } from 'class-validator';
import { TemporalServiceEnv } from '@oversight/config';

/** Settings of the knife-swaps service. Values marked [U] are local policy not fixed by domain.md: defaults here. */
export class KnifeSwapsEnv extends TemporalServiceEnv {
  override TEMPORAL_TASK_QUEUE: string = 'knife-swaps';

  /** Districts a referral may be filed under: Kent's twelve districts and Medway [U]. */
  @IsString()
  @Matches(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, { message: 'SKRS_DISTRICTS must be comma-separated district codes' })
  SKRS_DISTRICTS: string =
    'ashford,canterbury,dartford,dover,folkestone-and-hythe,gravesham,maidstone,medway,sevenoaks,swale,thanet,tonbridge-and-malling,tunbridge-wells';

  /** Days after the swap by which the surrendered knives must be destroyed before they are chased [U]. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  SKRS_DESTRUCTION_DUE_DAYS: number = 28;

  /** Days after the chase that undestroyed knives are escalated to the VRU manager [U]. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  SKRS_ESCALATE_AFTER_DAYS: number = 14;

  /** Days after the swap that the follow-up check-in is due [U]. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  SKRS_FOLLOW_UP_AFTER_DAYS: number = 42;

  /** Upper bound on pointed knives surrendered at one swap: rejects typing mistakes [U]. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  SKRS_MAX_KNIVES_PER_SWAP: number = 60;

  /** Upper bound on kits issued at one swap [U]. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  SKRS_MAX_KITS_PER_SWAP: number = 3;

  /** How households reach the VRU, quoted in their notifications [U]. */
  @IsString()
  @IsNotEmpty()
  SKRS_CONTACT_DETAILS: string = 'the Kent and Medway Violence Reduction Unit on 01622 000 000';
}
