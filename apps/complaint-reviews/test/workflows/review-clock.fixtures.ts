// Shared by the review clock workflow tests and tools/temporal/record-review-clock-histories.ts.
import { endOfLondonDay, todayInLondon } from '@oversight/nest-platform';
import { addWorkingDays, defaultEnglandAndWalesCalendar } from '@oversight/working-days';
import type { History } from '@temporalio/common/lib/proto-utils';
import { tsToMs } from '@temporalio/common/lib/time';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { ClockActivityInput, ReviewClockActivities } from '../../src/clocks/review-clock.activities';
import type { ReviewClockInput } from '../../src/workflows/review-clock.types';
import { reviewClockWorkflowId } from '../../src/workflows/review-clock.types';

/** The worker's workflow bundle entry, as the real worker loads it (temporal-worker.runner.ts). */
export const WORKFLOWS_PATH = require.resolve('../../src/workflows');

const calendar = defaultEnglandAndWalesCalendar();
const ACKNOWLEDGEMENT_WORKING_DAYS = 5; // the service's default (complaint-reviews.env.ts)

/**
 * An acknowledgement clock input as the starter builds it for an application received today: due 5
 * working days later, breaching at the end of that day, UK time (about a week of calendar time).
 * Tests never shorten the clock: the time-skipping server skips it. `breachAt` overrides the
 * instant, for tests on a real server or of a deadline already past.
 */
export function acknowledgementClock(
  opts: { breachAt?: Date; applicationId?: string } = {},
): ReviewClockInput & { workflowId: string } {
  const applicationId = opts.applicationId ?? randomUUID();
  const dueOn = addWorkingDays(todayInLondon(), ACKNOWLEDGEMENT_WORKING_DAYS, calendar);
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
export function workflowArg({
  workflowId: _workflowId,
  ...input
}: ReviewClockInput & { workflowId: string }): ReviewClockInput {
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

/**
 * Keeps the SDK's logs to warnings and errors. Call before the first worker or native connection of
 * a test file (jest loads the SDK afresh per file, so each file installs its own runtime).
 */
export function installQuietTemporalRuntime(): void {
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN'),
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
    });
  } catch {
    /* already installed in this module registry */
  }
}

/**
 * Server times (ms) of the events that matter to a clock, from its history: the server's clock is
 * the time-skipping one, so these show how far time really moved.
 */
export function clockEventTimes(history: History) {
  const events = history.events ?? [];
  const timeOf = (has: (e: (typeof events)[number]) => unknown) => {
    const e = events.find((x) => has(x));
    return e ? tsToMs(e.eventTime) : undefined;
  };
  return {
    started: timeOf((e) => e.workflowExecutionStartedEventAttributes),
    timerStarted: timeOf((e) => e.timerStartedEventAttributes),
    timerFired: timeOf((e) => e.timerFiredEventAttributes),
    signalled: timeOf((e) => e.workflowExecutionSignaledEventAttributes),
    completed: timeOf((e) => e.workflowExecutionCompletedEventAttributes),
    activitiesScheduled: events
      .filter((e) => e.activityTaskScheduledEventAttributes)
      .map((e) => e.activityTaskScheduledEventAttributes!.activityType?.name),
  };
}
