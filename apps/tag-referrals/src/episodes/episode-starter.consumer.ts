import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventOf, Topics } from '@oversight/contracts';
import { HandlerContext } from '@oversight/messaging';
import { isAlreadyStarted } from '@oversight/temporal';
import { contactEveryDays, RiskLevel } from '@oversight/tag-rules';
import { Client as TemporalClient } from '@temporalio/client';
import { TagSettings } from '../config/tag-settings';
import { TagReferralsEnv } from '../config/tag-referrals.env';
import { EPISODE_WORKFLOW, EpisodeInput, episodeWorkflowId } from '../workflows/episode.types';

/** Starts the episode workflow when a tag is fitted (from the service's own event; deterministic workflow id). */
@Controller()
export class EpisodeStarterConsumer {
  constructor(
    private readonly env: TagReferralsEnv,
    private readonly settings: TagSettings,
    @Inject(TemporalClient) private readonly temporal: TemporalClient,
  ) {}

  @EventPattern(Topics.tagReferralUpdated.name)
  async onUpdated(
    @Payload() event: EventOf<typeof Topics.tagReferralUpdated>,
    @Ctx() _ctx: HandlerContext,
  ): Promise<void> {
    if (event.action !== 'FITTED') return;
    const risk = event.riskLevel as RiskLevel;
    const input: EpisodeInput = {
      referralId: event.referralId,
      reference: event.reference,
      fittedOn: event.fittedOn,
      plannedEnd: event.plannedEndOn,
      riskLevel: risk,
      contactEveryDays: contactEveryDays(risk, this.settings.rules),
      plannedEndReminderDays: this.settings.plannedEndReminderDays,
      removalOverdueDays: this.settings.removalOverdueDays,
      followUpMonths: [...this.settings.rules.followUpMonths],
      correlationId: event.metadata.correlationId,
    };
    try {
      await this.temporal.workflow.start(EPISODE_WORKFLOW, {
        workflowId: episodeWorkflowId(event.referralId),
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        args: [input],
        memo: { correlationId: event.metadata.correlationId, reference: event.reference },
      });
    } catch (err) {
      if (!isAlreadyStarted(err)) throw err;
    }
  }
}
