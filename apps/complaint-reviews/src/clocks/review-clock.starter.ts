import { Inject, Injectable } from '@nestjs/common';
import { recommendationResponseDeadline, requestForInformation } from '@oversight/complaint-review-rules';
import { endOfLondonDay } from '@oversight/nest-platform';
import { createLogger } from '@oversight/observability';
import { isAlreadyStarted } from '@oversight/temporal';
import { defaultEnglandAndWalesCalendar } from '@oversight/working-days';
import { Client as TemporalClient } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { reviewRulesSettings } from '../assessment/review-rules.settings';
import { ComplaintReviewsEnv } from '../config/complaint-reviews.env';
import { Prisma } from '../generated/prisma/client';
import {
  REVIEW_CLOCK_WORKFLOW,
  ReviewClockInput,
  ReviewClockKind,
  reviewClockWorkflowId,
} from '../workflows/review-clock.types';

const log = createLogger('ReviewClockStarter');

/**
 * Starts review clocks (reviewClockWorkflow) from consumers, never inside an HTTP request: the row is
 * upserted in the consumer's transaction and the workflow id is deterministic, so a redelivered
 * event starts nothing twice.
 */
@Injectable()
export class ReviewClockStarter {
  constructor(
    private readonly env: ComplaintReviewsEnv,
    @Inject(TemporalClient) private readonly temporal: TemporalClient,
  ) {}

  /**
   * Whether the case can still have this clock, read under a share lock held to the end of the
   * consumer's transaction: an action that closes the case (withdrawal, closure, passing to the IOPC,
   * a decision) locks the case for update, so it either waits for this start and then cancels and
   * ends the clock, or has committed first and no clock is started. Without this, a consumer running
   * just after a closure started a clock on a closed case.
   */
  async caseTakes(
    tx: Prisma.TransactionClient,
    applicationId: string,
    kind: ReviewClockKind,
  ): Promise<boolean> {
    const [row] = await tx.$queryRaw<Array<{ status: string }>>`
      SELECT status::text AS status FROM review_application WHERE id = ${applicationId}::uuid FOR SHARE`;
    if (!row) return false;
    return kind === 'RECOMMENDATION_RESPONSE'
      ? row.status === 'DECIDED'
      : row.status === 'RECEIVED' || row.status === 'UNDER_REVIEW';
  }

  /** A clock of the given kind due at the end of `dueOn` (UK time), unless the case can no longer have it. */
  async start(
    tx: Prisma.TransactionClient,
    at: { applicationId: string; correlationId: string },
    kind: ReviewClockKind,
    dueOn: string,
  ): Promise<void> {
    if (!(await this.caseTakes(tx, at.applicationId, kind))) {
      log.info({ applicationId: at.applicationId, kind }, 'clock not started: the case is closed');
      return;
    }
    const workflowId = reviewClockWorkflowId(at.applicationId, kind);
    await tx.reviewClock.upsert({
      where: { workflowId },
      create: {
        id: randomUUID(),
        applicationId: at.applicationId,
        kind,
        dueOn: new Date(`${dueOn}T00:00:00Z`),
        workflowId,
      },
      update: {},
    });
    const input: ReviewClockInput = {
      applicationId: at.applicationId,
      kind,
      dueOn,
      breachAt: endOfLondonDay(dueOn).toISOString(),
      correlationId: at.correlationId,
    };
    try {
      await this.temporal.workflow.start(REVIEW_CLOCK_WORKFLOW, {
        workflowId,
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        args: [input],
        memo: { correlationId: at.correlationId },
      });
    } catch (err) {
      if (!isAlreadyStarted(err)) throw err;
    }
  }

  /** The applicant's reply is due this long after the request reached them (1.2.6 [U]). */
  informationRequestDue(sentOn: string): string {
    return requestForInformation(
      ['IN_WRITING'],
      sentOn,
      reviewRulesSettings(this.env),
      defaultEnglandAndWalesCalendar(),
    ).respondBy;
  }

  /** The force's response to recommendations is due this long after the outcome letter (1.4.5 [U]). */
  recommendationResponseDue(sentOn: string): string {
    return recommendationResponseDeadline(
      sentOn,
      reviewRulesSettings(this.env),
      defaultEnglandAndWalesCalendar(),
    ).dueDate;
  }
}

/** The letters whose sending starts a clock: the clock runs from the day the letter went. */
export const CLOCK_STARTING_LETTERS = {
  'complaint-review.information-request': 'INFORMATION_REQUEST',
  'complaint-review.outcome-force': 'RECOMMENDATION_RESPONSE',
} as const satisfies Record<string, ReviewClockKind>;
