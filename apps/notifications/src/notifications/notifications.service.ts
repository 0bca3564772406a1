import { Injectable } from '@nestjs/common';
import { AccessDeniedError, Principal, Role } from '@oversight/auth';
import { NotFoundError } from '@oversight/domain-errors';
import { Notification, Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infrastructure/prisma.service';
import { NotificationSummaryView, NotificationView } from './notification.view';

/**
 * Which areas' notifications each role may read, by the first part of the template key
 * (`complaint-review.acknowledgement` → `complaint-review`): staff see their own area's letters
 * and messages, not another area's.
 */
const AREAS_BY_ROLE: Partial<Record<Role, readonly string[]>> = {
  [Role.OpccReviewer]: ['complaint-review'],
  [Role.OpccManager]: ['complaint-review'],
  [Role.CjOpsOfficer]: ['oocr'],
  [Role.CjOpsSupervisor]: ['oocr'],
  [Role.VruCoordinator]: ['vru'],
};

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

@Injectable()
export class NotificationsService {
  constructor(private readonly prisma: PrismaService) {}

  /** A case's notifications, newest first, from the areas the caller works in. */
  async listByReference(
    reference: string,
    principal: Principal,
    limit = 100,
  ): Promise<NotificationSummaryView[]> {
    const areas = areasOf(principal);
    if (areas.length === 0) return [];
    const rows = await this.prisma.notification.findMany({
      where: {
        reference,
        OR: areas.map((a) => ({ templateKey: { startsWith: `${a}.` } })),
      } satisfies Prisma.NotificationWhereInput,
      orderBy: [{ requestedAt: 'desc' }, { id: 'asc' }],
      take: Math.min(Math.max(limit, 1), 200),
    });
    return rows.map(summary);
  }

  async get(id: string, principal: Principal): Promise<NotificationView> {
    const n = await this.prisma.notification.findUnique({ where: { id } });
    if (!n) throw new NotFoundError('Notification', id);
    if (!areasOf(principal).includes(areaOf(n.templateKey)))
      throw new AccessDeniedError('This notification belongs to another area of work');
    return {
      ...summary(n),
      subject: n.renderedSubject,
      body: n.renderedBody,
      deliveredBy: n.deliveredBy,
      providerReference: n.providerReference,
      sentAt: n.sentAt?.toISOString() ?? null,
      attempts: n.attempts,
    };
  }
}

function areasOf(principal: Principal): string[] {
  return [...new Set(principal.roles.flatMap((r) => AREAS_BY_ROLE[r] ?? []))];
}

function areaOf(templateKey: string): string {
  return templateKey.split('.')[0];
}

function summary(n: Notification): NotificationSummaryView {
  return {
    id: n.id,
    reference: n.reference,
    status: n.status,
    channel: n.channel,
    templateKey: n.templateKey,
    language: n.language,
    recipientSummary: n.recipientSummary,
    requestedByService: n.requestedByService,
    requestedAt: n.requestedAt.toISOString(),
    sentOn: day(n.sentOn),
    failureReason: n.failureReason,
  };
}
