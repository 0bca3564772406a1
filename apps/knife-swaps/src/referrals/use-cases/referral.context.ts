import { Principal } from '@oversight/auth';
import { NotFoundError, RuleViolationError } from '@oversight/domain-errors';
import {
  isDomesticAbuse,
  isReferralReason,
  nextReferralStatus,
  ReferralAction,
  ReferralStatus,
} from '@oversight/knife-swap-rules';
import { Client as TemporalClient } from '@temporalio/client';
import { day } from '../../common/dates';
import { emit, Processing, Topics } from '../../common/events';
import { KnifeSwapsEnv } from '../../config/knife-swaps.env';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../infrastructure/prisma.service';

export type Tx = Prisma.TransactionClient;
export type ReferralRow = Prisma.ReferralGetPayload<{ include: { swap: true } }>;

/**
 * Prisma's defaults (2 s to get a connection, 5 s for the whole transaction) failed swaps with a 500 when the
 * 2-core machine was loaded and several officers issued from one store at once (queued on its balance row): a
 * change may wait longer rather than fail. Measured with tools/bench/knife-swaps-bench.ts.
 */
export const CHANGE_TX = { maxWait: 10_000, timeout: 20_000 };

/** What a change may return besides referral columns: passed back to the caller, not written to the referral. */
export interface ChangeExtras {
  /** Runs after the referral's own update, inside the transaction (the kit leaves the store last). */
  issueKit?: () => Promise<unknown>;
  swapId?: string;
  bagId?: string;
  followUpDueOn?: string;
  destructionDueOn?: string;
}

/**
 * What every referral use case (one per file in this folder) needs: the database, the settings, Temporal, and
 * the locked, checked change of one referral with its event.
 */
export class ReferralContext {
  constructor(
    readonly prisma: PrismaService,
    readonly env: KnifeSwapsEnv,
    readonly temporal: TemporalClient,
  ) {}

  get districts(): string[] {
    return this.env.SKRS_DISTRICTS.split(',');
  }

  /**
   * A locked, checked change of one referral: it locks the row, checks the transition table of
   * @oversight/knife-swap-rules, lets `apply` write what it needs and return referral columns to set, then
   * updates the referral and writes its event to the outbox, all in one transaction.
   */
  async change(
    id: string,
    p: Principal,
    action: ReferralAction,
    processing: Processing,
    apply: (tx: Tx, r: ReferralRow) => Promise<Prisma.ReferralUpdateInput & ChangeExtras>,
  ) {
    return this.prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRawUnsafe<unknown[]>(
        `SELECT 1 FROM referral WHERE id = $1::uuid FOR UPDATE`,
        id,
      );
      if (!locked.length) throw new NotFoundError('Referral', id);
      const r = await tx.referral.findUniqueOrThrow({ where: { id }, include: { swap: true } });
      const t = nextReferralStatus(r.status as ReferralStatus, action);
      if (!t.ok && action === 'RECORD_SWAP' && ['REFERRED', 'DISCUSSED', 'ELIGIBLE'].includes(r.status))
        throw new RuleViolationError([
          {
            rule: 'SKRS_CONSENT_REQUIRED',
            field: 'consent',
            message: `${r.reference} is ${r.status}: record the householder's consent to replace all pointed knives before the swap (domain.md 3.3.1, 3.3.5).`,
          },
        ]);
      if (!t.ok) throw new RuleViolationError([t.violation]);
      const { issueKit, swapId, bagId, followUpDueOn, destructionDueOn, ...columns } = await apply(tx, r);
      const updated = await tx.referral.update({
        where: { id },
        data: { ...columns, status: t.status, version: { increment: 1 } },
        include: { swap: true },
      });
      await this.event(tx, updated, p, action, processing);
      if (action === 'RECORD_DISCUSSION' || action === 'WITHDRAW')
        await tx.coordinatorTask.updateMany({
          where: { referralId: id, kind: 'DISCUSS_REFERRAL', doneAt: null },
          data: { doneAt: new Date(), doneBy: p.subject },
        });
      const stock = issueKit ? await issueKit() : undefined;
      return {
        id,
        reference: r.reference,
        status: t.status,
        version: updated.version,
        ...(swapId ? { swapId, bagId, followUpDueOn, destructionDueOn, stock } : {}),
      };
    }, CHANGE_TX);
  }

  /** The referral's event (pseudonymous: the household id, never its address or people). */
  async event(tx: Tx, r: ReferralRow, p: Principal, change: string, processing: Processing) {
    const s = r.swap;
    await emit(tx, Topics.knifeSwapReferralUpdated, r.id, p, processing, {
      referralId: r.id,
      reference: r.reference,
      status: r.status,
      change,
      referralReason: r.reason,
      referringAgency: r.referringAgency,
      referringOrganisation: r.referringOrganisation,
      district: r.district,
      domesticAbuse: isReferralReason(r.reason) && isDomesticAbuse(r.reason),
      householdId: r.householdId,
      oocrDisposalRef: r.oocrDisposalRef ?? '',
      tagEpisodeRef: r.tagEpisodeRef ?? '',
      swapId: s?.id ?? '',
      swappedOn: s ? day(s.swappedOn) : '',
      kitType: s?.kitType ?? '',
      kitQuantity: s?.kitQuantity ?? 0,
      knivesSurrendered: s?.knivesSurrendered ?? 0,
      followUpDueOn: s ? day(s.followUpDueOn) : '',
      followUpOutcome: s?.followUpOutcome ?? '',
    });
  }
}
