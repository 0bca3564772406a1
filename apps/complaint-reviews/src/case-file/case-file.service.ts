import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@oversight/auth';
import { buildEvent, EventOf, Processing, Topics } from '@oversight/contracts';
import { ConflictError, NotFoundError, RuleViolationError } from '@oversight/domain-errors';
import { appendToOutbox, PermanentProcessingError } from '@oversight/messaging';
import { endOfLondonDay, todayInLondon } from '@oversight/nest-platform';
import { createLogger, currentCorrelationId } from '@oversight/observability';
import { isAlreadyStarted } from '@oversight/temporal';
import { Client as TemporalClient } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { ApplicationsService } from '../applications/applications.service';
import { assertMayAct, assertTransition } from '../applications/case-access';
import { CaseActionsService } from '../applications/case-actions.service';
import { ClocksService } from '../clocks/clocks.service';
import { ComplaintReviewsEnv } from '../config/complaint-reviews.env';
import { actorOf, logChange } from '../decision-log/decision-log';
import { Prisma } from '../generated/prisma/client';
import { ApplicationStatus, CaseFileReceivedVia } from '../generated/prisma/enums';
import { PrismaService } from '../infrastructure/prisma.service';
import { ClockRestartSignal } from '../workflows/completion-clock.types';
import {
  CLOCK_MET_SIGNAL,
  ClockMetSignal,
  REVIEW_CLOCK_WORKFLOW,
  ReviewClockInput,
} from '../workflows/review-clock.types';
import { CaseFileReceiptDto, CaseFileRequestDto } from './case-file.dto';
import {
  CaseFileAddress,
  caseFileClockWorkflowId,
  caseFileDueDate,
  CaseFileReceiptInput,
  documentProblems,
  receiptDateProblems,
  receiptFromEvent,
  receivedOnTime,
} from './case-file.rules';

type Tx = Prisma.TransactionClient;
const asDate = (s: string) => new Date(`${s}T00:00:00Z`);
const day = (d: Date) => d.toISOString().slice(0, 10);
const OPEN: readonly ApplicationStatus[] = ['RECEIVED', 'UNDER_REVIEW'];
const JUSTIFICATION =
  "Requesting the appropriate authority's complaint file to decide the review (domain.md 1.4.2)";

/** The case as the case-file actions need it, loaded under its row lock. */
type LockedCase = {
  id: string;
  reference: string;
  team: string;
  restricted: boolean;
  status: ApplicationStatus;
  eligibilityRoute: string;
  assignedTo: string | null;
  submittedBy: string | null;
  createdBy: string;
  complainantId: string;
  forceComplaintReference: string;
  appropriateAuthority: string | null;
};

/** What to tell Temporal once a receipt is recorded (after commit on the HTTP path). */
interface AfterReceipt {
  applicationId: string;
  clockWorkflowId: string;
  metAt: string;
  restart?: ClockRestartSignal;
}

/**
 * The case-file request to the force PSD and its receipt (domain.md 1.4.2). The request is a
 * `complaints.case-file-requested.v1` event for the PSD's system; the file comes back as
 * `psd.case-file-provided.v1` or, when it came another way, by manual upload. Both ways of receipt
 * run `recordReceipt`, in one transaction with the decision-log row and its event.
 */
@Injectable()
export class CaseFileService {
  private readonly log = createLogger('CaseFileService');

  constructor(
    private readonly prisma: PrismaService,
    private readonly applications: ApplicationsService,
    private readonly caseActions: CaseActionsService,
    private readonly clocks: ClocksService,
    private readonly env: ComplaintReviewsEnv,
    @Inject(TemporalClient) private readonly temporal: TemporalClient,
  ) {}

  /**
   * Records a request for the force's case file and its event for the PSD; optionally stops the
   * completion clock (AWAITING_PSD_FILE) in the same transaction. One outstanding request per review.
   */
  async request(id: string, dto: CaseFileRequestDto, principal: Principal) {
    const result = await this.prisma.$transaction(async (tx) => {
      const app = await this.lockCase(tx, id);
      this.applications.assertCanSee(app, principal);
      assertMayAct(app, principal, 'REQUEST_CASE_FILE');
      assertTransition(app, 'REQUEST_CASE_FILE');
      const outstanding = await tx.caseFileRequest.findFirst({
        where: { applicationId: id, status: 'REQUESTED' },
        select: { id: true, dueOn: true },
      });
      if (outstanding)
        throw new ConflictError(
          `A case-file request (${outstanding.id}) is already outstanding for this review, due ${day(outstanding.dueOn)}`,
        );
      const requestId = randomUUID();
      const requestedOn = todayInLondon();
      const dueOn = caseFileDueDate(requestedOn, this.env.CASE_FILE_RESPONSE_WORKING_DAYS);
      const requestedItems = dto.requestedItems.map((item) => item.trim());
      const stopCompletionClock = dto.stopCompletionClock === true;
      await tx.caseFileRequest.create({
        data: {
          id: requestId,
          applicationId: id,
          requestedItems,
          requestedOn: asDate(requestedOn),
          dueOn: asDate(dueOn),
          stoppedCompletionClock: stopCompletionClock,
          recordedBy: principal.subject,
        },
      });
      await logChange(tx, principal, {
        application: app,
        action: 'CASE_FILE_REQUESTED',
        fromStatus: app.status,
        toStatus: app.status,
        reason: `Case file requested from the force PSD; due ${dueOn}`,
        effectiveOn: requestedOn,
        details: { requestId, items: requestedItems.length, dueOn, stopCompletionClock },
      });
      // The existing stop, in this transaction: a refused stop (clock not running) refuses the request.
      if (stopCompletionClock)
        await this.caseActions.stopClockInTransaction(
          tx,
          app,
          { reason: 'AWAITING_PSD_FILE', note: `Case-file request ${requestId}` },
          principal,
        );
      const appropriateAuthority = app.appropriateAuthority ?? this.env.FORCE_NAME;
      const event = buildEvent(
        Topics.caseFileRequested,
        {
          aggregateId: id,
          actor: actorOf(principal),
          correlationId: currentCorrelationId(),
          processing: Processing.DISCLOSURE,
          justification: JUSTIFICATION,
        },
        {
          applicationId: id,
          requestId,
          reference: app.reference,
          forceComplaintReference: app.forceComplaintReference,
          appropriateAuthority,
          requestedItems,
          requestedOn,
          dueOn,
          requestedBy: principal.subject,
          complainantPersonId: app.complainantId,
        },
      );
      await appendToOutbox(tx, Topics.caseFileRequested, event);
      return {
        id: requestId,
        applicationId: id,
        status: 'REQUESTED' as const,
        requestedItems,
        requestedOn,
        dueOn,
        appropriateAuthority,
        completionClockStopped: stopCompletionClock,
      };
    });
    if (result.completionClockStopped) await this.clocks.signalCompletion(id, 'stop');
    return result;
  }

  /** The manual fallback: the same receipt as the PSD's event, recorded by a reviewer. */
  async upload(id: string, dto: CaseFileReceiptDto, principal: Principal) {
    const { result, after } = await this.prisma.$transaction(async (tx) => {
      const app = await this.lockCase(tx, id);
      this.applications.assertCanSee(app, principal);
      return this.recordReceipt(tx, app, dto, 'MANUAL_UPLOAD', principal);
    });
    await this.signalAfterReceipt(after);
    return result;
  }

  /**
   * The PSD's `psd.case-file-provided.v1`, in the inbox transaction. A message that names no known
   * review, has no outstanding request or cannot be recorded as it stands is a permanent failure: the
   * consumer parks it for an operator (never drops it). Infrastructure failures are thrown as they are,
   * so the consumer retries.
   */
  async receiveFromPsd(tx: Tx, event: EventOf<typeof Topics.caseFileProvided>): Promise<void> {
    const { address, receipt, problems } = receiptFromEvent(event);
    if (problems.length)
      throw new PermanentProcessingError(
        `case file from the PSD cannot be recorded: ${problems.map((p) => p.message).join('; ')}`,
      );
    const app = await this.resolveCase(tx, address);
    const principal: Principal = {
      subject: event.metadata.actor?.subject || 'force-psd',
      displayName: 'Force PSD system',
      roles: [],
    };
    let after: AfterReceipt;
    try {
      ({ after } = await this.recordReceipt(tx, app, receipt, 'KAFKA', principal));
    } catch (err) {
      if (err instanceof ConflictError || err instanceof RuleViolationError || err instanceof NotFoundError)
        throw new PermanentProcessingError(`case file for review ${app.reference}: ${err.message}`);
      throw err;
    }
    // Before the inbox transaction commits: if the commit fails, the redelivery signals again, and
    // both signals are idempotent (a met clock ignores another clockMet; a running one ignores restart).
    await this.signalAfterReceipt(after);
  }

  /**
   * Starts the request's clock (reviewClockWorkflow, kind CASE_FILE_REQUEST) from its own event, in
   * the inbox transaction, as the information-request clock is started. The review_clock row holds one
   * CASE_FILE_REQUEST clock per review: a later request takes the row over from the earlier one.
   */
  async startClock(tx: Tx, event: EventOf<typeof Topics.caseFileRequested>): Promise<void> {
    // Locks the request against a receipt being recorded at the same moment (see recordReceipt).
    const [request] = await tx.$queryRaw<Array<{ status: string }>>`
      SELECT status::text AS status FROM case_file_request WHERE id = ${event.requestId}::uuid FOR UPDATE`;
    if (!request)
      throw new PermanentProcessingError(`no case-file request ${event.requestId} to start a clock for`);
    if (request.status !== 'REQUESTED') return; // received or cancelled before its clock started
    const workflowId = caseFileClockWorkflowId(event.applicationId, event.requestId);
    const clockRow = {
      workflowId,
      status: 'RUNNING' as const,
      dueOn: asDate(event.dueOn),
      startedAt: new Date(),
      metAt: null,
      breachedAt: null,
    };
    const existing = await tx.reviewClock.findUnique({
      where: { applicationId_kind: { applicationId: event.applicationId, kind: 'CASE_FILE_REQUEST' } },
    });
    if (!existing)
      await tx.reviewClock.create({
        data: {
          id: randomUUID(),
          applicationId: event.applicationId,
          kind: 'CASE_FILE_REQUEST',
          ...clockRow,
        },
      });
    else if (existing.workflowId !== workflowId) {
      // The earlier request's run must not write to the row once it belongs to this request.
      await this.terminateClock(existing.workflowId, `superseded by case-file request ${event.requestId}`);
      await tx.reviewClock.update({ where: { id: existing.id }, data: clockRow });
    }
    const input: ReviewClockInput = {
      applicationId: event.applicationId,
      kind: 'CASE_FILE_REQUEST',
      dueOn: event.dueOn,
      breachAt: endOfLondonDay(event.dueOn).toISOString(),
      correlationId: event.metadata.correlationId,
    };
    try {
      await this.temporal.workflow.start(REVIEW_CLOCK_WORKFLOW, {
        workflowId,
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        args: [input],
        memo: { correlationId: event.metadata.correlationId, caseFileRequestId: event.requestId },
      });
    } catch (err) {
      if (!isAlreadyStarted(err)) throw err;
    }
  }

  /**
   * A review closed (withdrawn, passed to the IOPC, refused, decided) with a request outstanding: the
   * request is cancelled, its clock cancelled and its workflow ended, so no breach is recorded for it.
   */
  async cancelOnClosure(tx: Tx, event: EventOf<typeof Topics.reviewStatusChanged>): Promise<void> {
    if (!OPEN.includes(event.fromStatus as ApplicationStatus)) return;
    if (OPEN.includes(event.toStatus as ApplicationStatus)) return;
    const open = await tx.caseFileRequest.findMany({
      where: { applicationId: event.applicationId, status: 'REQUESTED' },
      select: { id: true },
    });
    if (!open.length) return;
    const reason = `The review was closed (${event.toStatus})`;
    await tx.caseFileRequest.updateMany({
      where: { id: { in: open.map((r) => r.id) }, status: 'REQUESTED' },
      data: { status: 'CANCELLED', cancelledReason: reason },
    });
    const workflowIds = open.map((r) => caseFileClockWorkflowId(event.applicationId, r.id));
    await tx.reviewClock.updateMany({
      where: { workflowId: { in: workflowIds }, status: 'RUNNING' },
      data: { status: 'CANCELLED' },
    });
    for (const workflowId of workflowIds) await this.terminateClock(workflowId, reason);
    const system: Principal = { subject: 'complaint-reviews', displayName: 'complaint-reviews', roles: [] };
    await logChange(tx, system, {
      application: {
        id: event.applicationId,
        reference: event.reference,
        team: event.team,
        complainantId: event.complainantPersonId,
      },
      action: 'CASE_FILE_REQUEST_CANCELLED',
      fromStatus: event.toStatus,
      toStatus: event.toStatus,
      reason,
      effectiveOn: event.effectiveOn || todayInLondon(),
      details: { requestIds: open.map((r) => r.id) },
    });
  }

  // ---- the shared receipt ----

  /**
   * Records a received case file against the review's outstanding request (or the one named): its
   * documents, the request RECEIVED, the request's clock MET when on time, the completion clock
   * restarted if it was stopped for the file, and a decision-log row with its event.
   */
  private async recordReceipt(
    tx: Tx,
    app: LockedCase,
    input: CaseFileReceiptInput,
    via: CaseFileReceivedVia,
    principal: Principal,
  ) {
    requireOpen(app.status);
    const request = input.requestId
      ? await tx.caseFileRequest.findFirst({ where: { id: input.requestId, applicationId: app.id } })
      : await tx.caseFileRequest.findFirst({ where: { applicationId: app.id, status: 'REQUESTED' } });
    if (!request && input.requestId)
      throw new RuleViolationError([
        {
          rule: 'CASE_FILE_REQUEST_UNKNOWN',
          field: 'requestId',
          message: `requestId ${input.requestId} is not a case-file request of review ${app.reference}`,
        },
      ]);
    if (!request) throw new ConflictError(`No case-file request is outstanding for review ${app.reference}`);
    if (request.status !== 'REQUESTED')
      throw new ConflictError(
        `The case-file request ${request.id} is ${request.status}; only an outstanding request can receive a file`,
      );
    const today = todayInLondon();
    const receivedOn = input.receivedOn ?? today;
    const requestedOn = day(request.requestedOn);
    const dueOn = day(request.dueOn);
    const problems = [
      ...receiptDateProblems(receivedOn, requestedOn, today),
      ...documentProblems(input.documents),
    ];
    if (problems.length) throw new RuleViolationError(problems);

    // Updating the request takes its row lock first, so a clock being started for it at the same
    // moment (startClock) has either committed its row, which is found below, or sees RECEIVED.
    await tx.caseFileRequest.update({
      where: { id: request.id },
      data: {
        status: 'RECEIVED',
        receivedOn: asDate(receivedOn),
        receivedVia: via,
        receivedRecordedBy: principal.subject,
        sentBy: input.sentBy?.trim() || null,
      },
    });
    await tx.caseFileDocument.createMany({
      data: input.documents.map((d) => ({
        requestId: request.id,
        documentId: d.documentId,
        title: d.title.trim(),
        mediaType: d.mediaType.toLowerCase(),
        sizeBytes: BigInt(d.sizeBytes),
        checksumSha256: d.checksumSha256.toLowerCase(),
      })),
    });
    // The clock row is settled here, with the receipt: MET if before the breach instant. A late file
    // leaves it to the workflow, which records the breach and escalates it.
    const clockWorkflowId = caseFileClockWorkflowId(app.id, request.id);
    const now = new Date();
    if (now < endOfLondonDay(dueOn))
      await tx.reviewClock.updateMany({
        where: { workflowId: clockWorkflowId, status: 'RUNNING' },
        data: { status: 'MET', metAt: now },
      });
    const onTime = receivedOnTime(receivedOn, dueOn);
    const how = via === 'KAFKA' ? 'from the force PSD system' : 'by manual upload';
    await logChange(tx, principal, {
      application: app,
      action: 'CASE_FILE_RECEIVED',
      fromStatus: app.status,
      toStatus: app.status,
      reason: `Case file received ${how}: ${input.documents.length} document(s), due ${dueOn}${onTime ? '' : ' (late)'}`,
      effectiveOn: receivedOn,
      details: { requestId: request.id, via, documents: input.documents.length, dueOn, onTime },
    });
    // The completion clock restarts when it was stopped for the file, by this request or by hand.
    const stop = await tx.clockStop.findFirst({ where: { applicationId: app.id, toDate: null } });
    const restarted =
      stop?.reason === 'AWAITING_PSD_FILE'
        ? await this.caseActions.restartClockInTransaction(tx, app, principal)
        : undefined;
    return {
      result: {
        requestId: request.id,
        applicationId: app.id,
        status: 'RECEIVED' as const,
        receivedOn,
        receivedVia: via,
        documents: input.documents.length,
        dueOn,
        onTime,
        completionClock: restarted
          ? { restarted: true, dueOn: restarted.result.dueOn }
          : { restarted: false as const },
      },
      after: {
        applicationId: app.id,
        clockWorkflowId,
        metAt: now.toISOString(),
        restart: restarted?.restart,
      } satisfies AfterReceipt,
    };
  }

  private async signalAfterReceipt(after: AfterReceipt): Promise<void> {
    try {
      const signal: ClockMetSignal = { metAt: after.metAt };
      await this.temporal.workflow.getHandle(after.clockWorkflowId).signal(CLOCK_MET_SIGNAL, signal);
    } catch (err) {
      // Not started yet or already ended: the row was settled with the receipt.
      this.log.info(
        { applicationId: after.applicationId, err: (err as Error).name },
        'case-file clock not signalled',
      );
    }
    if (after.restart) await this.clocks.signalCompletion(after.applicationId, { restart: after.restart });
  }

  private async terminateClock(workflowId: string, reason: string): Promise<void> {
    try {
      await this.temporal.workflow.getHandle(workflowId).terminate(reason);
    } catch (err) {
      if ((err as Error).name !== 'WorkflowNotFoundError') throw err; // already ended: nothing to do
    }
  }

  /** The review row locked for update (one writer at a time per case). */
  private async lockCase(tx: Tx, id: string): Promise<LockedCase> {
    await tx.$queryRaw`SELECT id FROM review_application WHERE id = ${id}::uuid FOR UPDATE`;
    const app = await tx.reviewApplication.findUnique({
      where: { id },
      select: {
        id: true,
        reference: true,
        team: true,
        restricted: true,
        status: true,
        eligibilityRoute: true,
        assignedTo: true,
        submittedBy: true,
        createdBy: true,
        complainantId: true,
        forceComplaintReference: true,
        appropriateAuthority: true,
      },
    });
    if (!app) throw new NotFoundError('Review application', id);
    return app;
  }

  /** The review a PSD message is about: by our id, else by the force reference of an open request. */
  private async resolveCase(tx: Tx, address: CaseFileAddress): Promise<LockedCase> {
    if (address.applicationId) {
      const app = await this.lockCase(tx, address.applicationId).catch((err) => {
        if (err instanceof NotFoundError)
          throw new PermanentProcessingError(`no review ${address.applicationId} for this case file`);
        throw err;
      });
      if (address.forceComplaintReference && address.forceComplaintReference !== app.forceComplaintReference)
        throw new PermanentProcessingError(
          `review ${app.reference} has force reference ${app.forceComplaintReference}, not ${address.forceComplaintReference}`,
        );
      return app;
    }
    const candidates = await tx.caseFileRequest.findMany({
      where: {
        status: 'REQUESTED',
        application: { forceComplaintReference: address.forceComplaintReference },
      },
      select: { applicationId: true },
      distinct: ['applicationId'],
    });
    if (candidates.length !== 1)
      throw new PermanentProcessingError(
        candidates.length
          ? `${candidates.length} reviews have an outstanding case-file request for force reference ${address.forceComplaintReference}: name the review`
          : `no review has an outstanding case-file request for force reference ${address.forceComplaintReference}`,
      );
    return this.lockCase(tx, candidates[0].applicationId);
  }
}

function requireOpen(status: ApplicationStatus): void {
  if (!OPEN.includes(status))
    throw new ConflictError(`The review is ${status}; this action needs it to be RECEIVED or UNDER_REVIEW`);
}
