import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GatewayClient } from '../gateway/gateway.client';
import { ApiRejectedError } from '../gateway/gateway.errors';
import { todayInLondon } from '../reviews/review-view';
import { requireRole } from '../web/access';
import { readReportPeriod, SWAP_GROUPINGS, SwapGrouping } from './knife-swaps/report-period';
import { pick } from './vru-view';

/** Aggregates only, no person named: what the APIs allow (knife-swaps and tag-referrals report routes). */
export const VRU_REPORT_READERS = ['VRU_COORDINATOR', 'VRU_MANAGER', 'AUDITOR'];

interface SwapTotals {
  swaps: number;
  knivesRemoved: number;
  kitsIssued: number;
}
interface SwapReport {
  from: string;
  to: string;
  groupBy: SwapGrouping;
  groups: (SwapTotals & { key: string })[];
  total: SwapTotals;
}

/**
 * The VRU's report pages: the knife swaps report (swaps and knives removed by period, district, reason, agency and
 * month; the running total; kit stock by store; custody exceptions; CSV) and the tag-referrals board report (CSV).
 * The period is in the query string (dates only, nothing personal), so a report's URL can be shared.
 */
@Controller('vru/reports')
export class VruReportsController {
  constructor(private readonly gateway: GatewayClient) {}

  @Get()
  index(@Req() req: Request, @Res() res: Response) {
    requireRole(req, ...VRU_REPORT_READERS);
    res.redirect(303, '/vru/reports/knife-swaps');
  }

  @Get('knife-swaps')
  async knifeSwaps(@Req() req: Request, @Res() res: Response, @Query() q: Record<string, string>) {
    requireRole(req, ...VRU_REPORT_READERS);
    const today = todayInLondon();
    const period = readReportPeriod(q, today);
    const base = { title: 'Knife swaps report', nav: 'knife-swaps', from: period.from, to: period.to };
    if (!period.ok) return res.status(400).render('vru/reports/knife-swaps', { ...base, ...period.failure });
    const { from, to } = period;
    if (q.format === 'csv') {
      const groupBy = pick(q.groupBy, SWAP_GROUPINGS) ?? 'district';
      const csv = await this.gateway.get<string>(req, '/knife-swaps/reports/swaps.csv', {
        query: { from, to, groupBy },
        accept: 'text/csv',
      });
      return sendCsv(res, `knife-swaps-by-${groupBy}-${from}-to-${to}.csv`, csv);
    }
    try {
      const [byDistrict, byReason, byAgency, byMonth, runningTotal, stock, exceptions] = await Promise.all([
        ...SWAP_GROUPINGS.map((groupBy) =>
          this.gateway.get<SwapReport>(req, '/knife-swaps/reports/swaps', { query: { from, to, groupBy } }),
        ),
        this.gateway.get<{ statement: string; swaps: number; knivesRemoved: number; asOf: string }>(
          req,
          '/knife-swaps/reports/running-total',
        ),
        this.gateway.get<Record<string, unknown>[]>(req, '/knife-swaps/reports/stock'),
        this.gateway.get<Record<string, unknown>[]>(req, '/knife-swaps/reports/custody-exceptions'),
      ]);
      const byMonthReport = byMonth as SwapReport;
      const chartMax = Math.max(1, ...byMonthReport.groups.map((g) => g.knivesRemoved));
      const csvHref = (groupBy: SwapGrouping) =>
        `/vru/reports/knife-swaps?${new URLSearchParams({ from, to, groupBy, format: 'csv' })}`;
      res.render('vru/reports/knife-swaps', {
        ...base,
        from,
        to,
        sections: [
          { key: 'district', title: 'By district', report: byDistrict },
          { key: 'reason', title: 'By referral reason', report: byReason },
          { key: 'agency', title: 'By referring agency', report: byAgency },
          { key: 'month', title: 'By month of the swap', report: byMonthReport },
        ].map((s) => ({ ...s, csvHref: csvHref(s.key as SwapGrouping) })),
        total: (byDistrict as SwapReport).total,
        chartRows: byMonthReport.groups.map((g) => ({ label: g.key, value: g.knivesRemoved })),
        chartMax,
        runningTotal,
        stock,
        exceptions,
      });
    } catch (err) {
      if (!(err instanceof ApiRejectedError)) throw err;
      return res.status(400).render('vru/reports/knife-swaps', {
        ...base,
        errorList: [{ text: err.message, href: '#from' }],
        errors: { from: err.fields[0]?.problems.join('. ') ?? err.message },
      });
    }
  }

  @Get('tag-referrals')
  async tagReferrals(@Req() req: Request, @Res() res: Response, @Query() q: Record<string, string>) {
    requireRole(req, ...VRU_REPORT_READERS);
    const today = todayInLondon();
    const period = readReportPeriod(q, today);
    const base = {
      title: 'Tag referrals board report',
      nav: 'tag-referrals',
      from: period.from,
      to: period.to,
    };
    if (!period.ok)
      return res.status(400).render('vru/reports/tag-referrals', { ...base, ...period.failure });
    const { from, to } = period;
    if (q.format === 'csv') {
      const csv = await this.gateway.get<string>(req, '/tag-referrals/reports/board.csv', {
        query: { from, to },
        accept: 'text/csv',
      });
      return sendCsv(res, `tag-referrals-board-${from}-to-${to}.csv`, csv);
    }
    try {
      const board = await this.gateway.get<Record<string, unknown>>(req, '/tag-referrals/reports/board', {
        query: { from, to },
      });
      res.render('vru/reports/tag-referrals', {
        ...base,
        from,
        to,
        board,
        csvHref: `/vru/reports/tag-referrals?${new URLSearchParams({ from, to, format: 'csv' })}`,
      });
    } catch (err) {
      if (!(err instanceof ApiRejectedError)) throw err;
      return res.status(400).render('vru/reports/tag-referrals', {
        ...base,
        errorList: [{ text: err.message, href: '#from' }],
        errors: { from: err.fields[0]?.problems.join('. ') ?? err.message },
      });
    }
  }
}

function sendCsv(res: Response, filename: string, csv: string) {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  return res.send(csv);
}
