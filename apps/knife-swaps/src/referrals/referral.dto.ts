import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate } from '@oversight/nest-platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export const REFERRING_AGENCIES = [
  'POLICE',
  'EARLY_HELP',
  'YOUTH_JUSTICE',
  'SOCIAL_CARE',
  'SCHOOL',
  'COLLEGE',
  'HEALTH',
  'OTHER',
] as const;

/** Who lives in the household, as far as the swap needs (no names). */
export class HouseholdMemberDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  relationship!: string;

  @IsIn(['UNDER_10', '10_17', '18_24', '25_PLUS'])
  ageBand!: string;
}

export class CreateReferralDto {
  /** One main reason from the scheme's closed list (domain.md 3.3.3); anything else is refused with the list named. */
  @ApiProperty({ example: 'WEAPON_CARRYING' })
  @IsString()
  @MaxLength(60)
  reason!: string;

  /** Required for HIGH_RISK_DOMESTIC_ABUSE (DASH / MARAC reference). */
  @IsOptional()
  @IsString()
  @MaxLength(60)
  daRiskAssessmentRef?: string;

  @IsIn(REFERRING_AGENCIES)
  referringAgency!: string;

  /** VRU staff referring on a partner's behalf name the organisation; a partner referrer's comes from its token. */
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,60}$/, {
    message: 'referringOrganisation must be an organisation code like early-help-medway',
  })
  referringOrganisation?: string;

  @IsString()
  @MaxLength(40)
  district!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(120, { each: true })
  addressLines!: string[];

  @Matches(/^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/i, { message: 'postcode must be a UK postcode' })
  postcode!: string;

  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => HouseholdMemberDto)
  householdMembers!: HouseholdMemberDto[];

  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  householderName!: string;

  @IsOptional()
  @IsEmail()
  householderEmail?: string;

  @IsOptional()
  @Matches(/^\+?[0-9 ]{10,15}$/, { message: 'householderPhone must be a phone number' })
  householderPhone?: string;

  @IsOptional()
  @IsIn(['ENGLISH', 'WELSH'])
  householderLanguage?: string;

  /**
   * HIGH_RISK_DOMESTIC_ABUSE only: the channel agreed with the victim as safe to write to (EMAIL or SMS, to the
   * contact given above), or NONE. Without it nothing is sent to a DA household: staff tell it in person.
   */
  @IsOptional()
  @IsIn(['EMAIL', 'SMS', 'NONE'], { message: 'safeContact must be one of EMAIL, SMS, NONE' })
  safeContact?: string;

  @IsOptional()
  @IsString()
  @MaxLength(120)
  youngPersonName?: string;

  @IsOptional()
  @IsCalendarDate()
  youngPersonDob?: string;

  /** Links by reference (issue 12 §8): an out-of-court disposal reference, a tag episode reference. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{3,40}$/, { message: 'oocrDisposalRef must be a disposal reference' })
  oocrDisposalRef?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{3,40}$/, { message: 'tagEpisodeRef must be a tag episode reference' })
  tagEpisodeRef?: string;

  /** The day the referral was received, when it is entered later (default today; not future, at most a year back). */
  @IsOptional()
  @IsCalendarDate()
  referredOn?: string;

  /** The referrer's own case number: the same organisation cannot refer the same case twice (409). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9/-]{3,40}$/, {
    message: 'partnerCaseRef must be a case reference (A-Z, 0-9, - and /)',
  })
  partnerCaseRef?: string;
}

export class DiscussionDto {
  @IsCalendarDate()
  heldOn!: string;

  @IsString()
  @MaxLength(2000)
  protectiveFactors!: string;

  @IsString()
  @MaxLength(2000)
  homeCircumstances!: string;

  @IsString()
  @MaxLength(2000)
  youngPerson!: string;

  @IsIn(['ENGAGED', 'PARTLY_ENGAGED', 'NOT_ENGAGED'])
  familyEngagement!: 'ENGAGED' | 'PARTLY_ENGAGED' | 'NOT_ENGAGED';
}

export class EligibilityDto {
  @IsIn(['ELIGIBLE', 'NOT_ELIGIBLE'])
  decision!: 'ELIGIBLE' | 'NOT_ELIGIBLE';

  @IsString()
  @MaxLength(2000)
  reason!: string;
}

export class ConsentDto {
  /** false records the householder's refusal (the referral is DECLINED). */
  @IsBoolean()
  given!: boolean;

  /** The householder agrees to replace ALL pointed knives in the home (domain.md 3.3.1). */
  @IsBoolean()
  allPointedKnives!: boolean;

  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  householderName!: string;

  @IsCalendarDate()
  recordedOn!: string;
}

export class SwapDto {
  @IsCalendarDate()
  swappedOn!: string;

  @Matches(/^[a-z0-9-]{2,40}$/, { message: 'storeId must be a store code' })
  storeId!: string;

  @ApiProperty({ enum: ['FOUR_PACK', 'SINGLE_5_INCH'] })
  @IsString()
  @MaxLength(30)
  kitType!: string;

  @Type(() => Number)
  @IsInt({ message: 'kitQuantity must be a whole number' })
  kitQuantity!: number;

  /** Pointed knives surrendered (the rules bound it: 1 to SKRS_MAX_KNIVES_PER_SWAP). */
  @Type(() => Number)
  @IsInt({ message: 'knivesSurrendered must be a whole number' })
  knivesSurrendered!: number;

  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  safetyAdvice!: string[];

  /** The number on the sealed evidence bag the knives were put in. */
  @Matches(/^[A-Z0-9-]{4,30}$/, { message: 'bagNumber must be the sealed bag number (A-Z, 0-9, -)' })
  bagNumber!: string;
}

export class FollowUpDto {
  @IsCalendarDate()
  followedUpOn!: string;

  @IsIn(['NO_CONCERNS', 'CONCERNS_REFERRED_ON', 'POINTED_KNIVES_RETURNED', 'NO_CONTACT'])
  outcome!: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

export class WithdrawDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class ListReferralsQuery {
  @IsOptional()
  @IsIn([
    'OPEN',
    'ALL',
    'REFERRED',
    'DISCUSSED',
    'ELIGIBLE',
    'NOT_ELIGIBLE',
    'CONSENTED',
    'DECLINED',
    'SWAPPED',
    'FOLLOWED_UP',
    'WITHDRAWN',
  ])
  status?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  district?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9/-]{3,40}$/, {
    message: 'partnerCaseRef must be a case reference (A-Z, 0-9, - and /)',
  })
  partnerCaseRef?: string;

  @ApiPropertyOptional({ maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  limit?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  offset?: number;
}
