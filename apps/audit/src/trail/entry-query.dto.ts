import { PagedQuery } from '@oversight/nest-platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

const ID = /^[A-Za-z0-9._:@-]{1,120}$/;

export class EntryQueryDto extends PagedQuery({ maxLimit: 1000, defaultLimit: 100 }) {
  @ApiPropertyOptional({ example: 'complaint-review' })
  @IsOptional()
  @Matches(/^[a-z-]{2,60}$/, { message: 'recordType must be a record type such as complaint-review' })
  recordType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID, { message: 'recordId must be an identifier' })
  recordId?: string;

  @ApiPropertyOptional({ description: 'The person the data is about (pseudonymous id)' })
  @IsOptional()
  @Matches(ID, { message: 'dataSubjectId must be an identifier' })
  dataSubjectId?: string;

  @ApiPropertyOptional({ description: 'Who acted' })
  @IsOptional()
  @Matches(ID, { message: 'actor must be a user or service id' })
  actor?: string;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  to?: string;
}
