import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';

const USER = /^[a-z0-9._-]{2,60}$/;

/** Claim (no assignee: the caller takes it), assign or reassign one review. */
export class AssignmentDto {
  @ApiPropertyOptional({
    description: 'User to assign to; omit to claim the review yourself',
    example: 'reviewer.amara',
  })
  @IsOptional()
  @Matches(USER, { message: 'assignee must be a user name such as reviewer.amara' })
  assignee?: string;

  @ApiPropertyOptional({ description: 'Why, when reassigning' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class BulkAssignmentDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'applicationIds must be review ids (UUIDs)' })
  applicationIds: string[];

  @ApiProperty({ example: 'reviewer.amara' })
  @Matches(USER, { message: 'assignee must be a user name such as reviewer.amara' })
  assignee: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
