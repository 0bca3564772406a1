import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate, NestedObject, NestedObjectList, PageQuery } from '@oversight/nest-platform';
import {
  BREACH_DECISION_TYPES,
  POLICE_RANKS,
  type BreachDecisionType,
  type PoliceRank,
} from '@oversight/oocr-rules';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { AcknowledgementDto, ConditionDto } from '../../disposals/dto/create-disposal.dto';

export class RecordEvidenceDto {
  @ApiProperty({ example: 'KVAP-CERT-2231', description: 'Certificate, receipt or provider reference' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiProperty() @IsCalendarDate() completedOn: string;
  @ApiPropertyOptional({ description: 'For a payment plan: which instalment was paid' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(52)
  instalmentNumber?: number;
}

export class AuthorisingOfficerDto {
  @ApiProperty({ example: 'ps.2210' })
  @Matches(/^[A-Za-z0-9._-]{2,60}$/, { message: 'authoriser.id must be a user id or collar number' })
  id: string;
  @ApiPropertyOptional({ enum: POLICE_RANKS }) @IsOptional() @IsIn(POLICE_RANKS) rank?: PoliceRank;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() dppAuthorised?: boolean;
}

export class ConditionDueDateDto {
  @ApiProperty() @IsUUID() conditionId: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(52) instalmentNumber?: number;
  @ApiProperty() @IsCalendarDate() dueDate: string;
}

/** An exceptional extension of the completion period (domain.md 2.1.10): never beyond 20 weeks from issue. */
export class ExtendCompletionDto {
  @ApiProperty() @IsCalendarDate() newCompletionDueDate: string;
  @ApiProperty({ description: 'Why the extension is exceptional' })
  @IsString()
  @MaxLength(2000)
  exceptionalReason: string;
  @ApiProperty({ type: AuthorisingOfficerDto })
  @NestedObject(() => AuthorisingOfficerDto)
  authoriser: AuthorisingOfficerDto;
  @ApiPropertyOptional({ type: [ConditionDueDateDto] })
  @IsOptional()
  @ArrayMaxSize(60)
  @NestedObjectList(() => ConditionDueDateDto)
  conditionDueDates?: ConditionDueDateDto[];
  @ApiPropertyOptional({
    type: [AcknowledgementDto],
    description: 'Warnings proceeded past, each with a reason (OOCR_SUMMARY_TIME_LIMIT_AT_RISK / _EXPIRED)',
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @NestedObjectList(() => AcknowledgementDto)
  acknowledgements?: AcknowledgementDto[];
  @ApiPropertyOptional({
    description:
      'With a breach still open: why this extension sets the breach aside (otherwise decide the breach first)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  breachSetAsideReason?: string;
}

export class VariationDto {
  @ApiPropertyOptional({ type: [String], description: 'Conditions the variation replaces' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  withdrawConditionIds?: string[];
  @ApiPropertyOptional({ type: [ConditionDto] })
  @IsOptional()
  @ArrayMaxSize(20)
  @NestedObjectList(() => ConditionDto)
  add?: ConditionDto[];
  @ApiPropertyOptional({ type: [ConditionDueDateDto] })
  @IsOptional()
  @ArrayMaxSize(60)
  @NestedObjectList(() => ConditionDueDateDto)
  conditionDueDates?: ConditionDueDateDto[];
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() newCompletionDueDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) exceptionalReason?: string;
  @ApiPropertyOptional({
    type: [AcknowledgementDto],
    description: 'Warnings proceeded past, each with a reason (OOCR_SUMMARY_TIME_LIMIT_AT_RISK / _EXPIRED)',
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @NestedObjectList(() => AcknowledgementDto)
  acknowledgements?: AcknowledgementDto[];
}

/** An authorised variation of the conditions outside a breach. */
export class VaryConditionsDto extends VariationDto {
  @ApiProperty({ type: AuthorisingOfficerDto })
  @NestedObject(() => AuthorisingOfficerDto)
  authoriser: AuthorisingOfficerDto;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
}

export class ReasonableExcuseDto {
  @ApiProperty({ enum: ['REASONABLE_EXCUSE', 'NO_REASONABLE_EXCUSE'] })
  @IsIn(['REASONABLE_EXCUSE', 'NO_REASONABLE_EXCUSE'])
  outcome: 'REASONABLE_EXCUSE' | 'NO_REASONABLE_EXCUSE';
  @ApiProperty() @IsString() @MaxLength(4000) rationale: string;
  @ApiProperty() @IsCalendarDate() assessedOn: string;
}

export class BreachDecisionDto {
  @ApiProperty({ enum: BREACH_DECISION_TYPES }) @IsIn(BREACH_DECISION_TYPES) type: BreachDecisionType;
  @ApiProperty() @IsCalendarDate() decidedOn: string;
  @ApiPropertyOptional({ type: AuthorisingOfficerDto, description: 'Required to vary the conditions' })
  @IsOptional()
  @NestedObject(() => AuthorisingOfficerDto)
  authoriser?: AuthorisingOfficerDto;
  @ApiPropertyOptional({ description: 'Defaults to the signed consent document on the record' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  signedDocumentRef?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() proceedingsStartedOn?: string;
  @ApiPropertyOptional({ type: VariationDto })
  @IsOptional()
  @NestedObject(() => VariationDto)
  variation?: VariationDto;
}

export class ProceedingsStartedDto {
  @ApiProperty() @IsCalendarDate() startedOn: string;
}

export class ListCautionsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsIn([
    'ACTIVE',
    'BREACH_ASSESSMENT',
    'AWAITING_POST_ARREST_DECISION',
    'COMPLETED',
    'CLOSED_NO_FURTHER_ACTION',
    'PROSECUTION_PENDING',
    'CEASED',
  ])
  status?: string;
  @ApiPropertyOptional({ description: 'completion due on or before' })
  @IsOptional()
  @IsCalendarDate()
  dueBefore?: string;
}
