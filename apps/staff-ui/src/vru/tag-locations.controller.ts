import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GatewayClient } from '../gateway/gateway.client';
import { ApiRejectedError } from '../gateway/gateway.errors';
import { todayInLondon } from '../reviews/review-view';
import { hasRole, requireRole } from '../web/access';
import { fieldErrors, FormProblem } from '../web/form-errors';
import {
  LOCATION_API_FIELDS,
  LOCATION_EXPORTERS,
  LOCATION_MAX_DAYS,
  LOCATION_VIEWERS,
  LocationProblem,
  locationSourceText,
  locationReasonKey,
  readLocationPeriod,
  reasonProblem,
  recipientProblem,
} from './tag-referrals/location-request';
import { oneLine, reasonForHeader } from '../web/access-reason';

interface LocationFixes {
  referralId: string;
  reference: string;
  from: string;
  to: string;
  points: {
    recordedAt: string;
    latitude: number;
    longitude: number;
    accuracyMetres: number | null;
    source: string;
  }[];
}

interface PageState {
  from: string;
  to: string;
  reason?: string;
  recipient?: string;
  fixes?: LocationFixes;
  errors?: Record<string, string>;
  errorList?: FormProblem[];
}

/**
 * A tag episode's location fixes (issue 11 item 7), for the roles that review them (VRU practitioner and manager)
 * and only with a reason: the page asks the reason and the period first (the reason kept in the session for this
 * referral, never in a URL; the period is dates only), then lists the fixes the API returns. The manager may export
 * them as CSV to a named recipient (a disclosure). Every read and export is logged by the API with the reason.
 * Registered before TagReferralsController, whose `POST tag-referrals/:id/:action` would otherwise take these posts.
 */
@Controller('vru/tag-referrals/:id/locations')
export class TagLocationsController {
  constructor(private readonly gateway: GatewayClient) {}

  /** Without a reason held: the reason and period form. With one: the fixes of the period (yesterday and today by default). */
  @Get()
  async view(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() q: Record<string, string>,
  ) {
    requireRole(req, ...LOCATION_VIEWERS);
    const period = readLocationPeriod(q, todayInLondon());
    const reason = req.session.accessReasons?.[locationReasonKey(id)];
    if (!reason) return this.page(req, res, id, { from: period.from, to: period.to });
    if (period.problems.length) return this.page(req, res, id, { ...period, ...failure(period.problems) });
    try {
      const fixes = await this.gateway.get<LocationFixes>(req, `/tag-referrals/referrals/${id}/locations`, {
        query: { from: period.from, to: period.to },
        accessReason: reason,
      });
      return this.page(req, res, id, { from: period.from, to: period.to, fixes });
    } catch (err) {
      if (!(err instanceof ApiRejectedError)) throw err;
      return this.refused(req, res, id, err, { from: period.from, to: period.to });
    }
  }

  /** The reason (when none is held yet) and the period: checked here first, then the fixes page. */
  @Post()
  ask(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    requireRole(req, ...LOCATION_VIEWERS);
    const period = readLocationPeriod(body, todayInLondon());
    const held = req.session.accessReasons?.[locationReasonKey(id)];
    const reason = held && body.reason === undefined ? held : reasonForHeader(body.reason);
    const problems = [reasonProblem(reason), ...period.problems].filter((p): p is LocationProblem => !!p);
    if (problems.length)
      return this.page(req, res, id, {
        from: period.from,
        to: period.to,
        reason: typeof body.reason === 'string' ? body.reason : undefined,
        ...failure(problems),
      });
    this.keepReason(req, id, reason);
    const query = new URLSearchParams({ from: period.from, to: period.to });
    req.session.save(() => res.redirect(303, `/vru/tag-referrals/${id}/locations?${query}`));
  }

  /** The manager's CSV export to a named recipient: an attachment, never stored (no-store). */
  @Post('export')
  @HttpCode(200)
  async export(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    requireRole(req, ...LOCATION_EXPORTERS);
    const reason = req.session.accessReasons?.[locationReasonKey(id)];
    if (!reason) return res.redirect(303, `/vru/tag-referrals/${id}/locations`);
    const period = readLocationPeriod(body, todayInLondon());
    const recipient = oneLine(body.recipient);
    const problems = [recipientProblem(recipient), ...period.problems].filter(
      (p): p is LocationProblem => !!p,
    );
    const state = { from: period.from, to: period.to, recipient: String(body.recipient ?? '') };
    if (problems.length) return this.page(req, res, id, { ...state, ...failure(problems) });
    try {
      const csv = await this.gateway.get<string>(req, `/tag-referrals/referrals/${id}/locations.csv`, {
        query: { from: period.from, to: period.to, recipient },
        accept: 'text/csv',
        accessReason: reason,
      });
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="tag-locations-${period.from}-to-${period.to}.csv"`,
      );
      res.setHeader('Cache-Control', 'no-store');
      return res.send(csv);
    } catch (err) {
      if (!(err instanceof ApiRejectedError)) throw err;
      return this.refused(req, res, id, err, state);
    }
  }

  private keepReason(req: Request, id: string, reason: string) {
    // Only the last few reasons are kept (shared with the knife-swap reasons): the session stays small.
    const kept = Object.entries(req.session.accessReasons ?? {})
      .filter(([k]) => k !== locationReasonKey(id))
      .slice(-9);
    req.session.accessReasons = Object.fromEntries([...kept, [locationReasonKey(id), reason]]);
  }

  /** The API refused: its problems against the fields; a refused reason is forgotten, so it is asked again. */
  private refused(req: Request, res: Response, id: string, err: ApiRejectedError, state: PageState) {
    if (err.fields.some((f) => f.field === 'x-access-reason') && req.session.accessReasons)
      delete req.session.accessReasons[locationReasonKey(id)];
    const { errors, errorList } = fieldErrors(err, LOCATION_API_FIELDS, 'from');
    return this.page(req, res, id, { ...state, errors, errorList });
  }

  private page(req: Request, res: Response, id: string, state: PageState) {
    const reason = req.session.accessReasons?.[locationReasonKey(id)];
    res.status(state.errorList?.length ? 400 : 200).render('vru/tag-locations', {
      title: state.fixes ? `Location data of ${state.fixes.reference}` : 'Location data',
      id,
      heldReason: reason,
      exports: hasRole(req, ...LOCATION_EXPORTERS),
      maxDays: LOCATION_MAX_DAYS,
      ...state,
      // Coordinates as sent to 5 decimals (about a metre), so the column lines up; the source in words.
      rows: (state.fixes?.points ?? []).map((p) => ({
        ...p,
        latitude: p.latitude.toFixed(5),
        longitude: p.longitude.toFixed(5),
        source: locationSourceText(p.source),
      })),
      errors: state.errors ?? {},
    });
  }
}

function failure(problems: LocationProblem[]): { errors: Record<string, string>; errorList: FormProblem[] } {
  const errors: Record<string, string> = {};
  for (const p of problems) errors[p.id] ??= p.text;
  return { errors, errorList: problems.map((p) => ({ text: p.text, href: `#${p.id}` })) };
}
