import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GatewayClient } from '../gateway/gateway.client';
import { ApiRejectedError } from '../gateway/gateway.errors';
import { requireRole } from '../web/access';
import { accessReasonProblem, reasonForHeader } from '../web/access-reason';
import { listHref } from '../web/list';

declare module 'express-session' {
  interface SessionData {
    /** Why the auditor is searching: asked before any result is shown, sent as X-Access-Reason. */
    auditReason?: string;
  }
}

const FILTERS = ['actor', 'recordType', 'recordId', 'dataSubjectId', 'from', 'to'] as const;
const PAGE = 50;

/**
 * Audit search. The reason is asked first and kept in the session (not the URL: it may name a person);
 * the filters are ids, user names and times, so they go in the query string.
 */
@Controller('audit')
export class AuditController {
  constructor(private readonly gateway: GatewayClient) {}

  @Get()
  async search(@Req() req: Request, @Res() res: Response, @Query() q: Record<string, string>) {
    requireRole(req, 'AUDITOR');
    if (!req.session.auditReason)
      return res.render('audit/reason', { title: 'Why are you searching the audit trail?', errors: {} });
    const filters: Record<string, string> = {};
    for (const f of FILTERS) if (typeof q[f] === 'string' && q[f].trim()) filters[f] = q[f].trim();
    let entries: Record<string, unknown>[] = [];
    let errorList: { text: string; href: string }[] | undefined;
    try {
      entries = await this.gateway.get(req, '/audit/entries', {
        query: { ...toApiTimes(filters), limit: PAGE + 1 },
        accessReason: req.session.auditReason,
      });
    } catch (err) {
      if (!(err instanceof ApiRejectedError)) throw err;
      errorList = [{ text: err.message, href: '#actor' }];
    }
    res.status(errorList ? 400 : 200).render('audit/search', {
      title: 'Audit trail',
      filters,
      reason: req.session.auditReason,
      entries: entries.slice(0, PAGE),
      errorList,
      // The trail is read newest first with a limit only: the next page is everything older than this one.
      older:
        entries.length > PAGE
          ? listHref('/audit', filters, { to: olderThan(String(entries[PAGE - 1].occurredAt)) })
          : undefined,
    });
  }

  @Post('reason')
  reason(@Req() req: Request, @Res() res: Response, @Body() body: { reason?: string }) {
    requireRole(req, 'AUDITOR');
    // Sent with every search as the X-Access-Reason header: on one line, typographic quotes made plain, Latin-1 only
    // (anything else would fail the call).
    const reason = reasonForHeader(body.reason);
    const problem = accessReasonProblem(reason, 'Enter a reason of 5 to 500 characters');
    if (problem) {
      return res.status(400).render('audit/reason', {
        title: 'Why are you searching the audit trail?',
        value: body.reason,
        errors: { reason: problem },
        errorList: [{ text: problem, href: '#reason' }],
      });
    }
    req.session.auditReason = reason;
    req.session.save(() => res.redirect(303, '/audit'));
  }

  @Post('reason/clear')
  clear(@Req() req: Request, @Res() res: Response) {
    requireRole(req, 'AUDITOR');
    delete req.session.auditReason;
    req.session.save(() => res.redirect(303, '/audit'));
  }
}

function olderThan(iso: string): string | undefined {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : new Date(t - 1).toISOString();
}

/** Dates typed as YYYY-MM-DD become the start (from) or end (to) of that day in UTC. */
function toApiTimes(f: Record<string, string>): Record<string, string> {
  const out = { ...f };
  if (/^\d{4}-\d{2}-\d{2}$/.test(out.from ?? '')) out.from = `${out.from}T00:00:00Z`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(out.to ?? '')) out.to = `${out.to}T23:59:59Z`;
  return out;
}
