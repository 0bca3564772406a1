import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role } from '@oversight/auth';
import { AllowRoles } from '@oversight/nest-platform';
import type { Response } from 'express';
import { todayInLondon } from '@oversight/nest-platform';
import { financialYearQuarters, quarterlyRow, quarterlyToCsv } from './quarterly-publication';
import { QuarterlyReportQuery, ReportQuery } from './report.query';
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

  /**
   * The quarterly table the OPCC publishes (domain.md 1.4.9, 1.5.10): one row per quarter of the
   * financial year so far, and the year to date; JSON or CSV.
   */
  @Get('quarterly')
  @AllowRoles(Role.OpccManager, Role.OpccReviewer)
  @ApiProduces('application/json', 'text/csv')
  async quarterly(
    @Query() query: QuarterlyReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const today = todayInLondon();
    const fy = query.financialYear ?? currentFinancialYear(today);
    const quarters = financialYearQuarters(fy, today);
    const periods = quarters.length
      ? [
          ...quarters,
          {
            label: `${fy}/${String(fy + 1).slice(2)} to date`,
            from: quarters[0].from,
            to: quarters[quarters.length - 1].to,
          },
        ]
      : [];
    // The periods are independent aggregates: run side by side (one connection each) rather than in turn.
    const rows = await Promise.all(
      periods.map(async (p) =>
        quarterlyRow(p.label, await this.reports.summary({ from: p.from, to: p.to, team: query.team })),
      ),
    );
    const report = { financialYear: fy, team: query.team ?? null, rows };
    const csv = query.format === 'csv' || (query.format !== 'json' && /\btext\/csv\b/.test(accept ?? ''));
    if (!csv) return report;
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="complaint-reviews-quarterly-${fy}.csv"`);
    return quarterlyToCsv(rows);
  }
}

function currentFinancialYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= '04-01' ? year : year - 1;
}
