import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CautionChange, EventOf, timestampDate, Topics } from '@oversight/contracts';
import { HandlerContext } from '@oversight/messaging';
import { Prisma } from '../generated/prisma/client';

export const LINK_KINDS = { oocrDisposal: 'OOCR_DISPOSAL', tagReferral: 'TAG_REFERRAL' } as const;

interface Heard {
  kind: string;
  reference: string;
  status: string;
  change: string;
  at: Date;
}

/**
 * Issue 12 §8: a swap may sit alongside an out-of-court disposal or a Buddi tag episode of the same young person.
 * The referral holds the other record's reference; what this service knows about that record (does it exist, its
 * status) comes only from the other services' events, kept here by reference, never from their databases.
 * Idempotent: the inbox drops redelivered events, and an older event never overwrites a newer one.
 */
@Controller()
export class LinkedRecordsConsumer {
  @EventPattern(Topics.disposalRecorded.name)
  async onDisposalRecorded(
    @Payload() e: EventOf<typeof Topics.disposalRecorded>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    await this.heard(ctx, {
      kind: LINK_KINDS.oocrDisposal,
      reference: e.reference,
      status: 'RECORDED',
      change: `RECORDED ${e.disposalType}`,
      at: when(e),
    });
  }

  @EventPattern(Topics.cautionUpdated.name)
  async onCautionUpdated(
    @Payload() e: EventOf<typeof Topics.cautionUpdated>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    await this.heard(ctx, {
      kind: LINK_KINDS.oocrDisposal,
      reference: e.reference,
      status: e.status,
      change: CautionChange[e.change] ?? String(e.change),
      at: when(e),
    });
  }

  @EventPattern(Topics.tagReferralReceived.name)
  async onTagReferralReceived(
    @Payload() e: EventOf<typeof Topics.tagReferralReceived>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    await this.heard(ctx, {
      kind: LINK_KINDS.tagReferral,
      reference: e.reference,
      status: 'RECEIVED',
      change: 'RECEIVED',
      at: when(e),
    });
  }

  @EventPattern(Topics.tagReferralUpdated.name)
  async onTagReferralUpdated(
    @Payload() e: EventOf<typeof Topics.tagReferralUpdated>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    await this.heard(ctx, {
      kind: LINK_KINDS.tagReferral,
      reference: e.reference,
      status: e.toStatus,
      change: e.action,
      at: when(e),
    });
  }

  private async heard(ctx: HandlerContext, h: Heard): Promise<void> {
    if (!h.reference) return;
    const tx = ctx.tx as unknown as Prisma.TransactionClient;
    // Only a newer event moves the record on (events of one record can arrive out of order across topics).
    await tx.$executeRawUnsafe(
      `INSERT INTO linked_record (kind, reference, status, last_change, last_event_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (kind, reference) DO UPDATE
         SET status = EXCLUDED.status, last_change = EXCLUDED.last_change, last_event_at = EXCLUDED.last_event_at
       WHERE linked_record.last_event_at <= EXCLUDED.last_event_at`,
      h.kind,
      h.reference,
      h.status || 'UNKNOWN',
      h.change,
      h.at,
    );
  }
}

const when = (e: { metadata?: { occurredAt?: Parameters<typeof timestampDate>[0] } }): Date =>
  e.metadata?.occurredAt ? timestampDate(e.metadata.occurredAt) : new Date();
