import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate, NestedObjectList } from '@oversight/nest-platform';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import {
  CLOSURE_REASONS,
  POLICE_RANKS,
  STOP_CLOCK_REASONS,
  type PoliceRank,
} from '@oversight/complaint-review-rules';
import { ForceResponse, RecommendationKind, ReviewOutcome } from '../../generated/prisma/enums';

/** A decision on a late application (domain.md 1.2.5, 1.5.3): the decider is the caller. */
export class ExtensionDecisionDto {
  @ApiProperty({ enum: ['EXTENDED', 'REFUSED'] })
  @IsIn(['EXTENDED', 'REFUSED'], { message: 'outcome must be EXTENDED or REFUSED' })
  outcome: 'EXTENDED' | 'REFUSED';

  @ApiProperty({ description: 'The special circumstances considered and why they do or do not justify it' })
  @IsString()
  @MaxLength(5000)
  reasons: string;

  @ApiPropertyOptional({ description: 'Defaults to today (UK)' })
  @IsOptional()
  @IsCalendarDate()
  decidedOn?: string;
}

/**
 * The relevant-review-body checklist (1.3.1 (a)–(f), 1.3.2). Criterion (a) comes from facts (issue 10 item 5):
 * the ranks of the officers complained about and whether it concerns the chief officer; an explicit
 * answer the facts do not give needs a reason. Every other question is answered yes or no.
 */
export class ReviewBodyAssessmentDto {
  @ApiPropertyOptional({
    enum: POLICE_RANKS,
    isArray: true,
    description:
      'Ranks of the officers whose conduct the complaint concerns ([] when it concerns no police officer). A senior officer is one above chief superintendent (1.3.1(a)): COMMANDER, ASSISTANT_CHIEF_CONSTABLE and above route the review to the IOPC.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsIn(POLICE_RANKS, {
    each: true,
    message: `each officerRanks value must be one of ${POLICE_RANKS.join(', ')}`,
  })
  officerRanks?: PoliceRank[];

  @ApiPropertyOptional({
    description:
      'The complaint concerns the chief constable (the Commissioner in London): a senior officer whose appropriate authority is the local policing body (1.3.2)',
  })
  @IsOptional()
  @IsBoolean()
  concernsChiefOfficer?: boolean;

  @ApiPropertyOptional({
    description:
      'Criterion 1.3.1(a) answered directly. Derived from officerRanks / concernsChiefOfficer when given; an answer the facts do not give (no ranks, or contradicting them) needs seniorOfficerOverrideReason',
  })
  @IsOptional()
  @IsBoolean()
  concernsSeniorOfficer?: boolean;

  @ApiPropertyOptional({
    description: 'Why concernsSeniorOfficer overrides (or stands in for) the ranks; logged',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  seniorOfficerOverrideReason?: string;

  @ApiProperty() @IsBoolean() couldNotRuleOutProceedingsOrArticle2Or3: boolean;
  @ApiProperty() @IsBoolean() referredOrMustBeReferredToIopc: boolean;
  @ApiProperty() @IsBoolean() treatedAsReferredByIopc: boolean;
  @ApiProperty() @IsBoolean() sameIncidentAsIopcComplaint: boolean;
  @ApiProperty() @IsBoolean() anyPartWithinIopcCriteria: boolean;
  @ApiProperty() @IsBoolean() appropriateAuthorityIsLocalPolicingBody: boolean;

  @ApiPropertyOptional({
    description: 'When passed to the IOPC: the forwarding date; defaults to today (UK)',
  })
  @IsOptional()
  @IsCalendarDate()
  forwardedOn?: string;
}

export class WithdrawalDto {
  @ApiProperty({ description: 'Why, as the applicant gave it or as recorded' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;

  @ApiPropertyOptional({ description: 'Defaults to today (UK)' })
  @IsOptional()
  @IsCalendarDate()
  withdrawnOn?: string;
}

/** Closing a case without a review decision (the out-of-time refusal is the extension decision). */
export class ClosureDto {
  @ApiProperty({ enum: CLOSURE_REASONS })
  @IsIn(CLOSURE_REASONS, { message: `reason must be one of ${CLOSURE_REASONS.join(', ')}` })
  reason: (typeof CLOSURE_REASONS)[number];

  @ApiProperty({ description: 'What was decided and why, as the applicant will be told' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note: string;

  @ApiPropertyOptional({
    description:
      'INSUFFICIENT_INFORMATION before the reply date given to the applicant: why the case closes early (e.g. the applicant says there is nothing more to send); logged',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  earlyCloseReason?: string;
}

/** A decision not to act, on the record like any other decision (e.g. not to request the case file). */
export class DecisionNotToActDto {
  @ApiProperty({ description: 'What was considered and not done', example: 'Requesting the PSD case file' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  considered: string;

  @ApiProperty({ description: 'Why not' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason: string;
}

export class RecommendationDto {
  @ApiProperty({ enum: RecommendationKind })
  @IsEnum(RecommendationKind)
  kind: RecommendationKind;

  @ApiProperty()
  @IsString()
  @MaxLength(5000)
  text: string;
}

/** The outcome of a review (1.1.6) with its rationale and, when upheld, recommendations (1.4.3). */
export class ReviewDecisionDto {
  @ApiProperty({ enum: ReviewOutcome })
  @IsEnum(ReviewOutcome)
  outcome: ReviewOutcome;

  @ApiProperty({ description: 'Why: goes into the outcome letters' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10_000)
  rationale: string;

  @ApiPropertyOptional({ description: 'Required for NOT_UPHELD_WITH_FEEDBACK' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  feedbackToPsd?: string;

  @ApiPropertyOptional({ type: [RecommendationDto] })
  @IsOptional()
  @ArrayMaxSize(20)
  @NestedObjectList(() => RecommendationDto)
  recommendations?: RecommendationDto[];

  @ApiPropertyOptional({ description: 'Defaults to today (UK)' })
  @IsOptional()
  @IsCalendarDate()
  decidedOn?: string;
}

/** The force's written response to one recommendation (1.4.5 [U]). */
export class ForceResponseDto {
  @ApiProperty({ enum: ForceResponse })
  @IsEnum(ForceResponse)
  response: ForceResponse;

  @ApiPropertyOptional({ description: 'What the force says it will do, or why not' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  steps?: string;

  @ApiPropertyOptional({ description: 'Date of the force response; defaults to today (UK)' })
  @IsOptional()
  @IsCalendarDate()
  respondedOn?: string;
}

/** Stops the completion clock from today (domain.md 1.4.7 [S]); OTHER needs a note. */
export class ClockStopDto {
  @ApiProperty({ enum: STOP_CLOCK_REASONS })
  @IsIn(STOP_CLOCK_REASONS, { message: `reason must be one of ${STOP_CLOCK_REASONS.join(', ')}` })
  reason: (typeof STOP_CLOCK_REASONS)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** Go on although validity items are missing (domain.md 1.2.6 [U], 1.5.4): the reason is the record. */
export class ProceedDespiteMissingDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

/** What the applicant sent back after a request for information; the intake is assessed again. */
export class InformationReceivedDto {
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() complaintDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() outcomeInformationProvidedOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() outcomeLetterDate?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  appropriateAuthority?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() inWriting?: boolean;
}
