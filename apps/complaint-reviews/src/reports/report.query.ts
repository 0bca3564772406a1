import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate } from '@oversight/nest-platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class ReportQuery {
  @ApiPropertyOptional({
    example: '2026-04-01',
    description: 'First day of the period (default: 1 April this year)',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2027-03-31', description: 'Last day of the period (default: today)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ example: 'opcc-reviews-east' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,60}$/, { message: 'team must be a team code such as opcc-reviews-east' })
  team?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';
}

export class QuarterlyReportQuery {
  @ApiPropertyOptional({
    example: 2026,
    description:
      'Financial year by its first year: 2026 is April 2026 to March 2027 (default: the current one)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'financialYear must be a year such as 2026' })
  @Min(2020, { message: 'financialYear must be 2020 or later (reviews began on 1 February 2020)' })
  @Max(2100, { message: 'financialYear must be 2100 or earlier' })
  financialYear?: number;

  @ApiPropertyOptional({ example: 'opcc-reviews-east' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,60}$/, { message: 'team must be a team code such as opcc-reviews-east' })
  team?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';
}
