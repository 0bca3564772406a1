import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsCalendarDate,
  IsNumberWithMaxDecimals,
  NestedObject,
  NestedObjectList,
} from '@oversight/nest-platform';
import {
  CONDITION_PURPOSES,
  DISPOSAL_TYPES,
  OFFENCE_CLASSES,
  POLICE_RANKS,
  type AdmissionStatus,
  type ConditionKind,
  type ConditionPurpose,
  type OffenceClass,
  type PoliceRank,
  type VictimAgreement,
  type VictimViewsOutcome,
} from '@oversight/oocr-rules';
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
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ETHNICITY_CODES, GENDERS, OFFENCE_GROUPS } from '../../config/oocr-settings';
import type { ConditionInput, DisposalInput, VictimInput } from '../disposal.input';

const ADMISSIONS: AdmissionStatus[] = ['ADMITTED', 'ACCEPTS_RESPONSIBILITY', 'NOT_ADMITTED'];
const VIEWS_OUTCOMES: VictimViewsOutcome[] = ['VIEWS_GIVEN', 'VICTIM_DECLINED', 'NOT_CONTACTABLE'];
const AGREEMENTS: VictimAgreement[] = ['AGREED', 'NOT_AGREED', 'SUPERVISOR_OVERRIDE'];
export const CONDITION_KINDS: ConditionKind[] = [
  'ATTENDANCE',
  'UNPAID_WORK',
  'FINANCIAL_PENALTY',
  'COMPENSATION',
  'APOLOGY',
  'REPAIR',
  'COURSE',
  'RESTRICTION',
  'DEPARTURE_FROM_UK',
  'OTHER',
];
const PHONE = /^\+?[0-9 ()-]{7,20}$/;

export class OffenderDto {
  @ApiProperty({ example: 'Jordan Blake' }) @IsString() @IsNotEmpty() @MaxLength(200) fullName: string;
  @ApiProperty({ example: '1990-04-12' }) @IsCalendarDate() dateOfBirth: string;
  @ApiPropertyOptional({
    enum: GENDERS,
    description: 'Special category: stored apart, shown only to supervisors',
  })
  @IsOptional()
  @IsIn(GENDERS)
  gender?: string;
  @ApiPropertyOptional({
    enum: ETHNICITY_CODES,
    description:
      '18+1 self-defined ethnicity code. Special category: stored apart, shown only to supervisors',
  })
  @IsOptional()
  @IsIn(ETHNICITY_CODES)
  ethnicity?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'offender.email must be an email address' })
  @MaxLength(254)
  email?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(PHONE, { message: 'offender.phone must be a telephone number' })
  phone?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  addressLines?: string[];
}

export class OffenceDto {
  @ApiProperty({ example: '49/1', description: 'Home Office offence code' })
  @Matches(/^[A-Za-z0-9/.-]{1,20}$/, { message: 'offence.code must be a Home Office offence code' })
  code: string;
  @ApiProperty({ example: 'Theft from a shop' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  description: string;
  @ApiProperty({ enum: OFFENCE_CLASSES }) @IsIn(OFFENCE_CLASSES) classification: OffenceClass;
  @ApiProperty({ example: '2026-03-01' }) @IsCalendarDate() offenceDate: string;
  @ApiProperty({ enum: OFFENCE_GROUPS }) @IsIn(OFFENCE_GROUPS) offenceGroup: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() domesticAbuse?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() hateCrime?: boolean;
  @ApiPropertyOptional({ description: 'Force offence-type code, for the authorisation matrix' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  offenceType?: string;
  @ApiPropertyOptional({ description: 'Force gravity score, for the authorisation matrix' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  severity?: number;
}

export class OfficerDto {
  @ApiProperty({ example: 'pc.4471' })
  @Matches(/^[A-Za-z0-9._-]{2,60}$/, { message: 'id must be a user id or collar number' })
  id: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) name?: string;
}

export class AuthoriserDto {
  @ApiPropertyOptional({ example: 'ps.2210' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{2,60}$/, { message: 'authoriser.id must be a user id or collar number' })
  id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ enum: POLICE_RANKS }) @IsOptional() @IsIn(POLICE_RANKS) rank?: PoliceRank;
  @ApiPropertyOptional({ description: 'A person authorised by the DPP (CJA 2003 s22)' })
  @IsOptional()
  @IsBoolean()
  dppAuthorised?: boolean;
}

export class SignedConsentDto {
  @ApiProperty({ example: 'DOC-CC-88812' }) @IsString() @IsNotEmpty() @MaxLength(100) documentRef: string;
  @ApiProperty() @IsCalendarDate() signedOn: string;
}

export class YotReferralDto {
  @ApiProperty() @IsCalendarDate() referredOn: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) recommendation?: string;
}

export class ProsecutorDecisionDto {
  @ApiProperty({ example: 'CPS-2026-0042' }) @IsString() @IsNotEmpty() @MaxLength(100) reference: string;
  @ApiProperty() @IsCalendarDate() decidedOn: string;
}

export class VictimViewsDto {
  @ApiProperty() @IsCalendarDate() soughtOn: string;
  @ApiProperty({ example: 'telephone' }) @IsString() @MaxLength(100) method: string;
  @ApiProperty({ enum: VIEWS_OUTCOMES }) @IsIn(VIEWS_OUTCOMES) outcome: VictimViewsOutcome;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) views?: string;
  @ApiPropertyOptional({ description: 'A Community Remedy action the victim asked for' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  requestedAction?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() requestedActionAttached?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) notAttachedReason?: string;
  @ApiPropertyOptional({ enum: AGREEMENTS }) @IsOptional() @IsIn(AGREEMENTS) agreement?: VictimAgreement;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) overrideReason?: string;
}

export class VictimDto implements VictimInput {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'victims.email must be an email address' })
  email?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(PHONE, { message: 'victims.phone must be a telephone number' })
  phone?: string;
  @ApiPropertyOptional({ description: 'Tell the victim how the caution ends' })
  @IsOptional()
  @IsBoolean()
  wantsUpdates?: boolean;
  @ApiProperty({ type: VictimViewsDto })
  @NestedObject(() => VictimViewsDto)
  views: VictimViewsDto;
}

export class InstalmentDto {
  @ApiProperty() @IsCalendarDate() dueDate: string;
  @ApiProperty({ description: 'pence' }) @IsInt() @Min(1) @Max(10_000_000) amountPence: number;
}

export class ConditionDto implements ConditionInput {
  @ApiProperty({ enum: CONDITION_PURPOSES }) @IsIn(CONDITION_PURPOSES) purpose: ConditionPurpose;
  @ApiProperty({ enum: CONDITION_KINDS }) @IsIn(CONDITION_KINDS) kind: ConditionKind;
  @ApiProperty({ example: 'Attend a victim awareness course' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  description: string;
  @ApiPropertyOptional() @IsOptional() @IsNumberWithMaxDecimals(2) @Min(0) @Max(1000) hours?: number;
  @ApiPropertyOptional({ description: 'pence' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  amountPence?: number;
  @ApiPropertyOptional({ enum: ['REHABILITATIVE', 'REPARATIVE'] })
  @IsOptional()
  @IsIn(['REHABILITATIVE', 'REPARATIVE'])
  supportsPurpose?: 'REHABILITATIVE' | 'REPARATIVE';
  @ApiProperty() @IsCalendarDate() dueDate: string;
  @ApiPropertyOptional({ example: 'Kent Victim Awareness Programme' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  provider?: string;
  @ApiPropertyOptional({ type: [InstalmentDto] })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(52)
  @NestedObjectList(() => InstalmentDto)
  instalments?: InstalmentDto[];
}

export class AcknowledgementDto {
  @ApiProperty({ example: 'OOCR_DOMESTIC_ABUSE_FLAG' })
  @Matches(/^OOCR_[A-Z_]{3,60}$/, {
    message: 'acknowledgements.rule must be a rule code such as OOCR_DOMESTIC_ABUSE_FLAG',
  })
  rule: string;
  @ApiProperty() @IsString() @MaxLength(2000) reason: string;
}

/** A disposal recorded by CJ Operations (the field app sends community resolutions as events instead). */
export class CreateDisposalDto implements DisposalInput {
  @ApiProperty({ enum: DISPOSAL_TYPES }) @IsString() @MaxLength(60) disposalType: string;
  @ApiProperty({ example: '2026-03-02' }) @IsCalendarDate() issueDate: string;
  @ApiPropertyOptional({ example: '46/12345/26' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9/ -]{3,40}$/, {
    message: 'crimeReference must be 3-40 letters, digits, spaces, "/" or "-"',
  })
  crimeReference?: string;
  @ApiProperty({ example: 'dartford' })
  @Matches(/^[a-z0-9-]{2,60}$/, { message: 'district must be a district code such as dartford' })
  district: string;
  @ApiProperty({ type: OffenderDto })
  @NestedObject(() => OffenderDto)
  offender: OffenderDto;
  @ApiProperty({ type: OffenceDto })
  @NestedObject(() => OffenceDto)
  offence: OffenceDto;
  @ApiProperty({ type: OfficerDto })
  @NestedObject(() => OfficerDto)
  issuingOfficer: OfficerDto;
  @ApiPropertyOptional({ type: AuthoriserDto })
  @IsOptional()
  @NestedObject(() => AuthoriserDto)
  authoriser?: AuthoriserDto;
  @ApiProperty({ enum: ADMISSIONS }) @IsIn(ADMISSIONS) admission: AdmissionStatus;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() evidenceSufficientToCharge?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() effectExplainedWithBreachWarning?: boolean;
  @ApiPropertyOptional({ type: SignedConsentDto })
  @IsOptional()
  @NestedObject(() => SignedConsentDto)
  signedConsent?: SignedConsentDto;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() appropriateAdultPresent?: boolean;
  @ApiPropertyOptional({ type: YotReferralDto })
  @IsOptional()
  @NestedObject(() => YotReferralDto)
  yotReferral?: YotReferralDto;
  @ApiPropertyOptional({ type: ProsecutorDecisionDto })
  @IsOptional()
  @NestedObject(() => ProsecutorDecisionDto)
  prosecutorDecision?: ProsecutorDecisionDto;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() hasIdentifiableVictim?: boolean;
  @ApiPropertyOptional({ type: [VictimDto] })
  @IsOptional()
  @ArrayMaxSize(20)
  @NestedObjectList(() => VictimDto)
  victims?: VictimDto[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  agreedActions?: string[];
  @ApiPropertyOptional({ type: [ConditionDto] })
  @IsOptional()
  @ArrayMaxSize(20)
  @NestedObjectList(() => ConditionDto)
  conditions?: ConditionDto[];
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() completionDueDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) exceptionalReason?: string;
  @ApiPropertyOptional({ type: [AcknowledgementDto] })
  @IsOptional()
  @ArrayMaxSize(10)
  @NestedObjectList(() => AcknowledgementDto)
  acknowledgements?: AcknowledgementDto[];
}
