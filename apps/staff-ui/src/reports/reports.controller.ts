import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GatewayClient } from '../gateway/gateway.client';
import { requireRole } from '../web/access';

const STAFF = ['OPCC_REVIEWER', 'OPCC_MANAGER'];
const ISO = /^\d{4}-\d{2}-\d{2}$/;

interface Summary {
  period: { from: string; to: string; team: string | null };
  counts: Record<string, number>;
  upheldRate: number | null;
  daysToComplete: {
    calendar: { mean: number | null; median: number | null };
    working: { mean: number | null; median: number | null };
    benchmarks: { mostSimilarGroupCalendarDays: number; nationalCalendarDays: number };
  };
  sla: Record<string, number | null>;
  backlog: Record<string, number | string | null>;
}

/** The OPCC manager's pages: workload by reviewer and the summary report (chart, table, CSV). */
@Controller('reviews')
export class ReportsController {
  constructor(private readonly gateway: GatewayClient) {}

  @Get('workload')
  async workload(@Req() req: Request, @Res() res: Response) {
    requireRole(req, 'OPCC_MANAGER');
    const rows = await this.gateway.get<Record<string, unknown>[]>(req, '/complaint-reviews/workload');
    res.render('reports/workload', { title: 'Workload by reviewer', rows });
  }

  @Get('reports')
  async summary(@Req() req: Request, @Res() res: Response, @Query() q: Record<string, string>) {
    requireRole(req, ...STAFF);
    const year = new Date().getUTCFullYear();
    const from = ISO.test(q.from ?? '') ? q.from : `${year}-01-01`;
    const to = ISO.test(q.to ?? '') ? q.to : `${year}-12-31`;
    const query = { from, to };
    if (q.format === 'csv') {
      const csv = await this.gateway.get<string>(req, '/complaint-reviews/reports/summary', {
        query: { ...query, format: 'csv' },
        accept: 'text/csv',
      });
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="review-summary-${from}-to-${to}.csv"`);
      return res.send(csv);
    }
    const s = await this.gateway.get<Summary>(req, '/complaint-reviews/reports/summary', { query });
    const b = s.daysToComplete.benchmarks;
    const ours = s.daysToComplete.calendar.mean;
    const chartRows = [
      { label: 'This OPCC (mean)', value: ours ?? 0 },
      { label: 'Most similar group', value: b.mostSimilarGroupCalendarDays },
      { label: 'National', value: b.nationalCalendarDays },
    ];
    res.render('reports/summary', {
      title: 'Review reports',
      s,
      from,
      to,
      chartRows,
      chartMax: Math.max(...chartRows.map((r) => r.value), 1),
      csvHref: `/reviews/reports?from=${from}&to=${to}&format=csv`,
    });
  }
}
