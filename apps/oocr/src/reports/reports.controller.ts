import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Role } from '@oversight/auth';
import { RuleViolationError } from '@oversight/domain-errors';
import { AllowRoles, IsCalendarDate } from '@oversight/nest-platform';
import { daysBetween } from '@oversight/oocr-rules';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Period, ReportsService } from './reports.service';

const CSV_REPORTS = [
  'counts-by-month',
  'counts-by-district',
  'counts-by-offence-group',
  'caution-outcomes',
  'conditions-by-purpose',
  'review-outcomes',
  'disproportionality',
] as const;

export class PeriodQuery {
  @ApiProperty({ example: '2026-01-01' }) @IsCalendarDate() from: string;
  @ApiProperty({ example: '2026-12-31' }) @IsCalendarDate() to: string;
}

export class DisproportionalityQuery extends PeriodQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) disposalType?: string;
}

export class CsvQuery extends PeriodQuery {
  @ApiProperty({ enum: CSV_REPORTS }) @IsIn(CSV_REPORTS) report: (typeof CSV_REPORTS)[number];
}

function period(q: PeriodQuery): Period {
  if (daysBetween(q.from, q.to) < 0)
    throw new RuleViolationError([
      { rule: 'OOCR_PERIOD_ORDER', field: 'to', message: 'to must be on or after from' },
    ]);
  if (daysBetween(q.from, q.to) > 366 * 5)
    throw new RuleViolationError([
      { rule: 'OOCR_PERIOD_TOO_LONG', field: 'to', message: 'A report covers at most five years' },
    ]);
  return { from: q.from, to: q.to };
}

const CJ_OPS = [Role.CjOpsOfficer, Role.CjOpsSupervisor] as const;

/** Scrutiny Panel figures. Aggregates only; disproportionality (built on special-category data) is for supervisors. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('counts')
  @AllowRoles(...CJ_OPS)
  counts(@Query() q: PeriodQuery) {
    return this.reports.counts(period(q));
  }

  @Get('review-outcomes')
  @AllowRoles(...CJ_OPS)
  reviewOutcomes(@Query() q: PeriodQuery) {
    return this.reports.reviewOutcomes(period(q));
  }

  @Get('caution-outcomes')
  @AllowRoles(...CJ_OPS)
  cautionOutcomes(@Query() q: PeriodQuery) {
    return this.reports.cautionOutcomes(period(q));
  }

  @Get('conditions-by-purpose')
  @AllowRoles(...CJ_OPS)
  conditions(@Query() q: PeriodQuery) {
    return this.reports.conditionsByPurpose(period(q));
  }

  @Get('disproportionality')
  @AllowRoles(Role.CjOpsSupervisor)
  disproportionality(@Query() q: DisproportionalityQuery) {
    return this.reports.disproportionality(period(q), q.disposalType);
  }

  @Get('export')
  @AllowRoles(Role.CjOpsSupervisor)
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="oocr-report.csv"')
  csv(@Query() q: CsvQuery) {
    return this.reports.csv(q.report, period(q));
  }
}
