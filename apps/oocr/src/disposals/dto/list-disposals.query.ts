import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate } from '@oversight/nest-platform';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class ListDisposalsQuery {
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
  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}
