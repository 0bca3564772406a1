import { Principal, Role } from '@oversight/auth';
import { buildEvent, Processing, Topics } from '@oversight/contracts';
import { ConflictError, NotFoundError } from '@oversight/domain-errors';
import { appendToOutbox } from '@oversight/messaging';
import { createLogger, currentCorrelationId } from '@oversight/observability';
import { nextReferralStatus, openActions, ReferralAction, ReferralStatus } from '@oversight/tag-rules';
import { Client as TemporalClient } from '@temporalio/client';
import { userActor } from '../../common/actor';
import { TagSettings } from '../../config/tag-settings';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../infrastructure/prisma.service';
import { episodeWorkflowId } from '../../workflows/episode.types';

type Tx = Prisma.TransactionClient;
export type ReferralRow = Prisma.ReferralGetPayload<object>;

export const DECISION_TEMPLATE = 'vru.tag-referral-decision';
export const MORE_INFO_TEMPLATE = 'vru.tag-referral-more-information';
const VRU_STAFF: readonly Role[] = [Role.VruCoordinator, Role.VruManager, Role.VruPractitioner];

/**
 * What every referral use case (one per file in this folder) needs: the database, the configured rules, the
 * Temporal client, and the helpers they share: load a referral locked and in the caller's scope, check and make a
 * status move with its decision-log row and outbox event, move a tag through its lifecycle, signal the episode.
 */
export class ReferralContext {
  readonly log = createLogger('ReferralsService');

  constructor(
    readonly prisma: PrismaService,
    readonly settings: TagSettings,
    readonly temporal: TemporalClient,
  ) {}

  isStaff(p: Principal) {
    return p.roles.some((r) => VRU_STAFF.includes(r));
  }

  /** A referrer sees only its own organisation's referrals (issue 11 §1); VRU staff see all. */
  scope(p: Principal): Prisma.ReferralWhereInput {
    if (this.isStaff(p)) return {};
    if (p.roles.includes(Role.PartnerReferrer) && p.organisation) return { organisation: p.organisation };
    return { id: '00000000-0000-0000-0000-000000000000' };
  }

  async lock(tx: Tx, id: string, p: Principal): Promise<ReferralRow> {
    await tx.$queryRaw`SELECT 1 FROM referral WHERE id = ${id}::uuid FOR UPDATE`;
    const r = await tx.referral.findFirst({ where: { id, ...this.scope(p) } });
    if (!r) throw new NotFoundError('Referral', id);
    return r;
  }

  move(r: ReferralRow, action: ReferralAction): ReferralStatus {
    const to = nextReferralStatus(r.status as ReferralStatus, action);
    if (!to)
      throw new ConflictError(
        `A referral that is ${r.status} cannot be ${action.toLowerCase().replace('_', ' ')}ed; open now: ${openActions(r.status as ReferralStatus).join(', ') || 'nothing (closed)'}`,
      );
    return to;
  }

  async transition(
    tx: Tx,
    r: ReferralRow,
    action: ReferralAction,
    to: ReferralStatus,
    p: Principal,
    reason: string | null,
    data: Prisma.ReferralUpdateInput,
    tagSerial = '',
    extra: { fittedOn?: string; plannedEndOn?: string } = {},
  ) {
    await tx.referral.update({
      where: { id: r.id },
      data: { ...data, status: to, version: { increment: 1 } },
    });
    await tx.decisionLog.create({
      data: { referralId: r.id, action, fromStatus: r.status, toStatus: to, actor: p.subject, reason },
    });
    await this.event(tx, r, PAST[action], r.status, to, p, reason ?? '', { tagSerial, ...extra });
  }

  async event(
    tx: Tx,
    r: ReferralRow,
    action: string,
    from: string,
    to: string,
    p: Principal,
    reason: string,
    extra: { tagSerial?: string; fittedOn?: string; plannedEndOn?: string } = {},
  ) {
    await appendToOutbox(
      tx,
      Topics.tagReferralUpdated,
      buildEvent(
        Topics.tagReferralUpdated,
        {
          aggregateId: r.id,
          actor: userActor(p),
          correlationId: currentCorrelationId(),
          processing: Processing.ALTERATION,
        },
        {
          referralId: r.id,
          reference: r.reference,
          action,
          fromStatus: from,
          toStatus: to,
          reason,
          tagSerial: extra.tagSerial ?? r.tagSerial ?? '',
          pool: r.pool,
          fittedOn: extra.fittedOn ?? '',
          plannedEndOn: extra.plannedEndOn ?? '',
          riskLevel: r.riskLevel,
        },
      ),
    );
  }

  async moveTag(tx: Tx, serial: string, from: string, to: string, referralId: string | null, actor: string) {
    const { count } = await tx.tag.updateMany({
      where: { serial, status: from },
      data: { status: to, referralId: to === 'IN_STOCK' ? null : referralId, updatedAt: new Date() },
    });
    if (count === 0) throw new ConflictError(`Tag ${serial} is not ${from}`);
    await tx.tagMovement.create({ data: { serial, fromStatus: from, toStatus: to, referralId, actor } });
  }

  async releaseTag(tx: Tx, r: ReferralRow, p: Principal) {
    await tx.$queryRaw`SELECT 1 FROM pool WHERE code = ${r.pool} FOR UPDATE`;
    await this.moveTag(tx, r.tagSerial!, 'ALLOCATED', 'IN_STOCK', r.id, p.subject);
    await tx.$executeRaw`UPDATE pool SET in_use = in_use - 1 WHERE code = ${r.pool}`;
  }

  async waitingPosition(tx: Tx, r: ReferralRow): Promise<number> {
    const [row] = await tx.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM referral w
       WHERE w.status = 'AWAITING_DEVICE' AND w.pool = ${r.pool}
         AND (${RISK_RANK_SQL(r.riskLevel)} > (CASE w.risk_level WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 ELSE 2 END)
              OR (${RISK_RANK_SQL(r.riskLevel)} = (CASE w.risk_level WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 ELSE 2 END)
                  AND w.waiting_since <= ${r.waitingSince ?? new Date()}))`;
    return row.n;
  }

  async signal(referralId: string, signal: string, arg: unknown) {
    try {
      await this.temporal.workflow.getHandle(episodeWorkflowId(referralId)).signal(signal, arg);
    } catch (err) {
      // The workflow reads the record every day, so a missed signal is caught up by the next day's work.
      this.log.warn({ referralId, signal, err: (err as Error).message }, 'episode workflow not signalled');
    }
  }
}

const RISK_RANK_SQL = (risk: string) => (risk === 'HIGH' ? 0 : risk === 'MEDIUM' ? 1 : 2);

const PAST: Record<ReferralAction, string> = {
  ACCEPT: 'ACCEPTED',
  DECLINE: 'DECLINED',
  REQUEST_INFO: 'MORE_INFO_REQUESTED',
  PROVIDE_INFO: 'INFO_PROVIDED',
  CONSENT_COMPLETE: 'CONSENT_COMPLETE',
  ALLOCATE: 'ALLOCATED',
  FIT: 'FITTED',
  END_DUE: 'END_DUE',
  REMOVE: 'REMOVED',
  CLOSE: 'CLOSED',
  WITHDRAW: 'WITHDRAWN',
};
