import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GatewayClient } from '../gateway/gateway.client';
import { ApiRejectedError } from '../gateway/gateway.errors';
import { todayInLondon } from '../reviews/review-view';
import { hasRole, requireRole } from '../web/access';
import { paginationFor, readListState, sortAndPage, sortHeaders } from '../web/list';
import {
  Consent,
  pick,
  POOLS,
  REFERRAL_READERS,
  RISK_LEVELS,
  riskRank,
  statusColour,
  TAG_REFERRAL_STATUSES,
  tagReferralActions,
  VRU_STAFF,
} from './vru-view';

interface ReferralListItem extends Record<string, unknown> {
  id: string;
  reference: string;
  status: string;
  pool: string;
  riskLevel: string;
  receivedAt: string;
}

interface TagReferral {
  id: string;
  reference: string;
  status: string;
  requiredConsents?: string[];
  consents?: Consent[];
  decisions?: { action: string; actor: string; reason: string | null; at: string }[];
}

const TRIAGE_DECISIONS = ['ACCEPT', 'DECLINE', 'REQUEST_INFO'] as const;
const CONSENT_METHODS = ['SIGNED_FORM', 'VERBAL_WITNESSED', 'ELECTRONIC'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Voluntary tag referrals (apps/tag-referrals through the gateway): the list for partner referrers and VRU staff,
 * the referral page with triage and consent, and the pool and stock view.
 */
@Controller('vru')
export class TagReferralsController {
  constructor(private readonly gateway: GatewayClient) {}

  @Get('tag-referrals')
  async list(@Req() req: Request, @Res() res: Response, @Query() q: Record<string, string>) {
    requireRole(req, ...REFERRAL_READERS);
    const status = pick(q.status, TAG_REFERRAL_STATUSES);
    const pool = pick(q.pool, POOLS);
    const risk = pick(q.risk, RISK_LEVELS);
    // The API filters by status (up to 200, newest first); pool and risk are filtered, then sorted and paged, here.
    const items = await this.gateway.get<ReferralListItem[]>(req, '/tag-referrals/referrals', {
      query: { status, limit: 200 },
    });
    const state = readListState(q, ['reference', 'status', 'pool', 'risk', 'receivedAt'], {
      sort: 'receivedAt',
      order: 'desc',
    });
    const filtered = items
      .filter((r) => (!pool || r.pool === pool) && (!risk || r.riskLevel === risk))
      .map((r) => ({ ...r, risk: riskRank(r.riskLevel), statusColour: statusColour(r.status) }));
    const { rows, total, pages, page } = sortAndPage(filtered, state);
    const base = '/vru/tag-referrals';
    const query = { status, pool, risk, sort: state.sort, order: state.order };
    res.render('vru/tag-referrals', {
      title: 'Tag referrals',
      rows,
      total,
      truncated: items.length >= 200,
      filters: { status, pool, risk },
      statuses: TAG_REFERRAL_STATUSES,
      pools: POOLS,
      risks: RISK_LEVELS,
      head: sortHeaders(base, query, state, [
        { key: 'reference', text: 'Reference' },
        { key: 'status', text: 'Status' },
        { key: 'pool', text: 'Pool' },
        { key: 'risk', text: 'Risk' },
        { text: 'Referred by' },
        { key: 'receivedAt', text: 'Received' },
      ]),
      pagination: pages > 1 ? paginationFor(base, query, page, pages) : undefined,
    });
  }

  @Get('tag-referrals/:id')
  async referral(@Req() req: Request, @Res() res: Response, @Param('id', new ParseUUIDPipe()) id: string) {
    requireRole(req, ...REFERRAL_READERS);
    await this.render(req, res, id);
  }

  @Post('tag-referrals/:id/triage')
  async triage(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Record<string, string>,
  ) {
    requireRole(req, 'VRU_COORDINATOR');
    const decision = pick(body.decision, TRIAGE_DECISIONS);
    const reason = body.reason?.trim();
    if (!decision) return this.refuse(req, res, id, 'triage', body, 'Choose a decision', '#decision');
    if (decision !== 'ACCEPT' && !reason)
      return this.refuse(
        req,
        res,
        id,
        'triage',
        body,
        'Give the reason for declining or asking for information',
        '#reason',
      );
    return this.act(
      req,
      res,
      id,
      'triage',
      body,
      { decision, ...(reason ? { reason } : {}) },
      {
        ACCEPT: 'Referral accepted: consent is now needed',
        DECLINE: 'Referral declined; the referrer is told',
        REQUEST_INFO: 'More information asked of the referrer',
      }[decision],
    );
  }

  @Post('tag-referrals/:id/consent')
  async consent(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Record<string, string>,
  ) {
    requireRole(req, 'VRU_COORDINATOR', 'VRU_PRACTITIONER');
    const givenOn = (body.givenOn ?? '').trim();
    const problems: { text: string; href: string }[] = [];
    if (!['SUBJECT', 'GUARDIAN'].includes(body.party))
      problems.push({ text: 'Choose whose consent this is', href: '#party' });
    if (!body.givenBy?.trim())
      problems.push({ text: 'Enter the name of the person who gave consent', href: '#givenBy' });
    if (!CONSENT_METHODS.includes(body.method))
      problems.push({ text: 'Choose how consent was given', href: '#method' });
    if (!body.informationVersion?.trim())
      problems.push({
        text: 'Enter the version of the information sheet given',
        href: '#informationVersion',
      });
    if (!ISO_DATE.test(givenOn))
      problems.push({ text: 'Enter the date consent was given', href: '#givenOn' });
    if (problems.length)
      return this.render(req, res, id, { action: 'consent', values: body, errorList: problems, status: 400 });
    return this.act(
      req,
      res,
      id,
      'consent',
      body,
      {
        party: body.party,
        givenBy: body.givenBy.trim(),
        method: body.method,
        informationVersion: body.informationVersion.trim(),
        givenOn,
      },
      'Consent recorded',
    );
  }

  /** Tag pools and consumables; the waiting list for coordinators and managers (who allocate). */
  @Get('stock')
  async stock(@Req() req: Request, @Res() res: Response) {
    requireRole(req, ...VRU_STAFF);
    const seesWaiting = hasRole(req, 'VRU_COORDINATOR', 'VRU_MANAGER');
    const [pools, stores, waiting] = await Promise.all([
      this.gateway.get<{
        pools: PoolView[];
        consumables: { kind: string; size: string | null; quantity: number }[];
      }>(req, '/tag-referrals/pools'),
      this.gateway.get<StoreView[]>(req, '/knife-swaps/stores'),
      seesWaiting
        ? this.gateway.get<Record<string, unknown>[]>(req, '/tag-referrals/waiting-list')
        : Promise.resolve(undefined),
    ]);
    res.render('vru/stock', {
      title: 'Tags and knife kits in stock',
      pools: pools.pools,
      consumables: pools.consumables,
      stores,
      waiting,
    });
  }

  private async act(
    req: Request,
    res: Response,
    id: string,
    action: string,
    body: Record<string, string>,
    payload: unknown,
    done: string,
  ) {
    try {
      await this.gateway.post(
        req,
        `/tag-referrals/referrals/${id}/${action === 'consent' ? 'consents' : action}`,
        payload,
      );
      req.session.flash = { kind: 'success', text: done };
      return req.session.save(() => res.redirect(303, `/vru/tag-referrals/${id}`));
    } catch (err) {
      if (!(err instanceof ApiRejectedError)) throw err;
      return this.refuse(req, res, id, action, body, err.message, `#${action}`);
    }
  }

  private refuse(
    req: Request,
    res: Response,
    id: string,
    action: string,
    body: Record<string, string>,
    text: string,
    href: string,
  ) {
    return this.render(req, res, id, { action, values: body, errorList: [{ text, href }], status: 400 });
  }

  private async render(
    req: Request,
    res: Response,
    id: string,
    failed?: {
      action: string;
      values: Record<string, string>;
      errorList: { text: string; href: string }[];
      status: number;
    },
  ) {
    const referral = await this.gateway.get<TagReferral>(req, `/tag-referrals/referrals/${id}`);
    const values = { ...(failed?.values ?? {}) };
    delete values._csrf;
    res.status(failed?.status ?? 200).render('vru/tag-referral', {
      title: `Tag referral ${referral.reference}`,
      referral,
      statusColour: statusColour(referral.status),
      actions: tagReferralActions(req.session.user?.roles ?? [], referral),
      timelineEntries: (referral.decisions ?? [])
        .map((d) => ({ action: d.action, actor: d.actor, reason: d.reason, occurredAt: d.at }))
        .reverse(),
      today: todayInLondon(),
      consentMethods: CONSENT_METHODS,
      failed: failed ? { ...failed, values } : undefined,
      errorList: failed?.errorList,
    });
  }
}

interface PoolView {
  code: string;
  name: string;
  capacity: number;
  inUse: number;
  free: number;
  waiting: number;
  tags: Record<string, number>;
}
interface StoreView {
  id: string;
  name: string;
  district: string;
  reorderLevel: number;
  stock: Record<string, number>;
  belowReorderLevel: string[];
}
