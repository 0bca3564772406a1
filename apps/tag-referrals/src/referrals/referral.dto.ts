import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate } from '@oversight/nest-platform';
import { DISABILITY, ETHNIC_GROUPS, OUTCOME_POINTS, REMOVAL_REASONS, SEXES } from '@oversight/tag-rules';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export const AGENCIES = ['POLICE', 'EARLY_HELP', 'YOUTH_JUSTICE', 'SOCIAL_CARE', 'IOM', 'OTHER'] as const;
export const RISK = ['LOW', 'MEDIUM', 'HIGH'] as const;
export const POOLS = ['IOM', 'VRU'] as const;

/**
 * Equality monitoring (domain.md 4.2.5 sensitive processing, 4.4.3 stored apart): optional, closed lists, "not
 * stated" when the person declines. Never shown on the referral; only in the board report's breakdown.
 */
export class SpecialCategoryDto {
  @ApiProperty({ enum: ETHNIC_GROUPS }) @IsIn(ETHNIC_GROUPS) ethnicity!: string;
  @ApiProperty({ enum: SEXES }) @IsIn(SEXES) sex!: string;
  @ApiProperty({ enum: DISABILITY }) @IsIn(DISABILITY) disability!: string;
}

export class CreateReferralDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) subjectName!: string;
  @ApiProperty({ example: '2010-06-01' }) @IsCalendarDate() dateOfBirth!: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(6)
  @IsString({ each: true })
  @MaxLength(120, { each: true })
  addressLines!: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) yotCaseId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) socialCareCaseId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) earlyHelpCaseId?: string;
  @ApiProperty() @IsEmail() @MaxLength(200) referrerEmail!: string;
  @ApiProperty({ enum: AGENCIES }) @IsIn(AGENCIES) agency!: string;
  @ApiProperty({ description: 'CRIMINAL_EXPLOITATION_RISK | TRAFFICKING_RISK | HIGH_HARM_OFFENDER' })
  @IsString()
  @MaxLength(60)
  grounds!: string;
  @ApiProperty() @IsString() @MaxLength(120) multiAgencyPlanRef!: string;
  @ApiProperty({ enum: RISK }) @IsIn(RISK) riskLevel!: 'LOW' | 'MEDIUM' | 'HIGH';
  @ApiProperty({ description: 'GPS | ALCOHOL' }) @IsString() @MaxLength(20) tagType!: string;
  @ApiProperty({ description: 'Only VOLUNTARY is accepted (domain.md 3.1.5)' })
  @IsString()
  @MaxLength(40)
  monitoringBasis!: string;
  @ApiProperty({ enum: POOLS }) @IsIn(POOLS) pool!: 'IOM' | 'VRU';
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(4000) summary!: string;
  @ApiPropertyOptional({ enum: ['ENGLISH', 'WELSH'] }) @IsOptional() @IsIn(['ENGLISH', 'WELSH']) language?:
    | 'ENGLISH'
    | 'WELSH';
  @ApiPropertyOptional({ type: SpecialCategoryDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SpecialCategoryDto)
  specialCategory?: SpecialCategoryDto;
}

export class TriageDto {
  @ApiProperty({ enum: ['ACCEPT', 'DECLINE', 'REQUEST_INFO'] })
  @IsIn(['ACCEPT', 'DECLINE', 'REQUEST_INFO'])
  decision!: 'ACCEPT' | 'DECLINE' | 'REQUEST_INFO';
  @ApiPropertyOptional({ description: 'Required to decline or to ask for information' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class MoreInformationDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(4000) information!: string;
}

export class ConsentDto {
  @ApiProperty({ enum: ['SUBJECT', 'GUARDIAN'] }) @IsIn(['SUBJECT', 'GUARDIAN']) party!:
    | 'SUBJECT'
    | 'GUARDIAN';
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) givenBy!: string;
  @ApiProperty({ enum: ['SIGNED_FORM', 'VERBAL_WITNESSED', 'ELECTRONIC'] })
  @IsIn(['SIGNED_FORM', 'VERBAL_WITNESSED', 'ELECTRONIC'])
  method!: string;
  @ApiProperty({ description: 'Version of the information sheet the person was given' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  informationVersion!: string;
  @ApiProperty() @IsCalendarDate() givenOn!: string;
}

export class WithdrawalDto {
  @ApiProperty({ enum: ['SUBJECT', 'GUARDIAN', 'REFERRER'] })
  @IsIn(['SUBJECT', 'GUARDIAN', 'REFERRER'])
  withdrawnBy!: 'SUBJECT' | 'GUARDIAN' | 'REFERRER';
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class AllocationDto {
  @ApiPropertyOptional({ description: 'A given tag of the pool; the first in stock when absent' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  serial?: string;
}

export class FittingDto {
  @ApiProperty() @IsCalendarDate() fittedOn!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) fittedWhere!: string;
  @ApiProperty({ example: 'M' }) @IsIn(['S', 'M', 'L', 'XL']) strapSize!: string;
  @ApiPropertyOptional({ description: 'Planned length in days (42 by default)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  days?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) managerReason?: string;
}

export class ExtensionDto {
  @ApiProperty({ description: 'New planned length in days from the fit' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  days!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) managerReason?: string;
}

export class RemovalDto {
  @ApiProperty() @IsCalendarDate() removedOn!: string;
  @ApiProperty({ enum: REMOVAL_REASONS }) @IsIn(REMOVAL_REASONS) reason!: string;
}

/** The Kent evaluation's measures at one point (issue 11 item 8; vru-notes 3.1); the counts cover the point's period. */
export class OutcomeDto {
  @ApiProperty({ enum: OUTCOME_POINTS }) @IsIn(OUTCOME_POINTS) point!: string;
  @ApiProperty() @IsInt() @Min(0) suspectedOffences!: number;
  @ApiProperty() @IsInt() @Min(0) violentOffences!: number;
  @ApiProperty() @IsInt() @Min(0) daysMissingFromHome!: number;
  @ApiProperty() @IsBoolean() reEngagedWithServices!: boolean;
  @ApiProperty() @IsBoolean() inEducationOrTraining!: boolean;
  @ApiProperty() @IsBoolean() familyConnection!: boolean;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptional() @IsInt() wellbeing?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ListReferralsQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) status?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) limit?: number;
}
