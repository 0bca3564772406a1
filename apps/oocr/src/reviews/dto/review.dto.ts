import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate, PageQuery } from '@oversight/nest-platform';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';

export const REVIEW_OUTCOMES = ['COMPLIANT', 'REFER_BACK', 'ESCALATE'] as const;
export type ReviewOutcomeChoice = (typeof REVIEW_OUTCOMES)[number];
export const REVIEW_STATUSES = [
  'PENDING',
  'REFERRED_BACK',
  'ACTIONS_DONE',
  'ESCALATED',
  'COMPLIANT',
] as const;

export class ListReviewsQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['OPEN', ...REVIEW_STATUSES],
    default: 'OPEN',
    description: 'OPEN: waiting for CJ Operations (pending, actions done, escalated)',
  })
  @IsOptional()
  @IsIn(['OPEN', ...REVIEW_STATUSES])
  status?: string;
  @ApiPropertyOptional({ description: "A user id, or 'me', or 'unassigned'" })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{2,60}$/, { message: 'assignedTo must be a user id, me or unassigned' })
  assignedTo?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,60}$/, { message: 'district must be a district code' })
  district?: string;
  @ApiPropertyOptional({ description: 'The review of one record' })
  @IsOptional()
  @IsUUID()
  disposalId?: string;
}

export class AssignReviewDto {
  @ApiProperty({ example: 'cjops.dan' })
  @Matches(/^[A-Za-z0-9._-]{2,60}$/, { message: 'assignee must be a user id' })
  assignee: string;
  @ApiPropertyOptional({ description: 'The version read; refused if the review changed since' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class ReviewOutcomeDto {
  @ApiProperty({ enum: REVIEW_OUTCOMES }) @IsIn(REVIEW_OUTCOMES) outcome: ReviewOutcomeChoice;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) notes?: string;
  @ApiPropertyOptional({ type: [String], description: 'REFER_BACK: what the issuing officer must do' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1000, { each: true })
  requiredActions?: string[];
  @ApiPropertyOptional({
    description: 'REFER_BACK: when the actions are due (default: the configured days from today)',
  })
  @IsOptional()
  @IsCalendarDate()
  actionsDueOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
}

export class CompleteActionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class BulkReviewDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  reviewIds: string[];
  @ApiProperty({ enum: ['ASSIGN', 'COMPLIANT'] }) @IsIn(['ASSIGN', 'COMPLIANT']) action:
    | 'ASSIGN'
    | 'COMPLIANT';
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{2,60}$/, { message: 'assignee must be a user id' })
  assignee?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) notes?: string;
}
