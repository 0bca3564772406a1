import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GatewayClient } from '../gateway/gateway.client';
import { ApiRejectedError } from '../gateway/gateway.errors';
import { requireRole } from '../web/access';
import { listPage } from '../web/list';

const CJ_OPS = ['CJ_OPS_OFFICER', 'CJ_OPS_SUPERVISOR'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** CJ Operations: the community-resolution review queue (bulk "compliant") and the caution ledger. */
@Controller('oocr')
export class OocrController {
  constructor(private readonly gateway: GatewayClient) {}

  @Get('reviews')
  async reviews(@Req() req: Request, @Res() res: Response, @Query() q: Record<string, string>) {
    requireRole(req, ...CJ_OPS);
    const assignedTo = ['me', 'unassigned'].includes(q.assignedTo) ? q.assignedTo : undefined;
    const items = await this.gateway.get<Record<string, unknown>[]>(req, '/oocr/reviews', {
      query: { status: 'OPEN', assignedTo, limit: 200 },
    });
    const { rows, total, head, pagination } = listPage(q, items, {
      base: '/oocr/reviews',
      filters: { assignedTo },
      columns: [
        { text: 'Select' },
        { key: 'reference', text: 'Reference' },
        { key: 'status', text: 'Status' },
        { key: 'issueDate', text: 'Issued' },
        { key: 'dueOn', text: 'Review due' },
        { text: 'Assigned to' },
      ],
      defaults: { sort: 'dueOn', order: 'asc' },
    });
    res.render('oocr/reviews', {
      title: 'Community resolutions to review',
      rows,
      total,
      assignedTo,
      head,
      pagination,
    });
  }

  @Post('reviews/bulk-compliant')
  async bulkCompliant(
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: { reviewIds?: string | string[] },
  ) {
    requireRole(req, ...CJ_OPS);
    const ids = (
      Array.isArray(body.reviewIds) ? body.reviewIds : body.reviewIds ? [body.reviewIds] : []
    ).filter((id) => UUID.test(id));
    if (!ids.length) {
      req.session.flash = { kind: 'info', text: 'Select at least one community resolution first' };
      return req.session.save(() => res.redirect(303, '/oocr/reviews'));
    }
    try {
      await this.gateway.post(req, '/oocr/reviews/bulk', { reviewIds: ids, action: 'COMPLIANT' });
      req.session.flash = { kind: 'success', text: `${ids.length} marked compliant` };
    } catch (err) {
      if (!(err instanceof ApiRejectedError)) throw err;
      req.session.flash = { kind: 'info', text: `Nothing was changed: ${err.message}` };
    }
    req.session.save(() => res.redirect(303, '/oocr/reviews'));
  }

  @Get('cautions')
  async cautions(@Req() req: Request, @Res() res: Response, @Query() q: Record<string, string>) {
    requireRole(req, ...CJ_OPS);
    const items = await this.gateway.get<Record<string, unknown>[]>(req, '/oocr/cautions', {
      query: { limit: 200 },
    });
    const { rows, total, head, pagination } = listPage(q, items, {
      base: '/oocr/cautions',
      columns: [
        { key: 'reference', text: 'Reference' },
        { text: 'Type' },
        { key: 'status', text: 'Status' },
        { key: 'issueDate', text: 'Issued' },
        { key: 'completionDueDate', text: 'Conditions due by' },
        { text: 'Prosecution time limit' },
      ],
      defaults: { sort: 'completionDueDate', order: 'asc' },
    });
    res.render('oocr/cautions', {
      title: 'Conditional cautions',
      rows,
      total,
      head,
      pagination,
    });
  }

  /** Supervisors: the Scrutiny Panel's disproportionality report (rates per 1,000 residents by group). */
  @Get('scrutiny')
  async scrutiny(@Req() req: Request, @Res() res: Response, @Query() q: Record<string, string>) {
    requireRole(req, 'CJ_OPS_SUPERVISOR');
    const year = new Date().getUTCFullYear();
    const from = ISO.test(q.from ?? '') ? q.from : `${year}-01-01`;
    const to = ISO.test(q.to ?? '') ? q.to : `${year}-12-31`;
    const report = await this.gateway.get<DisproportionalityReport>(req, '/oocr/reports/disproportionality', {
      query: { from, to },
    });
    const dimensions = (['ethnicity', 'gender', 'ageGroup'] as const).map((key) => {
      const d = report[key];
      const rows = d.groups.map((g) => ({
        label: g.group.replace(/_/g, ' ').toLowerCase(),
        value: g.ratePer1000 === null ? 0 : Math.round(g.ratePer1000 * 1000) / 1000,
        compare: d.referenceRatePer1000,
        group: g,
      }));
      return {
        key,
        title: { ethnicity: 'Ethnicity', gender: 'Sex', ageGroup: 'Age group' }[key],
        reference: d.referenceGroup,
        rows,
        max: Math.max(...rows.map((r) => r.value), d.referenceRatePer1000 ?? 0, 0.001),
      };
    });
    res.render('oocr/scrutiny', {
      title: 'Scrutiny Panel: disproportionality',
      from,
      to,
      report,
      dimensions,
    });
  }
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

interface DisproportionalityReport {
  period: { from: string; to: string };
  baselineNote: string;
  ethnicity: Dimension;
  gender: Dimension;
  ageGroup: Dimension;
}
interface Dimension {
  referenceGroup: string;
  referenceRatePer1000: number | null;
  groups: {
    group: string;
    count: number;
    population: number | null;
    ratePer1000: number | null;
    ratioToReference: number | null;
  }[];
}
