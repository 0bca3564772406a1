import { Injectable } from '@nestjs/common';
import { Principal } from '@oversight/auth';
import { todayInLondon } from '@oversight/nest-platform';
import { NotFoundError } from '@oversight/domain-errors';
import { ApplicationsService } from '../applications/applications.service';
import { CaseActionsService } from '../applications/case-actions.service';
import { ComplaintReviewsEnv } from '../config/complaint-reviews.env';
import { PrismaService } from '../infrastructure/prisma.service';
import { OwnApplicationView, SelfServiceApplicationDto } from './self-service.dto';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * Applications made by the public through the API. They go through the same intake (assessment,
 * event, acknowledgement clock) as those staff record, into the configured intake team's queue;
 * the applicant can follow their own and see nothing else.
 */
@Injectable()
export class SelfServiceService {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly prisma: PrismaService,
    private readonly env: ComplaintReviewsEnv,
    private readonly actions: CaseActionsService,
  ) {}

  /**
   * The applicant withdraws their own application (by its reference). Someone else's reference is
   * "not found", the same as one that does not exist, so references cannot be probed.
   */
  async withdraw(reference: string, reason: string, principal: Principal) {
    const app = await this.prisma.reviewApplication.findFirst({
      where: { reference, submittedBy: principal.subject },
      select: { id: true },
    });
    if (!app) throw new NotFoundError('Your application', reference);
    await this.actions.withdraw(app.id, { reason }, principal);
    const [own] = await this.list(principal, app.id);
    return own;
  }

  async submit(dto: SelfServiceApplicationDto, principal: Principal) {
    const { declaration: _confirmed, ...fields } = dto;
    const receivedOn = todayInLondon();
    const { id, reference } = await this.applications.create(
      {
        ...fields,
        channel: 'API',
        receivedOn,
        team: this.env.SELF_SERVICE_TEAM,
        restricted: false,
        inWriting: true,
      },
      principal,
      { submittedBy: principal.subject },
    );
    const [own] = await this.list(principal, id);
    return own ?? { reference, receivedOn, status: 'RECEIVED' };
  }

  async list(principal: Principal, onlyId?: string): Promise<OwnApplicationView[]> {
    const rows = await this.prisma.reviewApplication.findMany({
      where: { submittedBy: principal.subject, ...(onlyId ? { id: onlyId } : {}) },
      orderBy: [{ receivedOn: 'desc' }, { reference: 'desc' }],
      take: 100,
      select: {
        reference: true,
        receivedOn: true,
        status: true,
        forwardedToIopcOn: true,
        decidedOn: true,
        outcome: true,
        letters: {
          where: { templateKey: 'complaint-review.acknowledgement', status: 'SENT' },
          select: { sentOn: true },
          take: 1,
        },
      },
    });
    return rows.map((r) => ({
      reference: r.reference,
      receivedOn: day(r.receivedOn)!,
      status: r.status,
      acknowledgedOn: day(r.letters[0]?.sentOn ?? null),
      forwardedToIopcOn: day(r.forwardedToIopcOn),
      decidedOn: day(r.decidedOn),
      outcome: r.outcome,
    }));
  }
}
