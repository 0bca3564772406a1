import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventOf, ReviewOutcome, Topics } from '@oversight/contracts';
import { HandlerContext } from '@oversight/messaging';
import { endOfLondonDay } from '@oversight/nest-platform';
import { isAlreadyStarted } from '@oversight/temporal';
import { Client as TemporalClient } from '@temporalio/client';
import { OocrSettings } from '../config/oocr-settings';
import { OocrEnv } from '../config/oocr.env';
import { Prisma } from '../generated/prisma/client';
import { REFERRAL_WORKFLOW, ReferralFollowUpInput, referralWorkflowId } from '../workflows/referral.types';

/** Starts the follow-up of a community resolution referred back to its officer (from the review's event). */
@Controller()
export class ReferralStarterConsumer {
  constructor(
    private readonly env: OocrEnv,
    private readonly settings: OocrSettings,
    @Inject(TemporalClient) private readonly temporal: TemporalClient,
  ) {}

  @EventPattern(Topics.resolutionReviewed.name)
  async onResolutionReviewed(
    @Payload() event: EventOf<typeof Topics.resolutionReviewed>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    if (event.outcome !== ReviewOutcome.REFERRED_BACK || !event.referralId) return;
    const tx = ctx.tx as unknown as Prisma.TransactionClient;
    const referral = await tx.reviewReferral.findUnique({
      where: { id: event.referralId },
      select: { status: true },
    });
    if (referral?.status !== 'OPEN') return; // already done before the follow-up started
    const input: ReferralFollowUpInput = {
      referralId: event.referralId,
      disposalId: event.disposalId,
      officerId: event.issuingOfficerId,
      dueOn: event.actionsDueOn,
      overdueAt: endOfLondonDay(event.actionsDueOn).toISOString(),
      reminderEveryMs: this.settings.referral.reminderEveryDays * 86_400_000,
      maxReminders: this.settings.referral.maxReminders,
      correlationId: event.metadata.correlationId,
    };
    try {
      await this.temporal.workflow.start(REFERRAL_WORKFLOW, {
        workflowId: referralWorkflowId(event.referralId),
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        args: [input],
        memo: { correlationId: event.metadata.correlationId, reference: event.reference },
      });
    } catch (err) {
      if (!isAlreadyStarted(err)) throw err;
    }
  }
}
