import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate } from '@oversight/nest-platform';
import { IsIn, IsOptional, Matches } from 'class-validator';

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
