import { Injectable } from '@nestjs/common';
import { AccessDeniedError, mayReadDerived, Principal, recordAccessScopeFrom, Role } from '@oversight/auth';
import { NotFoundError, RuleViolationError } from '@oversight/domain-errors';
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
  [Role.VruCoordinator]: ['vru', 'knife-swap'],
};

/**
 * The roles that may read every record of an area. A notification that came without its record's access
 * scope (requested before scopes existed, or by a requester that sends none) is shown, listed or read,
 * only to them: this service cannot know whether the record was restricted, so it fails closed.
 */
const READS_EVERY_RECORD: Record<string, readonly Role[]> = {
  'complaint-review': [Role.OpccManager],
  oocr: [Role.CjOpsOfficer, Role.CjOpsSupervisor], // out-of-court records carry no team restriction
  vru: [Role.VruCoordinator],
  'knife-swap': [Role.VruCoordinator], // the coordinator reads every SKRS referral, domestic-abuse ones too
};

/**
 * Areas whose single message (the text written to a person and where it went) is read only with a reason
 * (X-Access-Reason), as the other personal-data reads: without one 400 and nothing released, so the gateway records
 * nothing; with one the gateway records the consultation with it. Knife-swap households include domestic-abuse
 * victims, and knife-swaps sends no access scope, so this service cannot tell which: every one is treated so. Tag
 * referral messages go to young people at risk of exploitation and their families.
 */
const READ_NEEDS_REASON: ReadonlyMap<string, string> = new Map([
  ['knife-swap', 'a message to a knife-swap household'],
  ['vru', 'a message about a tag referral (to a young person or their family)'],
]);
const REASON = /^[^\r\n]{5,500}$/;

/** Rows of one reference considered for a list (a case has a few dozen letters at most). */
const LIST_SCAN_LIMIT = 1000;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * The owning record's rules (team, restriction, roles across teams), as its service sent them with the
 * request, applied to every read: the list and the content alike (issue 9 item 1).
 */
function mayRead(n: Pick<Notification, 'templateKey' | 'accessScope'>, principal: Principal): boolean {
  const area = areaOf(n.templateKey);
  return (
    areasOf(principal).includes(area) &&
    mayReadDerived(recordAccessScopeFrom(n.accessScope), principal, READS_EVERY_RECORD[area] ?? [])
  );
}

@Injectable()
export class NotificationsService {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * A case's notifications, newest first, from the areas the caller works in and only those whose record
   * the caller may read: another team's reviewer asking for a restricted case's letters gets an empty list.
   */
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
      take: LIST_SCAN_LIMIT,
    });
    return rows
      .filter((n) => mayRead(n, principal))
      .slice(0, Math.min(Math.max(limit, 1), 200))
      .map(summary);
  }

  async get(id: string, principal: Principal, accessReason?: string): Promise<NotificationView> {
    const n = await this.prisma.notification.findUnique({ where: { id } });
    if (!n) throw new NotFoundError('Notification', id);
    if (!areasOf(principal).includes(areaOf(n.templateKey)))
      throw new AccessDeniedError('This notification belongs to another area of work');
    // 403 like the owning service's own refusal, which the gateway records as a refused consultation
    if (!mayRead(n, principal))
      throw new AccessDeniedError(
        "You may not read this notification: its case's access rules do not admit you",
      );
    const needsReason = READ_NEEDS_REASON.get(areaOf(n.templateKey));
    if (needsReason && !REASON.test(accessReason?.trim() ?? ''))
      throw new RuleViolationError([
        {
          rule: 'NOTIFICATION_ACCESS_REASON_REQUIRED',
          field: 'x-access-reason',
          message: `Reading ${needsReason} needs a reason: send it in the X-Access-Reason header (5-500 characters).`,
        },
      ]);
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
