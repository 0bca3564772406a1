import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GatewayClient } from '../gateway/gateway.client';
import { ApiRejectedError } from '../gateway/gateway.errors';
import { requireRole } from '../web/access';
import { paginationFor, readListState, sortAndPage, sortHeaders } from '../web/list';
import { KNIFE_SWAP_STATUSES, knifeSwapActions, pick, REFERRAL_READERS, statusColour } from './vru-view';

const DISTRICT = /^[a-z0-9-]{2,60}$/;

interface KnifeSwapReferral {
  id: string;
  reference: string;
  status: string;
  domesticAbuse: boolean;
}

/**
 * Safer Knife Replacement Scheme (apps/knife-swaps through the gateway): the referral list, the referral page with
 * the household, home discussion, eligibility, consent, the swap and the custody chain of the surrendered knives.
 */
@Controller('vru/knife-swaps')
export class KnifeSwapsController {
  constructor(private readonly gateway: GatewayClient) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @Query() q: Record<string, string>) {
    requireRole(req, ...REFERRAL_READERS);
    const status = pick(q.status, KNIFE_SWAP_STATUSES);
    const district = DISTRICT.test(q.district ?? '') ? q.district : undefined;
    // The API filters by status and district (up to 200, newest first); sorting and paging happen here.
    const items = await this.gateway.get<Record<string, unknown>[]>(req, '/knife-swaps/referrals', {
      query: { status, district, limit: 200 },
    });
    const state = readListState(q, ['reference', 'status', 'district', 'referredOn'], {
      sort: 'referredOn',
      order: 'desc',
    });
    const { rows, total, pages, page } = sortAndPage(
      items.map((r) => ({ ...r, statusColour: statusColour(String(r.status)) })),
      state,
    );
    const base = '/vru/knife-swaps';
    const query = { status, district, sort: state.sort, order: state.order };
    res.render('vru/knife-swaps', {
      title: 'Knife swap referrals',
      rows,
      total,
      truncated: items.length >= 200,
      filters: { status, district },
      statuses: KNIFE_SWAP_STATUSES,
      head: sortHeaders(base, query, state, [
        { key: 'reference', text: 'Reference' },
        { key: 'status', text: 'Status' },
        { key: 'district', text: 'District' },
        { text: 'Reason' },
        { text: 'Referred by' },
        { key: 'referredOn', text: 'Referred' },
      ]),
      pagination: pages > 1 ? paginationFor(base, query, page, pages) : undefined,
    });
  }

  @Get(':id')
  async referral(@Req() req: Request, @Res() res: Response, @Param('id', new ParseUUIDPipe()) id: string) {
    requireRole(req, ...REFERRAL_READERS);
    await this.render(req, res, id);
  }

  @Post(':id/reason')
  reason(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Record<string, string>,
  ) {
    requireRole(req, ...REFERRAL_READERS);
    const reason = (body.reason ?? '').trim();
    if (reason.length < 5 || reason.length > 500)
      return res.status(400).render('vru/access-reason', {
        title: 'Why are you opening this referral?',
        id,
        value: body.reason,
        errors: { reason: 'Enter why you need this referral, in 5 to 500 characters' },
        errorList: [{ text: 'Enter why you need this referral, in 5 to 500 characters', href: '#reason' }],
      });
    // Only the last few referrals' reasons are kept: the session stays small.
    const kept = Object.entries(req.session.accessReasons ?? {}).slice(-9);
    req.session.accessReasons = Object.fromEntries([...kept, [id, reason]]);
    req.session.save(() => res.redirect(303, `/vru/knife-swaps/${id}`));
  }

  @Post(':id/eligibility')
  async eligibility(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Record<string, string>,
  ) {
    requireRole(req, 'VRU_COORDINATOR');
    const decision = pick(body.decision, ['ELIGIBLE', 'NOT_ELIGIBLE'] as const);
    const reason = body.reason?.trim();
    const problems: { text: string; href: string }[] = [];
    if (!decision) problems.push({ text: 'Choose whether the household is eligible', href: '#decision' });
    if (!reason) problems.push({ text: 'Give the reason for the decision', href: '#reason' });
    if (!decision || !reason) return this.render(req, res, id, { values: body, errorList: problems });
    try {
      await this.gateway.post(req, `/knife-swaps/referrals/${id}/eligibility`, { decision, reason });
      req.session.flash = {
        kind: 'success',
        text: decision === 'ELIGIBLE' ? 'Household found eligible' : 'Household found not eligible',
      };
      return req.session.save(() => res.redirect(303, `/vru/knife-swaps/${id}`));
    } catch (err) {
      if (!(err instanceof ApiRejectedError)) throw err;
      return this.render(req, res, id, {
        values: body,
        errorList: [{ text: err.message, href: '#decision' }],
      });
    }
  }

  private async render(
    req: Request,
    res: Response,
    id: string,
    failed?: { values: Record<string, string>; errorList: { text: string; href: string }[] },
  ) {
    // A domestic-abuse referral needs a reason for every read: the service refuses without one, and the user is
    // asked for it first (kept in the session for this referral only, never in the URL).
    const accessReason = req.session.accessReasons?.[id];
    let referral: KnifeSwapReferral;
    try {
      referral = await this.gateway.get<KnifeSwapReferral>(req, `/knife-swaps/referrals/${id}`, {
        accessReason,
      });
    } catch (err) {
      if (err instanceof ApiRejectedError && err.fields.some((f) => f.field === 'x-access-reason'))
        return res.render('vru/access-reason', {
          title: 'Why are you opening this referral?',
          id,
          errors: {},
        });
      throw err;
    }
    const values = { ...(failed?.values ?? {}) };
    delete values._csrf;
    res.status(failed ? 400 : 200).render('vru/knife-swap', {
      title: `Knife swap referral ${referral.reference}`,
      referral,
      statusColour: statusColour(referral.status),
      actions: knifeSwapActions(req.session.user?.roles ?? [], referral),
      failed: failed ? { ...failed, values } : undefined,
      errorList: failed?.errorList,
    });
  }
}
