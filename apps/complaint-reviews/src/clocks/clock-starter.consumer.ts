import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload, Ctx } from '@nestjs/microservices';
import { EventOf, Topics } from '@oversight/contracts';
import { HandlerContext } from '@oversight/messaging';
import { endOfLondonDay } from '@oversight/nest-platform';
import { isAlreadyStarted } from '@oversight/temporal';
import { addWorkingDays, defaultEnglandAndWalesCalendar } from '@oversight/working-days';
import { Client as TemporalClient } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { ComplaintReviewsEnv } from '../config/complaint-reviews.env';
import { Prisma } from '../generated/prisma/client';
import {
  REVIEW_CLOCK_WORKFLOW,
  ReviewClockInput,
  reviewClockWorkflowId,
} from '../workflows/review-clock.types';

const calendar = defaultEnglandAndWalesCalendar();

/**
 * Starts the acknowledgement clock when an application is received. Runs from the Kafka consumer,
 * never inside the HTTP request: the request only commits the row and its outbox event.
 * Idempotent twice over: the inbox drops a redelivered event, and the workflow id is deterministic.
 */
@Controller()
export class ClockStarterConsumer {
  constructor(
    private readonly env: ComplaintReviewsEnv,
    @Inject(TemporalClient) private readonly temporal: TemporalClient,
  ) {}

  @EventPattern(Topics.reviewApplicationReceived.name)
  async onApplicationReceived(
    @Payload() event: EventOf<typeof Topics.reviewApplicationReceived>,
    @Ctx() ctx: HandlerContext,
  ) {
    const tx = ctx.tx as unknown as Prisma.TransactionClient;
    const dueOn = addWorkingDays(event.receivedOn, this.env.ACKNOWLEDGEMENT_WORKING_DAYS, calendar);
    const workflowId = reviewClockWorkflowId(event.applicationId, 'ACKNOWLEDGEMENT');
    await tx.reviewClock.upsert({
      where: { workflowId },
      create: {
        id: randomUUID(),
        applicationId: event.applicationId,
        kind: 'ACKNOWLEDGEMENT',
        dueOn: new Date(`${dueOn}T00:00:00Z`),
        workflowId,
      },
      update: {},
    });
    const input: ReviewClockInput = {
      applicationId: event.applicationId,
      kind: 'ACKNOWLEDGEMENT',
      dueOn,
      breachAt: endOfLondonDay(dueOn).toISOString(),
      correlationId: event.metadata.correlationId,
    };
    try {
      await this.temporal.workflow.start(REVIEW_CLOCK_WORKFLOW, {
        workflowId,
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        args: [input],
        memo: { correlationId: event.metadata.correlationId },
      });
    } catch (err) {
      if (!isAlreadyStarted(err)) throw err;
    }
  }
}
