import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class ListNotificationsQuery {
  @ApiProperty({ example: 'CR-2026-000123', description: "The requesting service's case reference" })
  @Matches(/^[A-Za-z0-9/ -]{3,40}$/, { message: 'reference must be a case reference such as CR-2026-000123' })
  reference: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
