import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventOf, Topics } from '@oversight/contracts';
import { HandlerContext, PermanentProcessingError } from '@oversight/messaging';
import { createLogger } from '@oversight/observability';
import { isAlreadyStarted } from '@oversight/temporal';
import { Client as TemporalClient } from '@temporalio/client';
import { day } from '../common/dates';
import { KnifeSwapsEnv } from '../config/knife-swaps.env';
import { Prisma } from '../generated/prisma/client';
import { SWAP_WORKFLOW, swapWorkflowId, SwapWorkflowInput } from '../workflows/swap.types';

const DAY_MS = 86_400_000;
/** A date's wait ends at the start of the next day (UK), i.e. once the whole due day has passed. */
const endOfDay = (isoDate: string) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + DAY_MS).toISOString();

/**
 * Starts the swap's workflow when a swap is recorded (vru.knife-swap-referral-updated.v1, change RECORD_SWAP): from
 * the consumer, never inside the HTTP request, so a swap committed while Temporal is down still gets its workflow.
 * Idempotent: the inbox drops a redelivered event, and the workflow id is the swap's.
 */
@Controller()
export class SwapStarterConsumer {
  private readonly log = createLogger('SwapStarterConsumer');

  constructor(
    private readonly env: KnifeSwapsEnv,
    @Inject(TemporalClient) private readonly temporal: TemporalClient,
  ) {}

  @EventPattern(Topics.knifeSwapReferralUpdated.name)
  async onReferralUpdated(
    @Payload() event: EventOf<typeof Topics.knifeSwapReferralUpdated>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    if (event.change !== 'RECORD_SWAP') return;
    const tx = ctx.tx as unknown as Prisma.TransactionClient;
    const s = await tx.swap.findUnique({
      where: { id: event.swapId },
      include: { bag: true, referral: { select: { reference: true } } },
    });
    if (!s || !s.bag) throw new PermanentProcessingError(`no swap ${event.swapId} to start a workflow for`);
    const input: SwapWorkflowInput = {
      swapId: s.id,
      bagId: s.bag.id,
      referralId: s.referralId,
      reference: s.referral.reference,
      chaseAt: endOfDay(day(s.bag.destructionDueOn)),
      escalateAt: new Date(
        Date.parse(endOfDay(day(s.bag.destructionDueOn))) + this.env.SKRS_ESCALATE_AFTER_DAYS * DAY_MS,
      ).toISOString(),
      followUpAt: new Date(Date.parse(`${day(s.followUpDueOn)}T00:00:00Z`)).toISOString(),
      correlationId: event.metadata?.correlationId ?? '',
    };
    try {
      await this.temporal.workflow.start(SWAP_WORKFLOW, {
        workflowId: swapWorkflowId(s.id),
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        args: [input],
        memo: { reference: s.referral.reference },
      });
      this.log.info({ swapId: s.id }, 'swap workflow started');
    } catch (err) {
      if (!isAlreadyStarted(err)) throw err;
    }
  }
}
