import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '@oversight/domain-errors';
import { Client as TemporalClient } from '@temporalio/client';
import {
  CLOCK_MET_SIGNAL,
  CLOCK_STATE_QUERY,
  ClockMetSignal,
  ReviewClockKind,
  ReviewClockState,
  reviewClockWorkflowId,
} from '../workflows/review-clock.types';

@Injectable()
export class ClocksService {
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

  async state(applicationId: string, kind: ReviewClockKind): Promise<ReviewClockState> {
    return this.temporal.workflow
      .getHandle(reviewClockWorkflowId(applicationId, kind))
      .query<ReviewClockState>(CLOCK_STATE_QUERY);
  }
}
