// Shared by the review clock workflow tests and tools/temporal/record-review-clock-histories.ts.
import { endOfLondonDay, todayInLondon } from '@oversight/nest-platform';
import { addWorkingDays, defaultEnglandAndWalesCalendar } from '@oversight/working-days';
import { randomUUID } from 'node:crypto';
import type { ClockActivityInput, ReviewClockActivities } from '../../src/clocks/review-clock.activities';
import type { ReviewClockInput } from '../../src/workflows/review-clock.types';
import { reviewClockWorkflowId } from '../../src/workflows/review-clock.types';

/** The worker's workflow bundle entry, as the real worker loads it (temporal-worker.runner.ts). */
export const WORKFLOWS_PATH = require.resolve('../../src/workflows');

const calendar = defaultEnglandAndWalesCalendar();

/**
 * A clock input as the starter builds it: due `workingDays` working days after `receivedOn`,
 * breaching at the end of that day, UK time. With the default 5 working days that is about a week
 * of calendar time: tests never shorten the clock, the time-skipping server skips it.
 */
export function acknowledgementClock(
  opts: { now?: Date; workingDays?: number; breachAt?: Date; applicationId?: string } = {},
): ReviewClockInput & { workflowId: string } {
  const applicationId = opts.applicationId ?? randomUUID();
  const dueOn = addWorkingDays(todayInLondon(opts.now ?? new Date()), opts.workingDays ?? 5, calendar);
  const breachAt = opts.breachAt ?? endOfLondonDay(dueOn);
  return {
    applicationId,
    kind: 'ACKNOWLEDGEMENT',
    dueOn,
    breachAt: breachAt.toISOString(),
    correlationId: `corr-${applicationId}`,
    workflowId: reviewClockWorkflowId(applicationId, 'ACKNOWLEDGEMENT'),
  };
}

/** The workflow's argument: the input without the test's convenience fields. */
export function workflowArg({ workflowId: _workflowId, ...input }: ReviewClockInput & { workflowId: string }): ReviewClockInput {
  return input;
}

export type ClockActivityName = keyof ReviewClockActivities;

export interface ActivityCall {
  name: ClockActivityName;
  input: ClockActivityInput;
  /** Real (wall-clock) time of the call: the time-skipping server's clock is not the process clock. */
  at: number;
}

/**
 * In-memory stand-ins for the clock activities that record every call (the real ones are tested
 * against PostgreSQL in review-clock.activities.int-spec.ts). `hold` makes an activity wait until
 * the test releases it, to act while the activity is in flight.
 */
export class RecordingActivities {
  readonly calls: ActivityCall[] = [];
  private readonly holds = new Map<ClockActivityName, { released: Promise<void>; release: () => void }>();

  readonly activities: ReviewClockActivities = {
    recordClockMet: (input) => this.record('recordClockMet', input),
    recordClockBreached: (input) => this.record('recordClockBreached', input),
  };

  hold(name: ClockActivityName): () => void {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    this.holds.set(name, { released, release });
    return release;
  }

  callsOf(name: ClockActivityName): ActivityCall[] {
    return this.calls.filter((c) => c.name === name);
  }

  private async record(name: ClockActivityName, input: ClockActivityInput): Promise<void> {
    this.calls.push({ name, input, at: Date.now() });
    await this.holds.get(name)?.released;
  }
}

/** A task queue of the test's own, so workers of different tests never take each other's tasks. */
export function uniqueTaskQueue(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}
