import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role } from '@oversight/auth';
import { AllowRoles } from '@oversight/nest-platform';
import type { Response } from 'express';
import { ReportQuery } from './report.query';
import { ReportsService, summaryToCsv } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** Counts, upheld rate, days to complete against benchmarks, SLA compliance and backlog; JSON or CSV. */
  @Get('summary')
  @AllowRoles(Role.OpccManager, Role.OpccReviewer)
  @ApiProduces('application/json', 'text/csv')
  async summary(
    @Query() query: ReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const report = await this.reports.summary(query);
    const csv = query.format === 'csv' || (query.format !== 'json' && /\btext\/csv\b/.test(accept ?? ''));
    if (!csv) return report;
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader(
      'content-disposition',
      `attachment; filename="complaint-reviews-${report.period.from}-${report.period.to}.csv"`,
    );
    return summaryToCsv(report);
  }
}
