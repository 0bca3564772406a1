import { Inject, Injectable } from '@nestjs/common';
import { AccessDeniedError, Principal, Role } from '@oversight/auth';
import { buildEvent, Processing, ReviewOutcome, Topics } from '@oversight/contracts';
import { ConflictError, NotFoundError, RuleViolationError, Violation } from '@oversight/domain-errors';
import { appendToOutbox } from '@oversight/messaging';
import { todayInLondon } from '@oversight/nest-platform';
import { currentCorrelationId } from '@oversight/observability';
import { addDays, isBefore } from '@oversight/oocr-rules';
import { Client as TemporalClient } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { userActor } from '../common/actor';
import { asDate, day } from '../common/dates';
import { deterministicUuid } from '../common/deterministic-id';
import { OocrSettings } from '../config/oocr-settings';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infrastructure/prisma.service';
import { REFERRAL_ACTIONS_COMPLETED_SIGNAL, referralWorkflowId } from '../workflows/referral.types';
import { AssignReviewDto, BulkReviewDto, ListReviewsQuery, ReviewOutcomeDto } from './dto/review.dto';

type Tx = Prisma.TransactionClient;
type ReviewRow = Prisma.ResolutionReviewGetPayload<{
  include: {
    disposal: {
      select: { reference: true; offenderId: true; issuingOfficerId: true; validationIssues: true };
    };
  };
}>;

/** Waiting for CJ Operations: the default queue. */
export const OPEN_STATUSES = ['PENDING', 'ACTIONS_DONE', 'ESCALATED'];
const DAY_MS = 86_400_000;

/**
 * The CJ Operations review of community resolutions (domain.md Part 1, 2.6.8): every new CR is queued; a reviewer
 * finds it compliant, refers it back to the issuing officer with required actions (followed up by a workflow with
 * reminders until done), or escalates it to a supervisor.
 */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly settings: OocrSettings,
    @Inject(TemporalClient) private readonly temporal: TemporalClient,
  ) {}

  /** The queue, oldest first, without personal data. */
  async list(q: ListReviewsQuery, principal: Principal) {
    const status = q.status ?? 'OPEN';
    const assignedTo = q.assignedTo === 'me' ? principal.subject : q.assignedTo;
    const rows = await this.prisma.resolutionReview.findMany({
      where: {
        status: status === 'OPEN' ? { in: OPEN_STATUSES } : status,
        ...(assignedTo === 'unassigned' ? { assignedTo: null } : assignedTo ? { assignedTo } : {}),
        ...(q.district ? { disposal: { district: q.district } } : {}),
        ...(q.disposalId ? { disposalId: q.disposalId } : {}),
      },
      include: {
        disposal: {
          select: {
            reference: true,
            district: true,
            issueDate: true,
            offenceCode: true,
            offenceGroup: true,
            issuingOfficerId: true,
            validationIssues: true,
            domesticAbuse: true,
            hateCrime: true,
          },
        },
        referrals: { where: { status: 'OPEN' }, select: { id: true, dueOn: true, remindersSent: true } },
      },
      orderBy: [{ queuedAt: 'asc' }, { id: 'asc' }],
      take: q.limit ?? 50,
      skip: q.offset ?? 0,
    });
    const now = Date.now();
    return rows.map((r) => ({
      id: r.id,
      disposalId: r.disposalId,
      reference: r.disposal.reference,
      status: r.status,
      queuedAt: r.queuedAt.toISOString(),
      ageDays: Math.floor((now - r.queuedAt.getTime()) / DAY_MS),
      assignedTo: r.assignedTo,
      version: r.version,
      district: r.disposal.district,
      issueDate: day(r.disposal.issueDate),
      offenceCode: r.disposal.offenceCode,
      offenceGroup: r.disposal.offenceGroup,
      issuingOfficerId: r.disposal.issuingOfficerId,
      flags: [
        ...(r.disposal.domesticAbuse ? ['DOMESTIC_ABUSE'] : []),
        ...(r.disposal.hateCrime ? ['HATE_CRIME'] : []),
      ],
      validationIssues: (r.disposal.validationIssues as Array<{ rule: string }>).map((v) => v.rule),
      openReferral: r.referrals[0]
        ? {
            id: r.referrals[0].id,
            dueOn: day(r.referrals[0].dueOn),
            remindersSent: r.referrals[0].remindersSent,
          }
        : null,
    }));
  }

  async assign(id: string, dto: AssignReviewDto, principal: Principal) {
    return this.prisma.$transaction(async (tx) => {
      const r = await this.lock(tx, id);
      this.assertAssignable(r, dto.assignee, principal);
      if (dto.expectedVersion !== undefined && dto.expectedVersion !== r.version) throw this.stale(r);
      await tx.resolutionReview.update({
        where: { id },
        data: { assignedTo: dto.assignee, assignedAt: new Date(), version: { increment: 1 } },
      });
      return { id, assignedTo: dto.assignee, version: r.version + 1 };
    });
  }

  async recordOutcome(id: string, dto: ReviewOutcomeDto, principal: Principal) {
    return this.prisma.$transaction(async (tx) => {
      const r = await this.lock(tx, id);
      if (dto.expectedVersion !== undefined && dto.expectedVersion !== r.version) throw this.stale(r);
      this.assertCanDecide(r, principal);
      const v: Violation[] = [];
      const notes = dto.notes?.trim();
      const issues = r.disposal.validationIssues as unknown[];
      if (dto.outcome === 'COMPLIANT' && issues.length && !notes)
        v.push({
          rule: 'OOCR_REVIEW_NOTES_REQUIRED',
          field: 'notes',
          message: `This resolution broke ${issues.length} rule(s) when it was issued: say why it is compliant, or refer it back.`,
        });
      if (dto.outcome === 'ESCALATE' && !notes)
        v.push({
          rule: 'OOCR_REVIEW_NOTES_REQUIRED',
          field: 'notes',
          message: 'Say why the resolution is escalated to a supervisor.',
        });
      if (dto.outcome === 'REFER_BACK' && !dto.requiredActions?.length)
        v.push({
          rule: 'OOCR_REFERRAL_ACTIONS_REQUIRED',
          field: 'requiredActions',
          message: 'List the actions the issuing officer must take.',
        });
      if (dto.outcome !== 'REFER_BACK' && (dto.requiredActions || dto.actionsDueOn))
        v.push({
          rule: 'OOCR_REFERRAL_ACTIONS_NOT_EXPECTED',
          field: 'requiredActions',
          message: 'Required actions go with REFER_BACK only.',
        });
      const today = todayInLondon();
      const dueOn = dto.actionsDueOn ?? addDays(today, this.settings.referral.dueDays);
      if (dto.outcome === 'REFER_BACK' && isBefore(dueOn, today))
        v.push({
          rule: 'OOCR_DATE_IN_PAST',
          field: 'actionsDueOn',
          message: 'The actions cannot be due in the past.',
        });
      if (v.length) throw new RuleViolationError(v);

      const status =
        dto.outcome === 'COMPLIANT'
          ? 'COMPLIANT'
          : dto.outcome === 'REFER_BACK'
            ? 'REFERRED_BACK'
            : 'ESCALATED';
      await tx.resolutionReview.update({
        where: { id },
        data: {
          status,
          outcome: dto.outcome,
          outcomeBy: principal.subject,
          outcomeAt: new Date(),
          notes: notes ?? null,
          version: { increment: 1 },
        },
      });
      let referralId = '';
      if (dto.outcome === 'REFER_BACK') {
        referralId = randomUUID();
        await tx.reviewReferral.create({
          data: {
            id: referralId,
            reviewId: id,
            officerId: r.disposal.issuingOfficerId,
            dueOn: asDate(dueOn),
            referredBy: principal.subject,
            workflowId: referralWorkflowId(referralId),
            actions: {
              create: dto.requiredActions!.map((description, i) => ({
                id: randomUUID(),
                seq: i + 1,
                description,
              })),
            },
          },
        });
      }
      if (r.status === 'ESCALATED' && dto.outcome !== 'ESCALATE') await this.closeEscalation(tx, r);
      if (dto.outcome === 'ESCALATE') {
        await tx.officerTask.create({
          data: {
            id: deterministicUuid(`review-escalated:${id}:${r.version}`),
            kind: 'REVIEW_ESCALATED',
            disposalId: r.disposalId,
            assignee: Role.CjOpsSupervisor,
            summary: `${r.disposal.reference}: community resolution escalated for a supervisor's review`,
          },
        });
      }
      const outcome = {
        COMPLIANT: ReviewOutcome.COMPLIANT,
        REFER_BACK: ReviewOutcome.REFERRED_BACK,
        ESCALATE: ReviewOutcome.ESCALATED,
      }[dto.outcome];
      await this.event(tx, r, principal, outcome, {
        referralId,
        requiredActionCount: dto.requiredActions?.length ?? 0,
        actionsDueOn: dto.outcome === 'REFER_BACK' ? dueOn : '',
      });
      return {
        id,
        status,
        version: r.version + 1,
        ...(referralId ? { referralId, actionsDueOn: dueOn } : {}),
      };
    });
  }

  /** One referred action done; when the last is done the resolution returns to the queue for a final review. */
  async completeAction(
    reviewId: string,
    referralId: string,
    seq: number,
    note: string | undefined,
    principal: Principal,
  ) {
    return this.prisma.$transaction(async (tx) => {
      const r = await this.lock(tx, reviewId);
      const referral = await tx.reviewReferral.findUnique({
        where: { id: referralId },
        include: { actions: true },
      });
      if (!referral || referral.reviewId !== reviewId)
        throw new NotFoundError('Referral of this review', referralId);
      const action = referral.actions.find((a) => a.seq === seq);
      if (!action) throw new NotFoundError(`Action of referral ${referralId}`, String(seq));
      if (action.status === 'DONE') throw new ConflictError(`Action ${seq} is already done`);
      await tx.referralAction.update({
        where: { id: action.id },
        data: { status: 'DONE', doneAt: new Date(), doneBy: principal.subject, doneNote: note ?? null },
      });
      const open = referral.actions.filter((a) => a.status === 'OPEN' && a.id !== action.id).length;
      if (open > 0) return { reviewId, referralStatus: 'OPEN', openActions: open };

      await tx.reviewReferral.update({
        where: { id: referralId },
        data: { status: 'DONE', doneAt: new Date() },
      });
      await tx.resolutionReview.update({
        where: { id: reviewId },
        data: { status: 'ACTIONS_DONE', version: { increment: 1 } },
      });
      await tx.officerTask.updateMany({
        where: {
          disposalId: r.disposalId,
          kind: { in: ['REFERRAL_REMINDER', 'REFERRAL_OVERDUE'] },
          doneAt: null,
        },
        data: { doneAt: new Date() },
      });
      await this.event(tx, r, principal, ReviewOutcome.ACTIONS_COMPLETED, {
        referralId,
        requiredActionCount: referral.actions.length,
        actionsDueOn: day(referral.dueOn),
      });
      try {
        await this.temporal.workflow
          .getHandle(referralWorkflowId(referralId))
          .signal(REFERRAL_ACTIONS_COMPLETED_SIGNAL);
      } catch (err) {
        // Not started yet: its first reminder activity finds the referral done and ends it.
        if ((err as Error).name !== 'WorkflowNotFoundError') throw err;
      }
      return { reviewId, referralStatus: 'DONE', openActions: 0 };
    });
  }

  /** All or nothing: if any review cannot take the action, nothing changes and each problem is named. */
  async bulk(dto: BulkReviewDto, principal: Principal) {
    const v: Violation[] = [];
    if (dto.action === 'ASSIGN' && !dto.assignee)
      v.push({
        rule: 'OOCR_BULK_ASSIGNEE_REQUIRED',
        field: 'assignee',
        message: 'Say whom to assign the reviews to.',
      });
    if (new Set(dto.reviewIds).size !== dto.reviewIds.length)
      v.push({ rule: 'OOCR_BULK_DUPLICATE', field: 'reviewIds', message: 'A review is listed twice.' });
    if (v.length) throw new RuleViolationError(v);
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<Array<{ id: string }>>(
        `SELECT id FROM resolution_review WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
        dto.reviewIds,
      );
      const found = new Set(rows.map((x) => x.id));
      const reviews = await tx.resolutionReview.findMany({
        where: { id: { in: dto.reviewIds } },
        include: {
          disposal: {
            select: { reference: true, offenderId: true, issuingOfficerId: true, validationIssues: true },
          },
        },
      });
      const problems: Violation[] = [];
      dto.reviewIds.forEach((id, i) => {
        const r = reviews.find((x) => x.id === id);
        if (!found.has(id) || !r)
          return void problems.push({
            rule: 'OOCR_BULK_ITEM_NOT_FOUND',
            field: `reviewIds[${i}]`,
            message: `Review ${id} does not exist.`,
          });
        try {
          if (dto.action === 'ASSIGN') this.assertAssignable(r, dto.assignee!, principal);
          else {
            this.assertCanDecide(r, principal);
            if ((r.disposal.validationIssues as unknown[]).length)
              problems.push({
                rule: 'OOCR_BULK_ITEM_NOT_ELIGIBLE',
                field: `reviewIds[${i}]`,
                message: `${r.disposal.reference} broke rules when issued: review it on its own.`,
              });
          }
        } catch (err) {
          problems.push({
            rule: 'OOCR_BULK_ITEM_NOT_ELIGIBLE',
            field: `reviewIds[${i}]`,
            message: `${r.disposal.reference}: ${(err as Error).message}`,
          });
        }
      });
      if (problems.length) throw new RuleViolationError(problems);
      for (const r of reviews) {
        if (dto.action === 'ASSIGN') {
          await tx.resolutionReview.update({
            where: { id: r.id },
            data: { assignedTo: dto.assignee, assignedAt: new Date(), version: { increment: 1 } },
          });
        } else {
          await tx.resolutionReview.update({
            where: { id: r.id },
            data: {
              status: 'COMPLIANT',
              outcome: 'COMPLIANT',
              outcomeBy: principal.subject,
              outcomeAt: new Date(),
              notes: dto.notes ?? null,
              version: { increment: 1 },
            },
          });
          if (r.status === 'ESCALATED') await this.closeEscalation(tx, r);
          await this.event(tx, r, principal, ReviewOutcome.COMPLIANT, {
            referralId: '',
            requiredActionCount: 0,
            actionsDueOn: '',
          });
        }
      }
      return { action: dto.action, updated: reviews.length };
    });
  }

  // --- helpers ---

  private async lock(tx: Tx, id: string): Promise<ReviewRow> {
    const locked = await tx.$queryRawUnsafe<unknown[]>(
      `SELECT 1 FROM resolution_review WHERE id = $1::uuid FOR UPDATE`,
      id,
    );
    if (!locked.length) throw new NotFoundError('Review', id);
    return tx.resolutionReview.findUniqueOrThrow({
      where: { id },
      include: {
        disposal: {
          select: { reference: true, offenderId: true, issuingOfficerId: true, validationIssues: true },
        },
      },
    });
  }

  private assertAssignable(r: ReviewRow, assignee: string, principal: Principal): void {
    if (!OPEN_STATUSES.includes(r.status) && r.status !== 'REFERRED_BACK')
      throw new ConflictError(`The review is ${r.status}: nothing to assign`);
    const supervisor = principal.roles.includes(Role.CjOpsSupervisor);
    if (!supervisor && assignee !== principal.subject)
      throw new AccessDeniedError(
        'Officers can assign reviews to themselves only; a supervisor assigns to others',
      );
    if (!supervisor && r.status === 'ESCALATED')
      throw new AccessDeniedError('An escalated review is for a supervisor');
  }

  private assertCanDecide(r: ReviewRow, principal: Principal): void {
    if (r.status === 'COMPLIANT') throw new ConflictError('The review is already complete (COMPLIANT)');
    if (r.status === 'REFERRED_BACK')
      throw new ConflictError(
        'Actions referred back to the officer are still open: wait for them, or record them done',
      );
    if (r.status === 'ESCALATED' && !principal.roles.includes(Role.CjOpsSupervisor))
      throw new AccessDeniedError('An escalated review is decided by a supervisor');
  }

  /** The supervisor decided an escalated review: their queue task for it is done. */
  private async closeEscalation(tx: Tx, r: { disposalId: string }): Promise<void> {
    await tx.officerTask.updateMany({
      where: { disposalId: r.disposalId, kind: 'REVIEW_ESCALATED', doneAt: null },
      data: { doneAt: new Date() },
    });
  }

  private stale(r: ReviewRow): ConflictError {
    return new ConflictError(
      `The review changed since you read it (now version ${r.version}): reload it and try again`,
    );
  }

  private async event(
    tx: Tx,
    r: ReviewRow,
    principal: Principal,
    outcome: ReviewOutcome,
    x: { referralId: string; requiredActionCount: number; actionsDueOn: string },
  ) {
    const event = buildEvent(
      Topics.resolutionReviewed,
      {
        aggregateId: r.id,
        actor: userActor(principal),
        correlationId: currentCorrelationId(),
        processing: Processing.ALTERATION,
      },
      {
        reviewId: r.id,
        disposalId: r.disposalId,
        reference: r.disposal.reference,
        outcome,
        offenderPersonId: r.disposal.offenderId,
        referralId: x.referralId,
        requiredActionCount: x.requiredActionCount,
        issuingOfficerId: r.disposal.issuingOfficerId,
        actionsDueOn: x.actionsDueOn,
      },
    );
    await appendToOutbox(tx, Topics.resolutionReviewed, event);
  }
}
