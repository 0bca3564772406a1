import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GatewayClient } from '../gateway/gateway.client';
import { ApiRejectedError } from '../gateway/gateway.errors';
import { todayInLondon } from '../reviews/review-view';
import { requireRole } from '../web/access';
import { accessReasonProblem, reasonForHeader } from '../web/access-reason';
import { fieldErrors } from '../web/form-errors';
import { listPage } from '../web/list';
import {
  CUSTODY_ACTIONS,
  FAMILY_ENGAGEMENT,
  FOLLOW_UP_OUTCOMES,
  FormResult,
  KIT_TYPES,
  knifeSwapForms,
  list,
  readConsent,
  readCustodyStep,
  readDiscussion,
  readFollowUp,
  readSwap,
  SAFETY_ADVICE_ITEMS,
} from './knife-swaps/knife-swap-forms';
import { safeContactText } from './knife-swaps/safe-contact';
import { KNIFE_SWAP_STATUSES, pick, REFERRAL_READERS, statusColour } from './vru-view';

const DISTRICT = /^[a-z0-9-]{2,60}$/;

interface KnifeSwapReferral {
  id: string;
  reference: string;
  status: string;
  domesticAbuse: boolean;
  /** Domestic abuse only, to the roles that need it: the channel agreed with the victim as safe. */
  safeContact?: { channel: string | null; contact: string | null } | null;
  swap?: { custody?: { bagId: string; status: string } | null } | null;
}

type FormName = 'discussion' | 'eligibility' | 'consent' | 'swap' | 'followUp' | 'custody';

interface Failed {
  form: FormName;
  values: Record<string, unknown>;
  errors: Record<string, string>;
  errorList: { text: string; href: string }[];
}

/** Each form's fields as the API names them (its `violations[].field` and input `fields[].field`), in page order. */
const FORM_FIELDS: Record<FormName, string[]> = {
  discussion: ['heldOn', 'protectiveFactors', 'homeCircumstances', 'youngPerson', 'familyEngagement'],
  eligibility: ['decision', 'reason'],
  consent: ['given', 'allPointedKnives', 'householderName', 'recordedOn'],
  swap: ['swappedOn', 'storeId', 'kitType', 'kitQuantity', 'knivesSurrendered', 'safetyAdvice', 'bagNumber'],
  followUp: ['followedUpOn', 'outcome', 'notes'],
  custody: ['action', 'holder', 'certificateRef', 'note'],
};

/** The input ids of a form: `<form>-<field>` (several forms share a page, so ids carry the form's name). */
function fieldIds(form: FormName): Record<string, string> {
  return Object.fromEntries(FORM_FIELDS[form].map((f) => [f, `${form}-${f}`]));
}

/**
 * Safer Knife Replacement Scheme (apps/knife-swaps through the gateway): the referral list, the referral page with
 * the household, and the forms of the scheme's steps: pre-offer discussion and eligibility (coordinator), consent
 * and the swap (practitioner), follow-up (practitioner, coordinator) and the custody steps of the surrendered knives
 * (practitioner). A domestic-abuse referral asks the reader's reason first (kept in the session, never in a URL).
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
    const { rows, total, head, pagination } = listPage(
      q,
      items.map((r) => ({ ...r, statusColour: statusColour(String(r.status)) })),
      {
        base: '/vru/knife-swaps',
        filters: { status, district },
        columns: [
          { key: 'reference', text: 'Reference' },
          { key: 'status', text: 'Status' },
          { key: 'district', text: 'District' },
          { text: 'Reason' },
          { text: 'Referred by' },
          { key: 'referredOn', text: 'Referred' },
        ],
        defaults: { sort: 'referredOn', order: 'desc' },
      },
    );
    res.render('vru/knife-swaps', {
      title: 'Knife swap referrals',
      rows,
      total,
      truncated: items.length >= 200,
      filters: { status, district },
      statuses: KNIFE_SWAP_STATUSES,
      head,
      pagination,
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
    // Sent as the X-Access-Reason header: on one line, typographic quotes made plain, Latin-1 only (anything else
    // would fail the call).
    const reason = reasonForHeader(body.reason);
    const problem = accessReasonProblem(reason, 'Enter why you need this referral, in 5 to 500 characters');
    if (problem)
      return res.status(400).render('vru/access-reason', {
        title: 'Why are you opening this referral?',
        id,
        value: body.reason,
        errors: { reason: problem },
        errorList: [{ text: problem, href: '#reason' }],
      });
    // Only the last few referrals' reasons are kept: the session stays small.
    const kept = Object.entries(req.session.accessReasons ?? {}).slice(-9);
    req.session.accessReasons = Object.fromEntries([...kept, [id, reason]]);
    req.session.save(() => res.redirect(303, `/vru/knife-swaps/${id}`));
  }

  @Post(':id/discussion')
  discussion(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    requireRole(req, 'VRU_COORDINATOR');
    return this.act(
      req,
      res,
      id,
      'discussion',
      body,
      readDiscussion(body),
      'discussions',
      'Discussion recorded',
    );
  }

  @Post(':id/eligibility')
  eligibility(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    requireRole(req, 'VRU_COORDINATOR');
    const decision = pick(body.decision, ['ELIGIBLE', 'NOT_ELIGIBLE'] as const);
    const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
    const problems = [
      ...(decision ? [] : [{ field: 'decision', text: 'Choose whether the household is eligible' }]),
      ...(reason ? [] : [{ field: 'reason', text: 'Give the reason for the decision' }]),
    ];
    const read: FormResult<unknown> =
      decision && reason ? { ok: true, payload: { decision, reason } } : { ok: false, problems };
    return this.act(
      req,
      res,
      id,
      'eligibility',
      body,
      read,
      'eligibility',
      decision === 'ELIGIBLE' ? 'Household found eligible' : 'Household found not eligible',
    );
  }

  @Post(':id/consent')
  consent(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    requireRole(req, 'VRU_PRACTITIONER');
    const read = readConsent(body);
    const done = read.ok && !read.payload.given ? 'Refusal recorded' : 'Consent recorded';
    return this.act(req, res, id, 'consent', body, read, 'consent', done);
  }

  @Post(':id/swap')
  swap(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    requireRole(req, 'VRU_PRACTITIONER');
    return this.act(
      req,
      res,
      id,
      'swap',
      body,
      readSwap(body),
      'swap',
      'Swap recorded: the knives are sealed',
    );
  }

  @Post(':id/follow-up')
  followUp(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    requireRole(req, 'VRU_PRACTITIONER', 'VRU_COORDINATOR');
    return this.act(req, res, id, 'followUp', body, readFollowUp(body), 'follow-up', 'Follow-up recorded');
  }

  /** The next custody step of this referral's bag (the bag is the referral's own, read here, never posted). */
  @Post(':id/custody')
  async custody(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    requireRole(req, 'VRU_PRACTITIONER');
    const referral = await this.read(req, id);
    if (!referral) return this.askReason(res, id);
    const bag = referral.swap?.custody;
    const allowed = knifeSwapForms(req.session.user?.roles ?? [], referral).custodyActions;
    const read = readCustodyStep(body, allowed);
    const done = read.ok
      ? {
          TRANSFER: 'Custody step recorded: the knives have a new holder',
          HAND_FOR_DESTRUCTION: 'Custody step recorded: the knives are handed for destruction',
          DESTROY: 'Custody step recorded: the knives are destroyed',
        }[read.payload.action]
      : '';
    return this.act(req, res, id, 'custody', body, read, `custody:${bag?.bagId ?? ''}`, done);
  }

  /**
   * Sends a form's request; on success back to the referral with a message, on a refusal (the page's own checks or
   * the API's 4xx) the page again with the input kept and each problem against its field.
   */
  private async act(
    req: Request,
    res: Response,
    id: string,
    form: FormName,
    body: Record<string, unknown>,
    read: FormResult<unknown>,
    apiAction: string,
    done: string,
  ) {
    const ids = fieldIds(form);
    if (!read.ok) {
      const errors: Record<string, string> = {};
      for (const p of read.problems) errors[ids[p.field]] ??= p.text;
      const errorList = read.problems.map((p) => ({ text: p.text, href: `#${ids[p.field]}` }));
      return this.render(req, res, id, { form, values: body, errors, errorList });
    }
    try {
      const path = apiAction.startsWith('custody:')
        ? `/knife-swaps/custody/${apiAction.slice('custody:'.length)}/steps`
        : `/knife-swaps/referrals/${id}/${apiAction}`;
      await this.gateway.post(req, path, read.payload);
      req.session.flash = { kind: 'success', text: done };
      return req.session.save(() => res.redirect(303, `/vru/knife-swaps/${id}`));
    } catch (err) {
      if (!(err instanceof ApiRejectedError)) throw err;
      const { errors, errorList } = fieldErrors(err, ids);
      // A bag number already used is a 409 without a field: it belongs to the bag number.
      if (form === 'swap' && err.status === 409 && !err.fields.length) {
        errors[ids.bagNumber] = err.message;
        errorList.splice(0, errorList.length, { text: err.message, href: `#${ids.bagNumber}` });
      }
      return this.render(req, res, id, { form, values: body, errors, errorList });
    }
  }

  /** The referral, or undefined when it is a domestic-abuse case and no reason is held for it yet. */
  private async read(req: Request, id: string): Promise<KnifeSwapReferral | undefined> {
    // A domestic-abuse referral needs a reason for every read: the service refuses without one, and the user is
    // asked for it first (kept in the session for this referral only, never in the URL).
    const accessReason = req.session.accessReasons?.[id];
    try {
      return await this.gateway.get<KnifeSwapReferral>(req, `/knife-swaps/referrals/${id}`, { accessReason });
    } catch (err) {
      if (err instanceof ApiRejectedError && err.fields.some((f) => f.field === 'x-access-reason'))
        return undefined;
      throw err;
    }
  }

  private askReason(res: Response, id: string) {
    return res.render('vru/access-reason', { title: 'Why are you opening this referral?', id, errors: {} });
  }

  private async render(req: Request, res: Response, id: string, failed?: Failed) {
    const referral = await this.read(req, id);
    if (!referral) return this.askReason(res, id);
    const roles = req.session.user?.roles ?? [];
    const forms = knifeSwapForms(roles, referral);
    const stores = forms.swap
      ? await this.gateway.get<{ id: string; name: string; stock: Record<string, number> }[]>(
          req,
          '/knife-swaps/stores',
        )
      : [];
    const values: Record<string, unknown> = { ...(failed?.values ?? {}) };
    delete values._csrf;
    const ticked = list(values.safetyAdvice);
    res.status(failed ? 400 : 200).render('vru/knife-swap', {
      title: `Knife swap referral ${referral.reference}`,
      referral,
      statusColour: statusColour(referral.status),
      // The channel agreed with the victim as safe: only as the API gives it, only to the roles whose job needs it.
      safeContact: safeContactText(roles, referral),
      forms,
      anyForm: forms.discussion || forms.eligibility || forms.consent || forms.swap || forms.followUp,
      today: todayInLondon(),
      stores,
      lists: {
        familyEngagement: FAMILY_ENGAGEMENT,
        kitTypes: KIT_TYPES,
        safetyAdvice: SAFETY_ADVICE_ITEMS,
        followUpOutcomes: FOLLOW_UP_OUTCOMES,
        custodyActions: CUSTODY_ACTIONS,
      },
      // Each form shows its own input and errors only when it was the one sent.
      failed: failed ? { ...failed, values, safetyAdvice: ticked } : undefined,
      errorList: failed?.errorList,
    });
  }
}
