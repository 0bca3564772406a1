import { Injectable } from '@nestjs/common';
import { AccessDeniedError, Principal, Role } from '@oversight/auth';
import {
  ActorKind,
  ApplicationChannel as EventChannel,
  buildEvent,
  Processing,
  Topics,
} from '@oversight/contracts';
import { NotFoundError, RuleViolationError, Violation } from '@oversight/domain-errors';
import { outboxRow } from '@oversight/messaging';
import { todayInLondon } from '@oversight/nest-platform';
import { currentCorrelationId } from '@oversight/observability';
import { randomUUID } from 'node:crypto';
import { assessIntake, IntakeAssessment } from '../assessment/intake-assessment';
import { reviewRulesSettings } from '../assessment/review-rules.settings';
import { CASE_FILE_REQUESTS_INCLUDE, caseFileRequestView } from '../case-file/case-file.view';
import { ComplaintReviewsEnv } from '../config/complaint-reviews.env';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infrastructure/prisma.service';
import { ApplicationView } from './application.view';
import { nextReference, recordIntake } from './use-cases/record-intake';
import { CreateApplicationDto } from './dto/create-application.dto';

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);
const asDate = (s: string | undefined) => (s ? new Date(`${s}T00:00:00Z`) : undefined);

@Injectable()
export class ApplicationsService {
  /** The rules' settings: built and validated once (the environment does not change while running). */
  private readonly rules: ReturnType<typeof reviewRulesSettings>;

  constructor(
    private readonly prisma: PrismaService,
    private readonly env: ComplaintReviewsEnv,
  ) {
    this.rules = reviewRulesSettings(env);
  }

  /** Records a new application and its event in one transaction; returns its id and reference. */
  async create(
    dto: CreateApplicationDto,
    principal: Principal,
    opts: { submittedBy?: string } = {},
  ): Promise<{ id: string; reference: string }> {
    const team = dto.team ?? principal.team;
    this.checkDates(dto, team);
    const id = randomUUID();
    const inWriting = dto.inWriting ?? dto.channel !== 'PHONE';
    const assessment = assessIntake(
      {
        handling: dto.handling,
        iopcInvestigation: dto.iopcInvestigation ?? 'NONE',
        complaintDate: dto.complaintDate,
        outcomeLetterDate: dto.outcomeLetterDate,
        outcomeInformationProvidedOn: dto.outcomeInformationProvidedOn,
        receivedOn: dto.receivedOn,
        wrongBody: dto.wrongBodyPeriod,
        inWriting,
        grounds: dto.grounds,
        appropriateAuthority: dto.appropriateAuthority,
      },
      this.rules,
    );
    const reference = await nextReference(this.prisma.pool, dto.receivedOn);
    const complainantId = randomUUID();
    const representative = dto.representative;
    const event = buildEvent(
      Topics.reviewApplicationReceived,
      {
        aggregateId: id,
        actor: {
          subject: principal.subject,
          kind: ActorKind.USER,
          roles: principal.roles,
          team: principal.team,
        },
        correlationId: currentCorrelationId(),
        processing: Processing.COLLECTION,
      },
      {
        applicationId: id,
        reference,
        forceComplaintReference: dto.forceComplaintReference,
        channel: EventChannel[dto.channel as keyof typeof EventChannel],
        receivedOn: dto.receivedOn,
        team: team!,
        complainantPersonId: complainantId,
      },
    );
    const json = assessmentJson(assessment);
    // One statement, one transaction: the application, its people, attachments, first decision-log
    // entry (the intake assessment; the received event covers it) and the outbox row.
    await recordIntake(this.prisma.pool, {
      id,
      reference,
      team: team!,
      restricted: dto.restricted ?? false,
      channel: dto.channel,
      receivedOn: dto.receivedOn,
      forceComplaintReference: dto.forceComplaintReference,
      complaintDate: dto.complaintDate,
      handling: dto.handling,
      outcomeLetterDate: dto.outcomeLetterDate,
      outcomeInformationProvidedOn: dto.outcomeInformationProvidedOn,
      grounds: dto.grounds,
      complainant: { id: complainantId, ...dto.complainant },
      representative: representative ? { id: randomUUID(), ...representative } : null,
      iopcInvestigation: dto.iopcInvestigation ?? 'NONE',
      appropriateAuthority: dto.appropriateAuthority,
      inWriting,
      receivedByWrongBodyOn: dto.wrongBodyPeriod?.receivedOn,
      forwardedByWrongBodyOn: dto.wrongBodyPeriod?.forwardedOn,
      eligibilityRoute: assessment.eligibility.route,
      eligibilityGates: json.eligibilityGates,
      timeLimitStatus: assessment.timeLimit.status,
      timeLimitDeadline: assessment.timeLimit.assessment?.deadline,
      daysLate: assessment.timeLimit.assessment?.daysLate ?? null,
      timeLimitAssessment: json.timeLimitAssessment,
      timeliness: assessment.timeliness,
      validityMissing: [...assessment.validity.missing],
      validityAssessment: json.validityAssessment,
      createdBy: principal.subject,
      submittedBy: opts.submittedBy,
      attachments: dto.attachments ?? [],
      decisionLog: {
        action: 'INTAKE_ASSESSED',
        actor: principal.subject,
        reason: intakeSummary(assessment),
        details: JSON.stringify({
          eligibilityRoute: assessment.eligibility.route,
          timeLimitStatus: assessment.timeLimit.status,
          validityMissing: [...assessment.validity.missing],
        }),
      },
      outbox: outboxRow(Topics.reviewApplicationReceived, event),
    });
    return { id, reference };
  }

  async get(id: string, principal: Principal): Promise<ApplicationView> {
    const app = await this.prisma.reviewApplication.findUnique({
      where: { id },
      include: {
        complainant: true,
        representative: true,
        clocks: true,
        attachments: { orderBy: { createdAt: 'asc' } },
        extensionDecision: true,
        decision: true,
        recommendations: { orderBy: [{ createdAt: 'asc' }, { kind: 'asc' }, { id: 'asc' }] },
        letters: { orderBy: { requestedAt: 'asc' } },
        decisionLog: { orderBy: { occurredAt: 'asc' } },
        notifiedParties: { orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }] },
        clockStops: { orderBy: { fromDate: 'asc' } },
        caseFileRequests: CASE_FILE_REQUESTS_INCLUDE,
      },
    });
    if (!app) throw new NotFoundError('Review application', id);
    this.assertCanSee(app, principal);
    const ack = app.clocks.find((c) => c.kind === 'ACKNOWLEDGEMENT');
    return {
      id: app.id,
      reference: app.reference,
      status: app.status,
      team: app.team,
      restricted: app.restricted,
      receivedOn: day(app.receivedOn)!,
      assignedTo: app.assignedTo,
      acknowledgementDueOn: day(ack?.dueOn),
      acknowledgementStatus: ack?.status ?? null,
      channel: app.channel,
      forceComplaintReference: app.forceComplaintReference,
      complaintDate: day(app.complaintDate),
      handling: app.handling,
      outcomeLetterDate: day(app.outcomeLetterDate),
      outcomeInformationProvidedOn: day(app.outcomeInformationProvidedOn),
      grounds: app.grounds,
      complainant: {
        id: app.complainant.id,
        fullName: app.complainant.fullName,
        email: app.complainant.email,
        phone: app.complainant.phone,
        postalAddress: app.complainant.postalAddress,
        contactPreference: app.complainant.contactPreference,
      },
      // A completion clock with an open stop shows as STOPPED: its due date moves when it restarts.
      clocks: app.clocks.map((c) => ({
        kind: c.kind,
        status:
          c.kind === 'COMPLETION' && c.status === 'RUNNING' && app.clockStops.some((st) => !st.toDate)
            ? 'STOPPED'
            : c.status,
        dueOn: day(c.dueOn)!,
      })),
      clockStops: app.clockStops.map((st) => ({
        from: day(st.fromDate)!,
        to: day(st.toDate),
        reason: st.reason,
        note: st.note,
        stoppedBy: st.stoppedBy,
        restartedBy: st.restartedBy,
      })),
      representative: app.representative
        ? {
            id: app.representative.id,
            fullName: app.representative.fullName,
            email: app.representative.email,
            phone: app.representative.phone,
            postalAddress: app.representative.postalAddress,
            contactPreference: app.representative.contactPreference,
            authority: app.representativeAuthority,
            authorityNote: app.representativeAuthorityNote,
          }
        : null,
      iopcInvestigation: app.iopcInvestigation,
      appropriateAuthority: app.appropriateAuthority,
      inWriting: app.inWriting,
      wrongBodyPeriod: app.receivedByWrongBodyOn
        ? { receivedOn: day(app.receivedByWrongBodyOn)!, forwardedOn: day(app.forwardedByWrongBodyOn)! }
        : null,
      attachments: app.attachments.map((a) => ({
        id: a.id,
        fileName: a.fileName,
        mediaType: a.mediaType,
        sizeBytes: a.sizeBytes,
        description: a.description,
      })),
      assessment: {
        eligibility: { route: app.eligibilityRoute, gates: app.eligibilityGates },
        timeLimit: {
          status: app.timeLimitStatus,
          deadline: day(app.timeLimitDeadline),
          daysLate: app.daysLate,
          detail: app.timeLimitAssessment,
        },
        timeliness: app.timeliness,
        validity: {
          missing: app.validityMissing,
          proceedDespiteMissingReason: app.proceedDespiteMissingReason,
          detail: app.validityAssessment,
        },
        reviewBody: app.reviewBody,
        reviewBodyAssessment: app.reviewBodyAssessment,
      },
      extensionDecision: app.extensionDecision
        ? {
            outcome: app.extensionDecision.outcome,
            reasons: app.extensionDecision.reasons,
            decidedBy: app.extensionDecision.decidedBy,
            decidedOn: day(app.extensionDecision.decidedOn)!,
          }
        : null,
      forwardedToIopcOn: day(app.forwardedToIopcOn),
      closureReason: app.closureReason,
      withdrawnOn: day(app.withdrawnOn),
      decision: app.decision
        ? {
            outcome: app.decision.outcome,
            rationale: app.decision.rationale,
            feedbackToPsd: app.decision.feedbackToPsd,
            decidedBy: app.decision.decidedBy,
            decidedOn: day(app.decision.decidedOn)!,
          }
        : null,
      recommendations: app.recommendations.map((r) => ({
        id: r.id,
        kind: r.kind,
        text: r.text,
        status: r.status,
        responseDueOn: day(r.responseDueOn)!,
        forceResponse: r.forceResponse,
        responseSteps: r.responseSteps,
        respondedOn: day(r.respondedOn),
      })),
      letters: app.letters.map((l) => ({
        id: l.id,
        templateKey: l.templateKey,
        recipientKind: l.recipientKind,
        channel: l.channel,
        language: l.language,
        status: l.status,
        sentOn: day(l.sentOn),
      })),
      notifiedParties: app.notifiedParties.map((p) => ({
        id: p.id,
        kind: p.kind,
        name: p.name,
        role: p.role,
        email: p.email,
        postalAddress: p.postalAddress,
        decision: p.decision,
        withheldGround: p.withheldGround,
        withheldReason: p.withheldReason,
        letterId: p.letterId,
        recordedBy: p.recordedBy,
        recordedAt: p.recordedAt.toISOString(),
      })),
      caseFileRequests: app.caseFileRequests.map(caseFileRequestView),
      decisionLog: app.decisionLog.map((e) => ({
        action: e.action,
        actor: e.actor,
        reason: e.reason,
        occurredAt: e.occurredAt.toISOString(),
        details: e.details,
      })),
    };
  }

  assertCanSee(app: { restricted: boolean; team: string }, principal: Principal): void {
    if (!app.restricted) return;
    if (principal.roles.includes(Role.OpccManager)) return;
    if (principal.team && principal.team === app.team) return;
    throw new AccessDeniedError('This review is restricted to its owning team');
  }

  private checkDates(dto: CreateApplicationDto, team: string | undefined): void {
    const today = todayInLondon();
    const v: Violation[] = [];
    const notFuture = (field: keyof CreateApplicationDto) => {
      const value = dto[field] as string | undefined;
      if (value && value > today)
        v.push({ rule: 'DATE_IN_FUTURE', field, message: `${field} (${value}) cannot be in the future` });
    };
    (['receivedOn', 'complaintDate', 'outcomeLetterDate', 'outcomeInformationProvidedOn'] as const).forEach(
      notFuture,
    );
    if (
      dto.complaintDate &&
      dto.outcomeInformationProvidedOn &&
      dto.outcomeInformationProvidedOn < dto.complaintDate
    )
      v.push({
        rule: 'DATE_ORDER',
        field: 'outcomeInformationProvidedOn',
        message: 'outcomeInformationProvidedOn cannot be before complaintDate',
      });
    if (dto.complaintDate && dto.outcomeLetterDate && dto.outcomeLetterDate < dto.complaintDate)
      v.push({
        rule: 'DATE_ORDER',
        field: 'outcomeLetterDate',
        message: 'outcomeLetterDate cannot be before complaintDate',
      });
    if (dto.complaintDate && dto.receivedOn < dto.complaintDate)
      v.push({
        rule: 'DATE_ORDER',
        field: 'complaintDate',
        message: 'complaintDate cannot be after receivedOn (the complaint precedes the application)',
      });
    if (dto.outcomeInformationProvidedOn && dto.receivedOn < dto.outcomeInformationProvidedOn)
      v.push({
        rule: 'DATE_ORDER',
        field: 'receivedOn',
        message: 'receivedOn cannot be before outcomeInformationProvidedOn',
      });
    const wrongBody = dto.wrongBodyPeriod;
    if (wrongBody && wrongBody.forwardedOn < wrongBody.receivedOn)
      v.push({
        rule: 'DATE_ORDER',
        field: 'wrongBodyPeriod.forwardedOn',
        message: 'wrongBodyPeriod.forwardedOn cannot be before wrongBodyPeriod.receivedOn',
      });
    if (wrongBody && dto.receivedOn < wrongBody.forwardedOn)
      v.push({
        rule: 'DATE_ORDER',
        field: 'receivedOn',
        message: 'receivedOn cannot be before wrongBodyPeriod.forwardedOn',
      });
    if (dto.outcomeLetterDate && dto.receivedOn < dto.outcomeLetterDate)
      v.push({
        rule: 'DATE_ORDER',
        field: 'receivedOn',
        message: 'receivedOn cannot be before outcomeLetterDate',
      });
    if (!team)
      v.push({
        rule: 'TEAM_REQUIRED',
        field: 'team',
        message: 'team is required because the caller belongs to no team',
      });
    if (v.length) throw new RuleViolationError(v);
  }
}

/** The assessment's JSON columns as JSON text (what the intake statement writes). */
export function assessmentJson(a: IntakeAssessment) {
  return {
    eligibilityGates: JSON.stringify(
      a.eligibility.gates.length
        ? a.eligibility.gates
        : [{ gate: 'ALL', outcome: 'NOT_ASSESSED', message: a.eligibility.notAssessedReason }],
    ),
    timeLimitAssessment: JSON.stringify(
      a.timeLimit.assessment ?? { notAssessedReason: a.timeLimit.notAssessedReason },
    ),
    validityAssessment: JSON.stringify(a.validity),
  };
}

export function assessmentColumns(a: IntakeAssessment) {
  const json = assessmentJson(a);
  const parse = (text: string) => JSON.parse(text) as Prisma.InputJsonValue;
  return {
    eligibilityRoute: a.eligibility.route,
    eligibilityGates: parse(json.eligibilityGates),
    timeLimitStatus: a.timeLimit.status,
    timeLimitDeadline: asDate(a.timeLimit.assessment?.deadline),
    daysLate: a.timeLimit.assessment?.daysLate ?? null,
    timeLimitAssessment: parse(json.timeLimitAssessment),
    timeliness: a.timeliness,
    validityMissing: [...a.validity.missing],
    validityAssessment: parse(json.validityAssessment),
  };
}

export function intakeSummary(a: IntakeAssessment): string {
  const parts = [`eligibility ${a.eligibility.route}`, `time limit ${a.timeLimit.status}`];
  if (a.timeLimit.assessment?.daysLate) parts.push(`${a.timeLimit.assessment.daysLate} days late`);
  parts.push(a.validity.missing.length ? `missing ${a.validity.missing.join(', ')}` : 'validity complete');
  return parts.join('; ');
}
