import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '@oversight/domain-errors';
import { createLogger } from '@oversight/observability';
import { Client as TemporalClient } from '@temporalio/client';
import {
  CLOCK_MET_SIGNAL,
  CLOCK_STATE_QUERY,
  ClockMetSignal,
  ReviewClockKind,
  ReviewClockState,
  reviewClockWorkflowId,
} from '../workflows/review-clock.types';
import {
  ClockRestartSignal,
  completionClockWorkflowId,
  RESTART_CLOCK_SIGNAL,
  STOP_CLOCK_SIGNAL,
} from '../workflows/completion-clock.types';

@Injectable()
export class ClocksService {
  private readonly log = createLogger('ClocksService');

  constructor(@Inject(TemporalClient) private readonly temporal: TemporalClient) {}

  async signalMet(applicationId: string, kind: ReviewClockKind): Promise<void> {
    try {
      const signal: ClockMetSignal = { metAt: new Date().toISOString() };
      await this.temporal.workflow
        .getHandle(reviewClockWorkflowId(applicationId, kind))
        .signal(CLOCK_MET_SIGNAL, signal);
    } catch (err) {
      if ((err as Error).name === 'WorkflowNotFoundError')
        throw new NotFoundError(`${kind} clock of review`, applicationId);
      throw err;
    }
  }

  /**
   * Signals the completion clock after the change that caused it has committed. The database row
   * is already right; a clock that has not started yet or has already ended is logged, not an error
   * for the caller.
   */
  async signalCompletion(
    applicationId: string,
    signal: 'met' | 'stop' | { restart: ClockRestartSignal },
  ): Promise<void> {
    const handle = this.temporal.workflow.getHandle(completionClockWorkflowId(applicationId));
    try {
      if (signal === 'met') await handle.signal(CLOCK_MET_SIGNAL, { metAt: new Date().toISOString() });
      else if (signal === 'stop') await handle.signal(STOP_CLOCK_SIGNAL);
      else await handle.signal(RESTART_CLOCK_SIGNAL, signal.restart);
    } catch (err) {
      this.log.warn({ applicationId, err: (err as Error).name }, 'completion clock not signalled');
    }
  }

  /** Meets a review clock if it is running; one that has not started or has ended is logged only. */
  async signalMetIfRunning(applicationId: string, kind: ReviewClockKind): Promise<void> {
    try {
      await this.signalMet(applicationId, kind);
    } catch (err) {
      this.log.info({ applicationId, kind, err: (err as Error).name }, 'clock not signalled');
    }
  }

  /** Ends the clocks of a case closed without a decision (withdrawn, passed to the IOPC, refused). */
  async terminateAll(applicationId: string, reason: string): Promise<void> {
    // Not RECOMMENDATION_RESPONSE (it runs after a decision) nor CASE_FILE_REQUEST (one workflow per
    // request, ended by CaseFileService when the case closes).
    for (const kind of ['ACKNOWLEDGEMENT', 'COMPLETION', 'INFORMATION_REQUEST'] as const) {
      try {
        await this.temporal.workflow.getHandle(reviewClockWorkflowId(applicationId, kind)).terminate(reason);
      } catch (err) {
        this.log.info({ applicationId, kind, err: (err as Error).name }, 'clock not terminated');
      }
    }
  }

  async state(applicationId: string, kind: ReviewClockKind): Promise<ReviewClockState> {
    return this.temporal.workflow
      .getHandle(reviewClockWorkflowId(applicationId, kind))
      .query<ReviewClockState>(CLOCK_STATE_QUERY);
  }
}
