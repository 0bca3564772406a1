import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GatewayClient } from '../gateway/gateway.client';
import { ApiRejectedError } from '../gateway/gateway.errors';
import { hasRole, requireRole } from '../web/access';
import { listPage } from '../web/list';
import { FailedForm, fieldErrors, formValues, rejectedForm } from '../web/form-errors';
import { buildIntake, INTAKE_DEFAULTS, IntakeForm } from './intake-form';
import {
  describeDaysLeft,
  QUEUES,
  ReviewListItem,
  statusColour,
  todayInLondon,
  workingDaysLeft,
} from './review-view';

const STAFF = ['OPCC_REVIEWER', 'OPCC_MANAGER'];
const STATUSES = ['RECEIVED', 'UNDER_REVIEW', 'PASSED_TO_IOPC', 'DECIDED', 'WITHDRAWN', 'CLOSED'];
const STOP_REASONS = [
  'AWAITING_PSD_FILE',
  'AWAITING_COMPLAINANT',
  'AWAITING_THIRD_PARTY',
  'AWAITING_IOPC',
  'OTHER',
];
const OUTCOMES = ['UPHELD', 'NOT_UPHELD', 'NOT_UPHELD_WITH_FEEDBACK'];
const RECOMMENDATION_KINDS = ['APOLOGY', 'FURTHER_STEPS_TO_RESOLVE', 'LEARNING', 'PROCESS_CHANGE', 'OTHER'];

/** The OPCC reviewer's pages: queues, the case page and its actions, intake of a new application. */
@Controller('reviews')
export class ReviewsController {
  constructor(private readonly gateway: GatewayClient) {}

  @Get()
  async queue(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, string>) {
    requireRole(req, ...STAFF);
    const view = QUEUES.some((q) => q.view === query.view) ? query.view : 'mine';
    const status = STATUSES.includes(query.status) ? query.status : undefined;
    // The API returns a queue nearest deadline first, up to 200; sorting and paging of that set happen here.
    const items = await this.gateway.get<ReviewListItem[]>(req, '/complaint-reviews/applications', {
      query: { view, status, limit: 200 },
    });
    const today = todayInLondon();
    const { rows, total, head, pagination } = listPage(query, items, {
      base: '/reviews',
      filters: { view, status },
      columns: [
        { key: 'reference', text: 'Reference' },
        { key: 'status', text: 'Status' },
        { text: 'Team' },
        { key: 'receivedOn', text: 'Received' },
        { text: 'Assigned to' },
        { key: 'nextDeadline', text: 'Nearest deadline' },
      ],
      defaults: { sort: 'nextDeadline', order: 'asc' },
    });
    res.render('reviews/queue', {
      title: QUEUES.find((x) => x.view === view)!.text,
      queues: QUEUES.map((x) => ({ ...x, href: `/reviews?view=${x.view}`, active: x.view === view })),
      view,
      status,
      statuses: STATUSES,
      total,
      truncated: items.length >= 200,
      head,
      rows: rows.map((r) => ({
        ...r,
        statusColour: statusColour(r.status),
        daysLeft: describeDaysLeft(workingDaysLeft(r.nextDeadline, today)),
      })),
      pagination,
    });
  }

  @Get('new')
  newForm(@Req() req: Request, @Res() res: Response) {
    requireRole(req, ...STAFF);
    res.render('reviews/new', { title: 'Record a review application', values: INTAKE_DEFAULTS, errors: {} });
  }

  @Post('new')
  async create(@Req() req: Request, @Res() res: Response, @Body() body: IntakeForm) {
    requireRole(req, ...STAFF);
    const values = {
      ...INTAKE_DEFAULTS,
      ...formValues(body),
    } as IntakeForm;
    try {
      const created = await this.gateway.post<{ id: string; reference: string }>(
        req,
        '/complaint-reviews/applications',
        buildIntake(values),
      );
      req.session.flash = { kind: 'success', text: `Application ${created.reference} recorded` };
      return req.session.save(() => res.redirect(303, `/reviews/${created.id}`));
    } catch (err) {
      if (!(err instanceof ApiRejectedError)) throw err;
      // The form comes back with what was typed and each API problem against its field.
      const { errors, errorList } = fieldErrors(err, INTAKE_FIELD_IDS);
      return res
        .status(400)
        .render('reviews/new', { title: 'Record a review application', values, errors, errorList });
    }
  }

  @Get(':id')
  async casePage(@Req() req: Request, @Res() res: Response, @Param('id', new ParseUUIDPipe()) id: string) {
    requireRole(req, ...STAFF);
    await this.renderCase(req, res, id);
  }

  @Post(':id/:action')
  async act(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('action') action: string,
    @Body() body: Record<string, string>,
  ) {
    requireRole(req, ...STAFF);
    const call = ACTIONS[action];
    if (!call) return res.status(404).render('errors/not-found');
    try {
      await this.gateway.post(req, `/complaint-reviews/applications/${id}/${call.path}`, call.body(body));
      req.session.flash = { kind: 'success', text: call.done };
      return req.session.save(() => res.redirect(303, `/reviews/${id}`));
    } catch (err) {
      if (!(err instanceof ApiRejectedError)) throw err;
      return this.renderCase(req, res, id, rejectedForm(err, action, body));
    }
  }

  private async renderCase(req: Request, res: Response, id: string, failed?: FailedForm) {
    const review = await this.gateway.get<ReviewCase>(req, `/complaint-reviews/applications/${id}`);
    const today = todayInLondon();
    const open = !['DECIDED', 'WITHDRAWN', 'CLOSED', 'PASSED_TO_IOPC'].includes(review.status);
    const completionStopped = (review.clockStops ?? []).some((s: { toDate?: string | null }) => !s.toDate);
    res.status(failed?.status ?? 200).render('reviews/case', {
      title: `Review ${review.reference}`,
      review,
      statusColour: statusColour(review.status),
      clocks: (review.clocks ?? []).map((c: { status: string; dueOn: string }) => ({
        ...c,
        colour: statusColour(c.status),
        daysLeft: c.status === 'RUNNING' ? describeDaysLeft(workingDaysLeft(c.dueOn, today)) : '',
      })),
      timelineEntries: [...(review.decisionLog ?? [])].reverse(),
      actions: {
        claim: open && !review.assignedTo,
        acknowledge: open && review.acknowledgementStatus === 'RUNNING',
        requestInformation: open && (review.assessment?.validity?.missing ?? []).length > 0,
        stopClock: open && !completionStopped,
        restartClock: open && completionStopped,
        decide: open && review.status === 'UNDER_REVIEW',
        manager: hasRole(req, 'OPCC_MANAGER'),
      },
      stopReasons: STOP_REASONS,
      outcomes: OUTCOMES,
      recommendationKinds: RECOMMENDATION_KINDS,
      failed,
      errorList: failed?.errorList,
    });
  }
}

/** The fields of the gateway's review view this page reads to decide what to show; the rest go to the template. */
interface ReviewCase {
  reference: string;
  status: string;
  assignedTo?: string | null;
  acknowledgementStatus?: string | null;
  clockStops?: { toDate?: string | null }[];
  clocks?: { status: string; dueOn: string }[];
  decisionLog?: unknown[];
  assessment?: { validity?: { missing?: unknown[] } } | null;
}

const INTAKE_FIELD_IDS: Record<string, string> = {
  receivedOn: 'receivedOn',
  channel: 'channel',
  forceComplaintReference: 'forceComplaintReference',
  complaintDate: 'complaintDate',
  handling: 'handling',
  outcomeInformationProvidedOn: 'outcomeInformationProvidedOn',
  grounds: 'grounds',
  'complainant.fullName': 'complainantName',
  'complainant.email': 'complainantEmail',
  'complainant.phone': 'complainantPhone',
  'complainant.postalAddress': 'complainantAddress',
  'complainant.contactPreference': 'contactPreference',
  appropriateAuthority: 'appropriateAuthority',
};

const ACTIONS: Record<string, { path: string; done: string; body: (b: Record<string, string>) => unknown }> =
  {
    claim: { path: 'assignment', done: 'You have claimed this review', body: () => ({}) },
    acknowledge: {
      path: 'acknowledgement',
      done: 'Acknowledgement recorded and letter requested',
      body: () => undefined,
    },
    'request-information': {
      path: 'information-request',
      done: 'Request for information sent; its clock has started',
      body: () => undefined,
    },
    'stop-clock': {
      path: 'clock-stop',
      done: 'The completion clock is stopped',
      body: (b) => ({ reason: b.reason, ...(b.note?.trim() ? { note: b.note.trim() } : {}) }),
    },
    'restart-clock': {
      path: 'clock-restart',
      done: 'The completion clock has restarted',
      body: () => undefined,
    },
    decision: {
      path: 'decision',
      done: 'Decision recorded',
      body: (b) => ({
        outcome: b.outcome,
        rationale: b.rationale,
        ...(b.feedbackToPsd?.trim() ? { feedbackToPsd: b.feedbackToPsd.trim() } : {}),
        ...(b.recommendationText?.trim()
          ? { recommendations: [{ kind: b.recommendationKind, text: b.recommendationText.trim() }] }
          : {}),
      }),
    },
  };
