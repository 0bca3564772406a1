import { Injectable } from '@nestjs/common';
import { AccessDeniedError, Principal, Role } from '@oversight/auth';
import {
  assessValidity,
  checkClosure,
  checkReadyForDecision,
  type CaseStanding,
  completionClock,
  decideToProceed,
  determineReviewBody,
  requestForInformation,
  type ValidityAssessment,
  type ValidityItem,
  STOP_CLOCK_REASONS,
  recommendationResponseDeadline,
  validateExtensionDecision,
  validateReviewDecision,
  type ReviewRulesConfig,
  type TimeLimitAssessment,
} from '@oversight/complaint-review-rules';
import { buildEvent, Processing, Topics } from '@oversight/contracts';
import { ConflictError, NotFoundError, RuleViolationError } from '@oversight/domain-errors';
import { appendToOutbox } from '@oversight/messaging';
import { todayInLondon } from '@oversight/nest-platform';
import { currentCorrelationId } from '@oversight/observability';
import { randomUUID } from 'node:crypto';
import { assessIntake } from '../assessment/intake-assessment';
import { reviewRulesSettings } from '../assessment/review-rules.settings';
import { completionInstants } from '../clocks/clock-starter.consumer';
import { ClocksService } from '../clocks/clocks.service';
import { ComplaintReviewsEnv } from '../config/complaint-reviews.env';
import { actorOf, logChange, LoggedChange } from '../decision-log/decision-log';
import { Prisma } from '../generated/prisma/client';
import { ApplicationStatus } from '../generated/prisma/enums';
import { PrismaService } from '../infrastructure/prisma.service';
import { LetterRecipient, longDate, requestLetter } from '../letters/letter-request';
import {
  nextStepsForComplainant,
  OUTCOME_FOR_COMPLAINANT,
  OUTCOME_FOR_FORCE,
  closureReasonWords,
  validityItemLabel,
} from '../letters/letter-wording';
import { ApplicationsService, assessmentColumns, intakeSummary } from './applications.service';
import { loadCaseForUpdate, requireOpen, updateCase } from './case-access';
import {
  ClosureDto,
  DecisionNotToActDto,
  ExtensionDecisionDto,
  ForceResponseDto,
  InformationReceivedDto,
  ProceedDespiteMissingDto,
  ReviewBodyAssessmentDto,
  ReviewDecisionDto,
  WithdrawalDto,
} from './dto/case-actions.dto';

type Tx = Prisma.TransactionClient;
/** What the clock stop and restart need of a case (loaded locked by the caller). */
export type ClockCase = LoggedChange['application'] & { status: ApplicationStatus };
const asDate = (s: string) => new Date(`${s}T00:00:00Z`);
const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * What reviewers do to a case after intake. Each action checks the case can take it, then writes the
 * change, its decision-log row, its event and any letter in one transaction: a refused action writes
 * nothing.
 */
@Injectable()
export class CaseActionsService {
  private readonly rules: ReviewRulesConfig;

  constructor(
    private readonly prisma: PrismaService,
    private readonly applications: ApplicationsService,
    private readonly env: ComplaintReviewsEnv,
    private readonly clocks: ClocksService,
  ) {
    this.rules = reviewRulesSettings(env);
  }

  /** A person's decision on a late application (domain.md 1.2.5, 1.5.3); refusing closes the case. */
  async decideExtension(id: string, dto: ExtensionDecisionDto, principal: Principal) {
    const result = await this.prisma.$transaction(async (tx) => {
      const app = await this.load(tx, id, principal);
      if (app.extensionDecision)
        throw new ConflictError('An extension decision is already recorded for this review');
      this.requireOpen(app.status);
      const decidedOn = dto.decidedOn ?? todayInLondon();
      const assessment = app.timeLimitAssessment as unknown as TimeLimitAssessment | null;
      if (!assessment || app.timeLimitStatus === 'NOT_ASSESSED')
        throw new RuleViolationError([
          {
            rule: '1.2.5',
            message:
              'The time limit has not been assessed (a date is missing), so no extension decision is possible yet',
          },
        ]);
      const decision = {
        outcome: dto.outcome,
        reasons: dto.reasons,
        decidedBy: principal.subject,
        decidedOn,
      };
      const { problems } = validateExtensionDecision(decision, assessment);
      if (problems.length)
        throw new RuleViolationError(
          problems.map((p) => ({ rule: p.code, field: EXTENSION_FIELDS[p.code], message: p.message })),
        );
      const refused = dto.outcome === 'REFUSED';
      const toStatus: ApplicationStatus = refused ? 'CLOSED' : app.status;
      if (refused) await cancelClocks(tx, id);
      await tx.extensionDecision.create({
        data: {
          applicationId: id,
          outcome: dto.outcome,
          reasons: dto.reasons,
          decidedBy: principal.subject,
          decidedOn: asDate(decidedOn),
        },
      });
      await this.update(tx, app, {
        status: toStatus,
        timeliness: refused ? 'OUT_OF_TIME_REFUSED' : 'OUT_OF_TIME_EXTENDED',
        closureReason: refused ? 'OUT_OF_TIME' : undefined,
        closedOn: refused ? asDate(decidedOn) : undefined,
      });
      await logChange(tx, principal, {
        application: app,
        action: refused ? 'EXTENSION_REFUSED' : 'EXTENSION_GRANTED',
        fromStatus: app.status,
        toStatus,
        reason: dto.reasons,
        effectiveOn: decidedOn,
        details: { daysLate: assessment.daysLate, deadline: assessment.deadline, rule: '1.2.5 [U]' },
      });
      return { id, status: toStatus, timeliness: refused ? 'OUT_OF_TIME_REFUSED' : 'OUT_OF_TIME_EXTENDED' };
    });
    if (result.status === 'CLOSED') await this.clocks.terminateAll(id, 'out of time: extension refused');
    return result;
  }

  /**
   * The relevant-review-body checklist (1.3.1, 1.3.2). Any yes: the IOPC reviews, so the application is
   * forwarded, the applicant is told by letter (1.2.4) and the case closes as passed to the IOPC.
   */
  async assessReviewBody(id: string, dto: ReviewBodyAssessmentDto, principal: Principal) {
    const result = await this.prisma.$transaction(async (tx) => {
      const app = await this.load(tx, id, principal);
      this.requireOpen(app.status);
      const { forwardedOn: requestedForwardedOn, ...triage } = dto;
      const result = determineReviewBody(triage, 'LOCAL_POLICING_BODY', this.rules);
      const today = todayInLondon();
      const forwardedOn = requestedForwardedOn ?? today;
      const toIopc = result.reviewBody === 'IOPC';
      if (toIopc) this.notFuture('forwardedOn', forwardedOn, today, day(app.receivedOn));
      // Confirming the OPCC as the review body accepts the application: it is now under review.
      const toStatus: ApplicationStatus = toIopc ? 'PASSED_TO_IOPC' : 'UNDER_REVIEW';
      if (toIopc) await cancelClocks(tx, id);
      await this.update(tx, app, {
        status: toStatus,
        reviewBody: result.reviewBody,
        reviewBodyAssessment: JSON.parse(JSON.stringify({ answers: triage, ...result })),
        forwardedToIopcOn: toIopc ? asDate(forwardedOn) : undefined,
      });
      const reasons = result.reasons.map((r) => `${r.rule} ${r.message}`).join(' ');
      await logChange(tx, principal, {
        application: app,
        action: toIopc ? 'PASSED_TO_IOPC' : 'REVIEW_BODY_CONFIRMED_LPB',
        fromStatus: app.status,
        toStatus,
        reason: toIopc ? reasons : 'No IOPC criterion applies: the local policing body reviews (1.3.3 [S]).',
        effectiveOn: toIopc ? forwardedOn : today,
        details: { reviewBody: result.reviewBody, criteria: result.reasons.map((r) => r.criterion) },
      });
      let letterId: string | null = null;
      if (toIopc) {
        const recipient = this.complainantRecipient(app);
        letterId = await requestLetter(tx, principal, {
          application: app,
          template: 'complaint-review.passed-to-iopc',
          recipient,
          personalisation: {
            name: recipient.name,
            reference: app.reference,
            passed_on: longDate(forwardedOn, recipient.language),
            review_body_name: this.env.REVIEW_BODY_NAME,
          },
          why: 'Telling the applicant the review was passed to the IOPC (PRA 2002 Sch 3 para 32)',
        });
      }
      return { id, status: toStatus, reviewBody: result.reviewBody, reasons: result.reasons, letterId };
    });
    if (result.status === 'PASSED_TO_IOPC') await this.clocks.terminateAll(id, 'passed to the IOPC');
    return result;
  }

  async withdraw(id: string, dto: WithdrawalDto, principal: Principal) {
    const result = await this.prisma.$transaction(async (tx) => {
      const app = await this.load(tx, id, principal);
      this.requireOpen(app.status);
      const today = todayInLondon();
      const withdrawnOn = dto.withdrawnOn ?? today;
      this.notFuture('withdrawnOn', withdrawnOn, today, day(app.receivedOn));
      await this.update(tx, app, { status: 'WITHDRAWN', withdrawnOn: asDate(withdrawnOn) });
      await cancelClocks(tx, id);
      await logChange(tx, principal, {
        application: app,
        action: 'WITHDRAWN',
        fromStatus: app.status,
        toStatus: 'WITHDRAWN',
        reason: dto.reason,
        effectiveOn: withdrawnOn,
      });
      return { id, status: 'WITHDRAWN' };
    });
    await this.clocks.terminateAll(id, 'withdrawn');
    return result;
  }

  /** The review's outcome (1.1.6) with recommendations (1.4.3) and both outcome letters. */
  async decide(id: string, dto: ReviewDecisionDto, principal: Principal) {
    const result = await this.prisma.$transaction(async (tx) => {
      const app = await this.load(tx, id, principal);
      this.requireOpen(app.status);
      const blockers = checkReadyForDecision(await this.standing(tx, app));
      if (blockers.length)
        throw new RuleViolationError(
          blockers.map((p) => ({ rule: p.code, message: `${p.message} (${p.rule})` })),
        );
      const today = todayInLondon();
      const decidedOn = dto.decidedOn ?? today;
      this.notFuture('decidedOn', decidedOn, today, day(app.receivedOn));
      const recommendations = dto.recommendations ?? [];
      const { problems } = validateReviewDecision(
        { outcome: dto.outcome, recommendations, feedbackToPsd: dto.feedbackToPsd },
        this.rules,
      );
      if (problems.length)
        throw new RuleViolationError(
          problems.map((p) => ({
            rule: p.code,
            field: DECISION_FIELDS[p.code],
            message: `${p.message} (${p.rule})`,
          })),
        );
      const respondBy = recommendationResponseDeadline(decidedOn, this.rules).dueDate;
      await tx.reviewDecision.create({
        data: {
          applicationId: id,
          outcome: dto.outcome,
          rationale: dto.rationale,
          feedbackToPsd: dto.feedbackToPsd,
          decidedBy: principal.subject,
          decidedOn: asDate(decidedOn),
        },
      });
      const recIds = recommendations.map(() => randomUUID());
      if (recommendations.length)
        await tx.recommendation.createMany({
          data: recommendations.map((r, i) => ({
            id: recIds[i],
            applicationId: id,
            kind: r.kind,
            text: r.text,
            responseDueOn: asDate(respondBy),
          })),
        });
      await this.update(tx, app, { status: 'DECIDED', outcome: dto.outcome, decidedOn: asDate(decidedOn) });
      await logChange(tx, principal, {
        application: app,
        action: `DECIDED_${dto.outcome}`,
        fromStatus: app.status,
        toStatus: 'DECIDED',
        reason: dto.rationale,
        effectiveOn: decidedOn,
        details: {
          recommendations: recommendations.map((r) => r.kind),
          recommendationResponseDueOn: respondBy,
        },
      });
      const decided = buildEvent(
        Topics.reviewDecided,
        {
          aggregateId: id,
          actor: actorOf(principal),
          correlationId: currentCorrelationId(),
          processing: Processing.ALTERATION,
        },
        {
          applicationId: id,
          reference: app.reference,
          outcome: dto.outcome,
          recommendationCount: recommendations.length,
          decidedOn,
          team: app.team,
          complainantPersonId: app.complainantId,
        },
      );
      await appendToOutbox(tx, Topics.reviewDecided, decided);

      const recipient = this.complainantRecipient(app);
      const words = OUTCOME_FOR_COMPLAINANT[dto.outcome][recipient.language];
      const recommendationList = recommendations.length
        ? recommendations.map((r, i) => `${i + 1}. ${r.text}`).join('\n')
        : 'None.';
      const complainantLetter = await requestLetter(tx, principal, {
        application: app,
        template: 'complaint-review.outcome-complainant',
        recipient,
        personalisation: {
          name: recipient.name,
          reference: app.reference,
          decision: words,
          reasons: dto.rationale,
          next_steps: nextStepsForComplainant(
            recipient.language,
            this.env.FORCE_NAME,
            recommendations.length ? recommendationList : null,
          ),
          review_body_name: this.env.REVIEW_BODY_NAME,
        },
        why: 'Telling the complainant the outcome of their review',
      });
      const forceLetter = await requestLetter(tx, principal, {
        application: app,
        template: 'complaint-review.outcome-force',
        recipient: {
          kind: 'FORCE',
          name: `Professional Standards Department, ${this.env.FORCE_NAME}`,
          email: this.env.FORCE_PSD_EMAIL,
          language: 'ENGLISH',
        },
        personalisation: {
          force_name: this.env.FORCE_NAME,
          force_reference: app.forceComplaintReference,
          reference: app.reference,
          decision: `${OUTCOME_FOR_FORCE[dto.outcome]}\n\n${dto.rationale}${dto.feedbackToPsd ? `\n\nFeedback: ${dto.feedbackToPsd}` : ''}`,
          recommendations: recommendationList,
          respond_by: longDate(respondBy),
          review_body_name: this.env.REVIEW_BODY_NAME,
        },
        why: 'Telling the appropriate authority the outcome of the review and the recommendations',
      });
      return {
        id,
        status: 'DECIDED',
        outcome: dto.outcome,
        recommendations: recIds.map((rid, i) => ({
          id: rid,
          kind: recommendations[i].kind,
          responseDueOn: respondBy,
        })),
        letters: [complainantLetter, forceLetter],
      };
    });
    await this.clocks.signalCompletion(id, 'met');
    return result;
  }

  /**
   * Records a decision not to act (what was considered, why not): the decision log keeps every
   * decision, including those that change nothing else. Allowed at any stage, closed cases included.
   */
  async recordDecisionNotToAct(id: string, dto: DecisionNotToActDto, principal: Principal) {
    return this.prisma.$transaction(async (tx) => {
      const app = await this.load(tx, id, principal);
      const today = todayInLondon();
      await this.update(tx, app, {});
      await logChange(tx, principal, {
        application: app,
        action: 'DECIDED_NOT_TO_ACT',
        fromStatus: app.status,
        toStatus: app.status,
        reason: `${dto.considered}: ${dto.reason}`,
        effectiveOn: today,
        details: { considered: dto.considered },
      });
      return { id, action: 'DECIDED_NOT_TO_ACT', recordedOn: today };
    });
  }

  /**
   * Closes a case without a review decision, where the record supports the reason (case-readiness
   * rule): not eligible, the 2012 appeal route, or information still missing after asking for it. The
   * applicant is told why by letter; the case's clocks end.
   */
  async close(id: string, dto: ClosureDto, principal: Principal) {
    const result = await this.prisma.$transaction(async (tx) => {
      const app = await this.load(tx, id, principal);
      this.requireOpen(app.status);
      const problems = checkClosure(dto.reason, await this.standing(tx, app));
      if (problems.length)
        throw new RuleViolationError(
          problems.map((p) => ({ rule: p.code, field: 'reason', message: `${p.message} (${p.rule})` })),
        );
      const today = todayInLondon();
      await cancelClocks(tx, id);
      await this.update(tx, app, { status: 'CLOSED', closureReason: dto.reason, closedOn: asDate(today) });
      await logChange(tx, principal, {
        application: app,
        action: `CLOSED_${dto.reason}`,
        fromStatus: app.status,
        toStatus: 'CLOSED',
        reason: dto.note,
        effectiveOn: today,
        details: { closureReason: dto.reason, missing: app.validityMissing, route: app.eligibilityRoute },
      });
      const recipient = this.complainantRecipient(app);
      const letterId = await requestLetter(tx, principal, {
        application: app,
        template: 'complaint-review.closed',
        recipient,
        personalisation: {
          name: recipient.name,
          reference: app.reference,
          closure_reason: closureReasonWords(dto.reason, recipient.language),
          explanation: dto.note,
          contact_details: this.env.REVIEW_BODY_CONTACT_DETAILS,
          review_body_name: this.env.REVIEW_BODY_NAME,
        },
        why: 'Telling the applicant why their application was closed without a review',
      });
      return { id, status: 'CLOSED', closureReason: dto.reason, closedOn: today, letterId };
    });
    await this.clocks.terminateAll(id, `closed: ${dto.reason}`);
    return result;
  }

  /**
   * Asks the applicant for the missing validity items (1.2.6 [U]) by letter; the response period is
   * its own clock, started by the consumer from the logged change. One request per review.
   */
  async requestInformation(id: string, principal: Principal) {
    return this.prisma.$transaction(async (tx) => {
      const app = await this.load(tx, id, principal);
      this.requireOpen(app.status);
      const missing = app.validityMissing as ValidityItem[];
      if (!missing.length)
        throw new RuleViolationError([
          {
            rule: '1.2.6',
            message: 'Nothing is missing from the application, so there is nothing to ask for',
          },
        ]);
      // Checked against the decision log written in this same (row-locked) transaction: the
      // information-request clock row is created later, by a consumer, so it cannot tell yet.
      if (
        await tx.decisionLogEntry.findFirst({ where: { applicationId: id, action: 'INFORMATION_REQUESTED' } })
      )
        throw new ConflictError('Information has already been requested for this review');
      const today = todayInLondon();
      const rfi = requestForInformation(missing, today, this.rules);
      const recipient = this.complainantRecipient(app);
      const letterId = await requestLetter(tx, principal, {
        application: app,
        template: 'complaint-review.information-request',
        recipient,
        personalisation: {
          name: recipient.name,
          reference: app.reference,
          information_needed: missing
            .map((item) => `- ${validityItemLabel(item, recipient.language)}`)
            .join('\n'),
          respond_by: longDate(rfi.respondBy, recipient.language),
          contact_details: this.env.REVIEW_BODY_CONTACT_DETAILS,
          review_body_name: this.env.REVIEW_BODY_NAME,
        },
        why: 'Asking the applicant for information missing from the application',
      });
      await logChange(tx, principal, {
        application: app,
        action: 'INFORMATION_REQUESTED',
        fromStatus: app.status,
        toStatus: app.status,
        reason: `Missing: ${missing.join(', ')}; respond by ${rfi.respondBy}`,
        effectiveOn: today,
        details: { items: missing, respondBy: rfi.respondBy, rule: rfi.rule },
      });
      return { id, items: missing, respondBy: rfi.respondBy, letterId };
    });
  }

  /** Records what the applicant supplied, assesses the intake again, and meets the information clock. */
  async informationReceived(id: string, dto: InformationReceivedDto, principal: Principal) {
    const result = await this.prisma.$transaction(async (tx) => {
      const app = await this.load(tx, id, principal);
      this.requireOpen(app.status);
      const today = todayInLondon();
      for (const field of ['complaintDate', 'outcomeInformationProvidedOn', 'outcomeLetterDate'] as const) {
        const value = dto[field];
        if (value) this.notFuture(field, value, today, '2000-01-01');
      }
      const opt = (d: Date | null) => (d ? day(d) : undefined);
      const facts = {
        handling: app.handling,
        iopcInvestigation: app.iopcInvestigation,
        complaintDate: dto.complaintDate ?? opt(app.complaintDate),
        outcomeLetterDate: dto.outcomeLetterDate ?? opt(app.outcomeLetterDate),
        outcomeInformationProvidedOn:
          dto.outcomeInformationProvidedOn ?? opt(app.outcomeInformationProvidedOn),
        receivedOn: day(app.receivedOn),
        wrongBody:
          app.receivedByWrongBodyOn && app.forwardedByWrongBodyOn
            ? { receivedOn: day(app.receivedByWrongBodyOn), forwardedOn: day(app.forwardedByWrongBodyOn) }
            : undefined,
        inWriting: dto.inWriting ?? app.inWriting,
        grounds: app.grounds,
        appropriateAuthority: dto.appropriateAuthority ?? app.appropriateAuthority ?? undefined,
      };
      if (facts.complaintDate && facts.complaintDate > facts.receivedOn)
        throw new RuleViolationError([
          {
            rule: 'DATE_ORDER',
            field: 'complaintDate',
            message: 'complaintDate cannot be after the date the application was received',
          },
        ]);
      for (const later of ['outcomeInformationProvidedOn', 'outcomeLetterDate'] as const)
        if (facts.complaintDate && facts[later] && facts[later]! < facts.complaintDate)
          throw new RuleViolationError([
            { rule: 'DATE_ORDER', field: later, message: `${later} cannot be before complaintDate` },
          ]);
      if (facts.outcomeInformationProvidedOn && facts.receivedOn < facts.outcomeInformationProvidedOn)
        throw new RuleViolationError([
          {
            rule: 'DATE_ORDER',
            field: 'outcomeInformationProvidedOn',
            message: 'outcomeInformationProvidedOn cannot be after the date the application was received',
          },
        ]);
      const assessment = assessIntake(facts, this.rules);
      // A decision already taken on a late application stands; a newly assessable one awaits a decision.
      const columns = assessmentColumns(assessment);
      if (app.extensionDecision) delete (columns as Partial<typeof columns>).timeliness;
      await this.update(tx, app, {
        complaintDate: dto.complaintDate ? asDate(dto.complaintDate) : undefined,
        outcomeLetterDate: dto.outcomeLetterDate ? asDate(dto.outcomeLetterDate) : undefined,
        outcomeInformationProvidedOn: dto.outcomeInformationProvidedOn
          ? asDate(dto.outcomeInformationProvidedOn)
          : undefined,
        appropriateAuthority: dto.appropriateAuthority,
        inWriting: dto.inWriting,
        ...columns,
      });
      await logChange(tx, principal, {
        application: app,
        action: 'INFORMATION_RECEIVED',
        fromStatus: app.status,
        toStatus: app.status,
        reason: intakeSummary(assessment),
        effectiveOn: today,
        details: { supplied: Object.keys(dto) },
      });
      return {
        id,
        missing: assessment.validity.missing,
        timeLimit: assessment.timeLimit.status,
        eligibility: assessment.eligibility.route,
      };
    });
    await this.clocks.signalMetIfRunning(id, 'INFORMATION_REQUEST');
    return result;
  }

  /** Goes on despite missing items with a recorded reason (1.2.6 [U], 1.5.4), via decideToProceed. */
  async proceedDespiteMissing(id: string, dto: ProceedDespiteMissingDto, principal: Principal) {
    return this.prisma.$transaction(async (tx) => {
      const app = await this.load(tx, id, principal);
      this.requireOpen(app.status);
      const today = todayInLondon();
      const stored = app.validityAssessment as unknown as ValidityAssessment | null;
      const assessment = stored ?? assessValidity({ inWriting: app.inWriting }, this.rules);
      const decision = decideToProceed(
        assessment,
        { reason: dto.reason, recordedBy: principal.subject, recordedOn: today },
        this.rules,
      );
      if (decision.basis === 'COMPLETE')
        throw new RuleViolationError([
          {
            rule: '1.2.6',
            message: 'Nothing is missing from the application: there is nothing to proceed despite',
          },
        ]);
      if (!decision.mayProceed)
        throw new RuleViolationError([
          {
            rule: '1.2.6',
            message: `These items cannot be waived by configuration: ${decision.blocking.join(', ')}`,
          },
        ]);
      await this.update(tx, app, { proceedDespiteMissingReason: dto.reason });
      await logChange(tx, principal, {
        application: app,
        action: 'PROCEEDING_DESPITE_MISSING_ITEMS',
        fromStatus: app.status,
        toStatus: app.status,
        reason: dto.reason,
        effectiveOn: today,
        details: { waived: decision.waived },
      });
      return { id, mayProceed: true, waived: decision.waived };
    });
  }

  /** Stops the completion clock from today, with a reason (1.4.7 [S] local standard). */
  async stopClock(id: string, dto: { reason: string; note?: string }, principal: Principal) {
    const result = await this.prisma.$transaction(async (tx) =>
      this.stopClockInTransaction(tx, await this.load(tx, id, principal), dto, principal),
    );
    await this.clocks.signalCompletion(id, 'stop');
    return result;
  }

  /**
   * The stop itself, in the caller's transaction on a case the caller has loaded locked and may see
   * (also used by the case-file request). The caller signals the workflow once it has committed.
   */
  async stopClockInTransaction(
    tx: Tx,
    app: ClockCase,
    dto: { reason: string; note?: string },
    principal: Principal,
  ) {
    const id = app.id;
    this.requireOpen(app.status);
    const clock = await tx.reviewClock.findUnique({
      where: { applicationId_kind: { applicationId: id, kind: 'COMPLETION' } },
    });
    if (!clock || clock.status !== 'RUNNING')
      throw new ConflictError('The completion clock is not running, so it cannot be stopped');
    if (await tx.clockStop.findFirst({ where: { applicationId: id, toDate: null } }))
      throw new ConflictError('The completion clock is already stopped');
    if (dto.reason === 'OTHER' && !dto.note?.trim())
      throw new RuleViolationError([
        {
          rule: 'NOTE_REQUIRED',
          field: 'note',
          message: 'A stop for OTHER reasons needs a note explaining it',
        },
      ]);
    const today = todayInLondon();
    await tx.clockStop.create({
      data: {
        applicationId: id,
        fromDate: asDate(today),
        reason: dto.reason,
        note: dto.note,
        stoppedBy: principal.subject,
      },
    });
    await logChange(tx, principal, {
      application: app,
      action: 'CLOCK_STOPPED',
      fromStatus: app.status,
      toStatus: app.status,
      reason: dto.note ? `${dto.reason}: ${dto.note}` : dto.reason,
      effectiveOn: today,
    });
    return { id, clock: 'STOPPED', from: today };
  }

  /** Restarts the completion clock; the due date moves by the working days stopped (rules lib). */
  async restartClock(id: string, principal: Principal) {
    const { result, restart } = await this.prisma.$transaction(async (tx) =>
      this.restartClockInTransaction(tx, await this.load(tx, id, principal), principal),
    );
    await this.clocks.signalCompletion(id, { restart });
    return result;
  }

  /**
   * The restart itself, in the caller's transaction (also used when the force's case file arrives).
   * Returns the signal the caller sends to the workflow once it has committed.
   */
  async restartClockInTransaction(tx: Tx, app: ClockCase, principal: Principal) {
    const id = app.id;
    this.requireOpen(app.status);
    const open = await tx.clockStop.findFirst({ where: { applicationId: id, toDate: null } });
    if (!open) throw new ConflictError('The completion clock is not stopped');
    const clock = await tx.reviewClock.findUniqueOrThrow({
      where: { applicationId_kind: { applicationId: id, kind: 'COMPLETION' } },
    });
    const today = todayInLondon();
    await tx.clockStop.update({
      where: { id: open.id },
      data: { toDate: asDate(today), restartedBy: principal.subject },
    });
    const stops = await tx.clockStop.findMany({ where: { applicationId: id } });
    const due = completionClock(
      {
        acceptedOn: day(clock.startedAt),
        stops: stops.map((st) => ({
          from: day(st.fromDate),
          to: st.toDate ? day(st.toDate) : today,
          reason: st.reason as (typeof STOP_CLOCK_REASONS)[number],
          note: st.note ?? undefined,
        })),
      },
      this.rules,
    );
    await tx.reviewClock.update({ where: { id: clock.id }, data: { dueOn: asDate(due.dueDate) } });
    await logChange(tx, principal, {
      application: app,
      action: 'CLOCK_RESTARTED',
      fromStatus: app.status,
      toStatus: app.status,
      reason: `Due ${due.dueDate} (${due.workingDaysStopped} working days stopped)`,
      effectiveOn: today,
      details: { dueOn: due.dueDate, workingDaysStopped: due.workingDaysStopped },
    });
    return {
      result: { id, clock: 'RUNNING', dueOn: due.dueDate, workingDaysStopped: due.workingDaysStopped },
      restart: completionInstants(due),
    };
  }

  /** The force's response to one recommendation (1.4.5 [U]) closes it. */
  async recordForceResponse(recommendationId: string, dto: ForceResponseDto, principal: Principal) {
    const result = await this.prisma.$transaction(async (tx) => {
      const rec = await tx.recommendation.findUnique({ where: { id: recommendationId } });
      if (!rec) throw new NotFoundError('Recommendation', recommendationId);
      const app = await this.load(tx, rec.applicationId, principal);
      if (rec.status === 'RESPONDED')
        throw new ConflictError('The force has already responded to this recommendation');
      const today = todayInLondon();
      const respondedOn = dto.respondedOn ?? today;
      this.notFuture('respondedOn', respondedOn, today, day(app.decidedOn ?? app.receivedOn));
      await tx.recommendation.update({
        where: { id: recommendationId },
        data: {
          status: 'RESPONDED',
          forceResponse: dto.response,
          responseSteps: dto.steps,
          respondedOn: asDate(respondedOn),
          responseRecordedBy: principal.subject,
        },
      });
      await this.update(tx, app, {});
      await logChange(tx, principal, {
        application: app,
        action: 'RECOMMENDATION_RESPONSE_RECORDED',
        fromStatus: app.status,
        toStatus: app.status,
        reason: dto.steps,
        effectiveOn: respondedOn,
        details: {
          recommendationId,
          kind: rec.kind,
          response: dto.response,
          late: respondedOn > day(rec.responseDueOn),
        },
      });
      const awaiting = await tx.recommendation.count({
        where: { applicationId: rec.applicationId, status: 'AWAITING_FORCE_RESPONSE' },
      });
      return {
        id: recommendationId,
        applicationId: rec.applicationId,
        status: 'RESPONDED',
        response: dto.response,
        awaitingResponses: awaiting,
      };
    });
    // The last response meets the clock on the force's response (started when the review was decided).
    if (result.awaitingResponses === 0)
      await this.clocks.signalMetIfRunning(result.applicationId, 'RECOMMENDATION_RESPONSE');
    return result;
  }

  /**
   * The acknowledgement letter (once per case), in one transaction with its log entry. Returns false
   * when one was already requested, so a repeated call sends nothing twice.
   */
  async requestAcknowledgement(id: string, principal: Principal): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const app = await this.load(tx, id, principal);
      this.requireOpen(app.status);
      const already = await tx.letter.findFirst({
        where: { applicationId: id, templateKey: 'complaint-review.acknowledgement' },
        select: { id: true },
      });
      if (already) return false;
      const recipient = this.complainantRecipient(app);
      await requestLetter(tx, principal, {
        application: app,
        template: 'complaint-review.acknowledgement',
        recipient,
        personalisation: {
          name: recipient.name,
          reference: app.reference,
          received_on: longDate(day(app.receivedOn), recipient.language),
          target_weeks: String(Math.ceil(this.env.COMPLETION_WORKING_DAYS / 5)),
          contact_details: this.env.REVIEW_BODY_CONTACT_DETAILS,
          review_body_name: this.env.REVIEW_BODY_NAME,
        },
        why: 'Acknowledging the application for a review',
      });
      await logChange(tx, principal, {
        application: app,
        action: 'ACKNOWLEDGED',
        fromStatus: app.status,
        toStatus: app.status,
        effectiveOn: todayInLondon(),
      });
      return true;
    });
  }

  /**
   * Claim (no assignee), assign or reassign. Reviewers may claim an unassigned review for themselves;
   * assigning to someone else or taking a review from its assignee is for managers.
   */
  async assign(id: string, dto: { assignee?: string; reason?: string }, principal: Principal) {
    return this.prisma.$transaction(async (tx) => this.assignOne(tx, id, dto, principal));
  }

  /** Assigns several reviews at once; all or nothing. */
  async assignMany(ids: string[], dto: { assignee: string; reason?: string }, principal: Principal) {
    return this.prisma.$transaction(async (tx) => {
      const results = [];
      for (const id of [...new Set(ids)].sort()) results.push(await this.assignOne(tx, id, dto, principal));
      return { assigned: results.length, results };
    });
  }

  private async assignOne(
    tx: Tx,
    id: string,
    dto: { assignee?: string; reason?: string },
    principal: Principal,
  ) {
    const app = await this.load(tx, id, principal);
    this.requireOpen(app.status);
    const assignee = dto.assignee ?? principal.subject;
    const isManager = principal.roles.includes(Role.OpccManager);
    if (!isManager && (assignee !== principal.subject || app.assignedTo))
      throw new AccessDeniedError(
        app.assignedTo
          ? `The review is assigned to ${app.assignedTo}; only a manager can reassign it`
          : 'Reviewers can claim a review for themselves; only a manager can assign it to someone else',
      );
    if (app.assignedTo === assignee) return { id, assignedTo: assignee, changed: false };
    const action = !app.assignedTo ? (assignee === principal.subject ? 'CLAIMED' : 'ASSIGNED') : 'REASSIGNED';
    if (action === 'REASSIGNED' && !dto.reason?.trim())
      throw new RuleViolationError([
        { rule: 'REASON_REQUIRED', field: 'reason', message: 'Say why the review is being reassigned' },
      ]);
    await this.update(tx, app, { assignedTo: assignee });
    await logChange(tx, principal, {
      application: app,
      action,
      fromStatus: app.status,
      toStatus: app.status,
      reason: dto.reason,
      effectiveOn: todayInLondon(),
      details: { from: app.assignedTo, to: assignee },
    });
    return { id, assignedTo: assignee, changed: true };
  }

  // ---- helpers ----

  /** What the case-readiness rules need to know about a case. */
  private async standing(
    tx: Tx,
    app: Awaited<ReturnType<CaseActionsService['load']>>,
  ): Promise<CaseStanding> {
    const asked = await tx.decisionLogEntry.findFirst({
      where: { applicationId: app.id, action: 'INFORMATION_REQUESTED' },
      select: { id: true },
    });
    return {
      eligibilityRoute: app.eligibilityRoute as CaseStanding['eligibilityRoute'],
      reviewBody: (app.reviewBody as CaseStanding['reviewBody']) ?? null,
      validityMissing: app.validityMissing as ValidityItem[],
      proceedDespiteMissingReason: app.proceedDespiteMissingReason,
      informationRequested: !!asked,
      awaitingExtensionDecision: app.timeliness === 'OUT_OF_TIME_AWAITING_EXTENSION_DECISION',
    };
  }

  private load(tx: Tx, id: string, principal: Principal) {
    return loadCaseForUpdate(tx, this.applications, id, principal);
  }

  private update(tx: Tx, app: { id: string }, data: Prisma.ReviewApplicationUncheckedUpdateInput) {
    return updateCase(tx, app, data);
  }

  private requireOpen(status: ApplicationStatus): void {
    requireOpen(status);
  }

  private notFuture(field: string, value: string, today: string, notBefore: string): void {
    if (value > today)
      throw new RuleViolationError([
        { rule: 'DATE_IN_FUTURE', field, message: `${field} (${value}) cannot be in the future` },
      ]);
    if (value < notBefore)
      throw new RuleViolationError([
        { rule: 'DATE_ORDER', field, message: `${field} (${value}) cannot be before ${notBefore}` },
      ]);
  }

  /** Letters go to the representative when there is one (they act for the complainant, 1.1.4). */
  private complainantRecipient(app: {
    complainant: {
      fullName: string;
      email: string | null;
      postalAddress: string | null;
      contactPreference: 'EMAIL' | 'POST' | 'PHONE';
      language: 'ENGLISH' | 'WELSH';
    };
    representative: {
      fullName: string;
      email: string | null;
      postalAddress: string | null;
      contactPreference: 'EMAIL' | 'POST' | 'PHONE';
      language: 'ENGLISH' | 'WELSH';
    } | null;
  }): LetterRecipient {
    const p = app.representative ?? app.complainant;
    return {
      kind: 'COMPLAINANT',
      name: p.fullName,
      email: p.email,
      postalAddress: p.postalAddress,
      contactPreference: p.contactPreference,
      language: p.language,
    };
  }
}

/** Closing a case without a decision ends its clocks: they are recorded CANCELLED, never breached. */
async function cancelClocks(tx: Tx, applicationId: string): Promise<void> {
  await tx.reviewClock.updateMany({
    where: { applicationId, status: 'RUNNING' },
    data: { status: 'CANCELLED' },
  });
}

const EXTENSION_FIELDS: Record<string, string | undefined> = {
  OUTCOME_INVALID: 'outcome',
  REASONS_REQUIRED: 'reasons',
  DECIDER_REQUIRED: undefined,
  DECISION_DATE_INVALID: 'decidedOn',
  DECIDED_BEFORE_RECEIPT: 'decidedOn',
  NOT_REQUIRED: undefined,
};

const DECISION_FIELDS: Record<string, string | undefined> = {
  UNKNOWN_OUTCOME: 'outcome',
  UPHELD_WITHOUT_RECOMMENDATION: 'recommendations',
  UNKNOWN_RECOMMENDATION_KIND: 'recommendations',
  RECOMMENDATION_TEXT_REQUIRED: 'recommendations',
  FEEDBACK_REQUIRED: 'feedbackToPsd',
};
