import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GatewayClient } from '../gateway/gateway.client';
import { ApiRejectedError } from '../gateway/gateway.errors';
import { todayInLondon } from '../reviews/review-view';
import { hasRole, requireRole } from '../web/access';
import { FailedForm, formValues, invalidForm, rejectedForm } from '../web/form-errors';
import { listPage } from '../web/list';
import {
  CONSENT_METHODS,
  COUNTS,
  DEFAULT_DAYS,
  EXTENDED_DAYS,
  INSPECTION_OUTCOMES,
  OUTCOME_POINTS,
  outcomePointText,
  REMOVAL_REASONS,
  STRAP_SIZES,
  TAG_FORMS,
  tagFormsOpen,
  withdrawersFor,
  YES_NO,
} from './tag-referrals/tag-forms';
import { LOCATION_VIEWERS } from './tag-referrals/location-request';
import { TagTask, TagTasksView } from './tag-referrals/tag-tasks';
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
  pool: string;
  tagSerial?: string | null;
  requiredConsents?: string[];
  consents?: Consent[];
  episode?: { tagSerial: string; fittedOn: string; plannedDays: number; plannedEnd: string } | null;
  decisions?: { action: string; actor: string; reason: string | null; at: string }[];
}

interface WaitingEntry {
  position: number;
  id: string;
  reference: string;
  pool: string;
}

/**
 * Voluntary tag referrals (apps/tag-referrals through the gateway): the list for partner referrers and VRU staff,
 * the referral page with triage and consent, and the pool and stock view.
 */
@Controller('vru')
export class TagReferralsController {
  private readonly tasks: TagTasksView;

  constructor(private readonly gateway: GatewayClient) {
    this.tasks = new TagTasksView(gateway);
  }

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
    const filtered = items
      .filter((r) => (!pool || r.pool === pool) && (!risk || r.riskLevel === risk))
      .map((r) => ({ ...r, risk: riskRank(r.riskLevel), statusColour: statusColour(r.status) }));
    const { rows, total, head, pagination } = listPage(q, filtered, {
      base: '/vru/tag-referrals',
      filters: { status, pool, risk },
      columns: [
        { key: 'reference', text: 'Reference' },
        { key: 'status', text: 'Status' },
        { key: 'pool', text: 'Pool' },
        { key: 'risk', text: 'Risk' },
        { text: 'Referred by' },
        { key: 'receivedAt', text: 'Received' },
      ],
      defaults: { sort: 'receivedAt', order: 'desc' },
    });
    res.render('vru/tag-referrals', {
      title: 'Tag referrals',
      seesTasks: hasRole(req, ...VRU_STAFF),
      rows,
      total,
      truncated: items.length >= 200,
      filters: { status, pool, risk },
      statuses: TAG_REFERRAL_STATUSES,
      pools: POOLS,
      risks: RISK_LEVELS,
      head,
      pagination,
    });
  }

  @Get('tag-referrals/:id')
  async referral(@Req() req: Request, @Res() res: Response, @Param('id', new ParseUUIDPipe()) id: string) {
    requireRole(req, ...REFERRAL_READERS);
    await this.render(req, res, id);
  }

  /**
   * The referral's forms (tag-referrals/tag-forms.ts): triage, consent, allocation, fitting, extension, removal,
   * inspection of the returned tag, withdrawal, outcomes. The role is checked first, then the page's own checks of
   * what was typed, then the API decides; a refusal comes back against the fields with the input kept.
   */
  @Post('tag-referrals/:id/:action')
  async act(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('action') action: string,
    @Body() body: Record<string, string>,
  ) {
    const form = Object.hasOwn(TAG_FORMS, action) ? TAG_FORMS[action] : undefined;
    if (!form) return res.status(404).render('errors/not-found');
    requireRole(req, ...form.roles);
    const values = formValues(body);
    const referral = form.readsReferral
      ? await this.gateway.get<TagReferral>(req, `/tag-referrals/referrals/${id}`)
      : undefined;
    const ctx = {
      id,
      roles: req.session.user?.roles ?? [],
      today: todayInLondon(),
      referral: referral ?? { status: 'UNKNOWN' },
    };
    const problems = form.check(values, ctx);
    if (problems.length) return this.render(req, res, id, invalidForm(action, body, problems), referral);
    const call = form.request(values, ctx);
    try {
      const result = await this.gateway.post<Record<string, unknown>>(req, call.path, call.body);
      req.session.flash = { kind: 'success', text: form.done(values, result ?? {}) };
      return req.session.save(() => res.redirect(303, `/vru/tag-referrals/${id}`));
    } catch (err) {
      if (!(err instanceof ApiRejectedError)) throw err;
      return this.render(req, res, id, rejectedForm(err, action, body, form.fields));
    }
  }

  /** Marks one of the episode's tasks done, back to the referral. */
  @Post('tag-referrals/:id/tasks/:taskId/done')
  async referralTaskDone(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('taskId', new ParseUUIDPipe()) taskId: string,
  ) {
    requireRole(req, ...VRU_STAFF);
    await this.tasks.complete(req, taskId);
    return req.session.save(() => res.redirect(303, `/vru/tag-referrals/${id}#tasks`));
  }

  /** The signed-in user's open tasks (assigned to them or to one of their roles), filtered, sorted and paged. */
  @Get('tasks')
  async myTasks(@Req() req: Request, @Res() res: Response, @Query() q: Record<string, string>) {
    requireRole(req, ...VRU_STAFF);
    res.render('vru/tag-tasks', { title: 'My tasks', ...(await this.tasks.list(req, q)) });
  }

  @Post('tasks/:taskId/done')
  async taskDone(
    @Req() req: Request,
    @Res() res: Response,
    @Param('taskId', new ParseUUIDPipe()) taskId: string,
  ) {
    requireRole(req, ...VRU_STAFF);
    await this.tasks.complete(req, taskId);
    return req.session.save(() => res.redirect(303, '/vru/tasks'));
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

  private async render(req: Request, res: Response, id: string, failed?: FailedForm, known?: TagReferral) {
    const referral = known ?? (await this.gateway.get<TagReferral>(req, `/tag-referrals/referrals/${id}`));
    const roles = req.session.user?.roles ?? [];
    const forms = tagFormsOpen(roles, referral);
    const [waiting, tasks] = await Promise.all([
      referral.status === 'AWAITING_DEVICE' && hasRole(req, ...VRU_STAFF)
        ? this.waitingFor(req, referral)
        : Promise.resolve(undefined),
      forms.tasks
        ? this.gateway.get<TagTask[]>(req, '/tag-referrals/tasks', {
            query: { referralId: id, state: 'open' },
          })
        : Promise.resolve(undefined),
    ]);
    res.status(failed?.status ?? 200).render('vru/tag-referral', {
      title: `Tag referral ${referral.reference}`,
      referral,
      statusColour: statusColour(referral.status),
      actions: tagReferralActions(roles, referral),
      forms,
      waiting,
      tasks,
      // Location fixes: to the roles that review them, with a reason asked on the next page (issue 11 item 7).
      seesLocations: hasRole(req, ...LOCATION_VIEWERS),
      timelineEntries: (referral.decisions ?? [])
        .map((d) => ({ action: d.action, actor: d.actor, reason: d.reason, occurredAt: d.at }))
        .reverse(),
      today: todayInLondon(),
      userName: req.session.user?.name,
      consentMethods: CONSENT_METHODS,
      strapSizes: STRAP_SIZES,
      removalReasons: REMOVAL_REASONS,
      inspectionOutcomes: INSPECTION_OUTCOMES,
      withdrawers: withdrawersFor(roles),
      outcomePoints: OUTCOME_POINTS.map((p) => ({ value: p, text: outcomePointText(p) })),
      outcomeCounts: COUNTS,
      outcomeYesNo: YES_NO,
      days: { default: DEFAULT_DAYS, extended: EXTENDED_DAYS },
      failed,
      errorList: failed?.errorList,
    });
  }

  /**
   * Where an accepted referral waiting for a tag stands: its pool's tags in use and, for those who allocate
   * (coordinators, managers), its place on the waiting list (risk, then date: domain.md 3.4.1).
   */
  private async waitingFor(req: Request, referral: TagReferral) {
    const seesList = hasRole(req, 'VRU_COORDINATOR', 'VRU_MANAGER');
    const [pools, list] = await Promise.all([
      this.gateway.get<{ pools: PoolView[] }>(req, '/tag-referrals/pools'),
      seesList
        ? this.gateway.get<WaitingEntry[]>(req, '/tag-referrals/waiting-list', {
            query: { pool: referral.pool },
          })
        : Promise.resolve(undefined),
    ]);
    const pool = pools.pools.find((p) => p.code === referral.pool);
    return {
      pool,
      full: pool ? pool.free <= 0 : false,
      position: list?.find((w) => w.id === referral.id)?.position,
      length: list?.length,
    };
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
