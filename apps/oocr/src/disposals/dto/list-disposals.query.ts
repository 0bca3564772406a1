import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate, PageQuery } from '@oversight/nest-platform';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class ListDisposalsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) disposalType?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,60}$/, { message: 'district must be a district code' })
  district?: string;
  @ApiPropertyOptional({ description: 'issued on or after (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;
  @ApiPropertyOptional({ description: 'issued on or before (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
