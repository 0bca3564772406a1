import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload, Ctx } from '@nestjs/microservices';
import { EventOf, Topics } from '@oversight/contracts';
import { HandlerContext } from '@oversight/messaging';
import { endOfLondonDay } from '@oversight/nest-platform';
import { isAlreadyStarted } from '@oversight/temporal';
import { completionClock, completionClockStart } from '@oversight/complaint-review-rules';
import { addWorkingDays, defaultEnglandAndWalesCalendar } from '@oversight/working-days';
import { Client as TemporalClient } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { ComplaintReviewsEnv } from '../config/complaint-reviews.env';
import { ReviewClockStarter } from './review-clock.starter';
import { Prisma } from '../generated/prisma/client';
import { reviewRulesSettings } from '../assessment/review-rules.settings';
import {
  COMPLETION_CLOCK_WORKFLOW,
  CompletionClockInput,
  completionClockWorkflowId,
} from '../workflows/completion-clock.types';
import { CLOCK_MET_SIGNAL, ClockMetSignal, reviewClockWorkflowId } from '../workflows/review-clock.types';

/** The England and Wales calendar in use (the shipped list or the operator's update: BANK_HOLIDAYS_FILE). */
const calendar = () => defaultEnglandAndWalesCalendar();

/** The action on `review-status-changed` that accepts the review for the OPCC and starts its completion clock. */
export const COMPLETION_CLOCK_STARTS_ON = 'REVIEW_BODY_CONFIRMED_LPB';

/** The action that starts the request-for-information clock (its period is [U] config, default 28 days). */
export const INFORMATION_REQUEST_CLOCK_STARTS_ON = 'INFORMATION_REQUESTED';

/** Breach at the end of the due day and warn from the start of the warning day, UK time. */
export function completionInstants(clock: { dueDate: string; warningDate: string }) {
  const dayBefore = new Date(Date.parse(`${clock.warningDate}T00:00:00Z`) - 86_400_000)
    .toISOString()
    .slice(0, 10);
  return {
    dueOn: clock.dueDate,
    breachAt: endOfLondonDay(clock.dueDate).toISOString(),
    warnAt: endOfLondonDay(dayBefore).toISOString(),
  };
}

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
    private readonly clocks: ReviewClockStarter,
  ) {}

  @EventPattern(Topics.reviewApplicationReceived.name)
  async onApplicationReceived(
    @Payload() event: EventOf<typeof Topics.reviewApplicationReceived>,
    @Ctx() ctx: HandlerContext,
  ) {
    const tx = ctx.tx as unknown as Prisma.TransactionClient;
    const dueOn = addWorkingDays(event.receivedOn, this.env.ACKNOWLEDGEMENT_WORKING_DAYS, calendar());
    await this.clocks.start(tx, this.at(event), 'ACKNOWLEDGEMENT', dueOn);
    // Acknowledged before this clock started (the API's signal found no workflow): meet it now, as of
    // then. Read after the start, so an acknowledgement committed in between is seen here or signalled
    // by the API to the running clock.
    const acknowledged = await tx.decisionLogEntry.findFirst({
      where: { applicationId: event.applicationId, action: 'ACKNOWLEDGED' },
      select: { occurredAt: true },
    });
    if (acknowledged) {
      const signal: ClockMetSignal = { metAt: acknowledged.occurredAt.toISOString() };
      await this.temporal.workflow
        .getHandle(reviewClockWorkflowId(event.applicationId, 'ACKNOWLEDGEMENT'))
        .signal(CLOCK_MET_SIGNAL, signal);
    }
  }

  /**
   * Starts the completion clock (domain.md 1.4.7 [S]) when the OPCC is confirmed as the review body,
   * from the consumer as the acknowledgement clock is, counting from the configured start event
   * (completionClockStart: receipt by default). Deterministic workflow id; row upserted.
   */
  @EventPattern(Topics.reviewStatusChanged.name)
  async onStatusChanged(
    @Payload() event: EventOf<typeof Topics.reviewStatusChanged>,
    @Ctx() ctx: HandlerContext,
  ) {
    const tx = ctx.tx as unknown as Prisma.TransactionClient;
    if (event.action === INFORMATION_REQUEST_CLOCK_STARTS_ON)
      return this.startInformationRequestClock(tx, event);
    if (event.action !== COMPLETION_CLOCK_STARTS_ON) return;
    if (!(await this.clocks.caseTakes(tx, event.applicationId, 'COMPLETION'))) return;
    const rules = reviewRulesSettings(this.env);
    const { receivedOn } = await tx.reviewApplication.findUniqueOrThrow({
      where: { id: event.applicationId },
      select: { receivedOn: true },
    });
    // One definition of the start (rules library): receipt by default, so back-dated intake counts.
    const start = completionClockStart(
      { receivedOn: receivedOn.toISOString().slice(0, 10), acceptedOn: event.effectiveOn },
      rules,
    )!;
    const clock = completionClock({ acceptedOn: start.startedOn }, rules, calendar());
    const workflowId = completionClockWorkflowId(event.applicationId);
    await tx.reviewClock.upsert({
      where: { workflowId },
      create: {
        id: randomUUID(),
        applicationId: event.applicationId,
        kind: 'COMPLETION',
        dueOn: new Date(`${clock.dueDate}T00:00:00Z`),
        // Midday UTC of the start day: the day the stops are counted from (see use-cases/restart-clock).
        startedAt: new Date(`${start.startedOn}T12:00:00Z`),
        workflowId,
      },
      update: {},
    });
    const input: CompletionClockInput = {
      applicationId: event.applicationId,
      ...completionInstants(clock),
      correlationId: event.metadata.correlationId,
    };
    try {
      await this.temporal.workflow.start(COMPLETION_CLOCK_WORKFLOW, {
        workflowId,
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        args: [input],
        memo: { correlationId: event.metadata.correlationId },
      });
    } catch (err) {
      if (!isAlreadyStarted(err)) throw err;
    }
  }

  /**
   * The force's response to the recommendations of an upheld review has its own clock (domain.md
   * 1.4.5 [U], 1.5.9: configurable period), met when the last recommendation has its response. It runs
   * from the day the outcome letter went to the force (NotificationDispatchedConsumer); only when no
   * letter could be requested does it run from the decision date.
   */
  @EventPattern(Topics.reviewDecided.name)
  async onDecided(@Payload() event: EventOf<typeof Topics.reviewDecided>, @Ctx() ctx: HandlerContext) {
    if (event.recommendationCount <= 0) return;
    const tx = ctx.tx as unknown as Prisma.TransactionClient;
    if (await hasLetter(tx, event.applicationId, 'complaint-review.outcome-force')) return;
    await this.clocks.start(
      tx,
      this.at(event),
      'RECOMMENDATION_RESPONSE',
      this.clocks.recommendationResponseDue(event.decidedOn),
    );
  }

  /**
   * The applicant's reply to a request for information, as a reviewClockWorkflow of its own kind. It
   * runs from the day the request letter went (NotificationDispatchedConsumer); only when no letter
   * could be requested (no address) does it run from the day of the request.
   */
  private async startInformationRequestClock(
    tx: Prisma.TransactionClient,
    event: EventOf<typeof Topics.reviewStatusChanged>,
  ): Promise<void> {
    if (await hasLetter(tx, event.applicationId, 'complaint-review.information-request')) return;
    await this.clocks.start(
      tx,
      this.at(event),
      'INFORMATION_REQUEST',
      this.clocks.informationRequestDue(event.effectiveOn),
    );
  }

  private at(event: { applicationId: string; metadata?: { correlationId: string } }) {
    return { applicationId: event.applicationId, correlationId: event.metadata?.correlationId ?? '' };
  }
}

async function hasLetter(tx: Prisma.TransactionClient, applicationId: string, templateKey: string) {
  return !!(await tx.letter.findFirst({ where: { applicationId, templateKey }, select: { id: true } }));
}
