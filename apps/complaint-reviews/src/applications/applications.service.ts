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
import { appendToOutbox } from '@oversight/messaging';
import { todayInLondon } from '@oversight/nest-platform';
import { currentCorrelationId } from '@oversight/observability';
import { randomUUID } from 'node:crypto';
import { ApplicationStatus } from '../generated/prisma/enums';
import { PrismaService } from '../infrastructure/prisma.service';
import { ApplicationSummaryView, ApplicationView } from './application.view';
import { CreateApplicationDto } from './dto/create-application.dto';

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);
const asDate = (s: string | undefined) => (s ? new Date(`${s}T00:00:00Z`) : undefined);

@Injectable()
export class ApplicationsService {
  constructor(private readonly prisma: PrismaService) {}

  /** Records a new application and its event in one transaction; returns its id and reference. */
  async create(dto: CreateApplicationDto, principal: Principal): Promise<{ id: string; reference: string }> {
    const team = dto.team ?? principal.team;
    this.checkDates(dto, team);
    const id = randomUUID();
    return this.prisma.$transaction(async (tx) => {
      const [{ n }] = await tx.$queryRawUnsafe<Array<{ n: bigint }>>(
        `SELECT nextval('review_reference_seq') AS n`,
      );
      const reference = `CR-${dto.receivedOn.slice(0, 4)}-${String(n).padStart(6, '0')}`;
      const person = await tx.person.create({ data: { ...dto.complainant } });
      await tx.reviewApplication.create({
        data: {
          id,
          reference,
          team: team!,
          restricted: dto.restricted ?? false,
          channel: dto.channel,
          receivedOn: asDate(dto.receivedOn)!,
          forceComplaintReference: dto.forceComplaintReference,
          complaintDate: asDate(dto.complaintDate),
          handling: dto.handling,
          outcomeLetterDate: asDate(dto.outcomeLetterDate),
          outcomeInformationProvidedOn: asDate(dto.outcomeInformationProvidedOn),
          grounds: dto.grounds,
          complainantId: person.id,
          createdBy: principal.subject,
        },
      });
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
          complainantPersonId: person.id,
        },
      );
      await appendToOutbox(tx, Topics.reviewApplicationReceived, event);
      return { id, reference };
    });
  }

  async get(id: string, principal: Principal): Promise<ApplicationView> {
    const app = await this.prisma.reviewApplication.findUnique({
      where: { id },
      include: { complainant: true, clocks: true },
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
      clocks: app.clocks.map((c) => ({ kind: c.kind, status: c.status, dueOn: day(c.dueOn)! })),
    };
  }

  /** The queue: no personal data, restricted cases of other teams left out, nearest deadline first. */
  async list(
    principal: Principal,
    status?: ApplicationStatus,
    limit = 50,
  ): Promise<ApplicationSummaryView[]> {
    const isManager = principal.roles.includes(Role.OpccManager);
    const rows = await this.prisma.reviewApplication.findMany({
      where: {
        ...(status ? { status } : {}),
        ...(isManager ? {} : { OR: [{ restricted: false }, { team: principal.team ?? '' }] }),
      },
      include: { clocks: { where: { kind: 'ACKNOWLEDGEMENT' } } },
      orderBy: [{ receivedOn: 'asc' }, { reference: 'asc' }],
      take: Math.min(Math.max(limit, 1), 200),
    });
    return rows.map((a) => ({
      id: a.id,
      reference: a.reference,
      status: a.status,
      team: a.team,
      restricted: a.restricted,
      receivedOn: day(a.receivedOn)!,
      assignedTo: a.assignedTo,
      acknowledgementDueOn: day(a.clocks[0]?.dueOn),
      acknowledgementStatus: a.clocks[0]?.status ?? null,
    }));
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
    if (dto.outcomeInformationProvidedOn && dto.receivedOn < dto.outcomeInformationProvidedOn)
      v.push({
        rule: 'DATE_ORDER',
        field: 'receivedOn',
        message: 'receivedOn cannot be before outcomeInformationProvidedOn',
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
