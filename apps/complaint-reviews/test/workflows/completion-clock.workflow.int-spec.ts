// The completion clock (stop-the-clock, warning, breach escalation) on the time-skipping test server.
import { completionClock } from '@oversight/complaint-review-rules';
import { endOfLondonDay, todayInLondon } from '@oversight/nest-platform';
import { temporalTestServerPath } from '@oversight/temporal';
import { waitFor } from '@oversight/testing';
import { addCalendarDays, type IsoDate } from '@oversight/working-days';
import { WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { CompletionClockEventInput } from '../../src/clocks/completion-clock.activities';
import type { ClockActivityInput } from '../../src/clocks/review-clock.activities';
import {
  COMPLETION_CLOCK_WORKFLOW,
  CompletionClockInput,
  CompletionClockState,
  completionClockWorkflowId,
  RESTART_CLOCK_SIGNAL,
  STOP_CLOCK_SIGNAL,
} from '../../src/workflows/completion-clock.types';
import { CLOCK_MET_SIGNAL, CLOCK_STATE_QUERY } from '../../src/workflows/review-clock.types';
import { installQuietTemporalRuntime, uniqueTaskQueue, WORKFLOWS_PATH } from './review-clock.fixtures';

const DAY_MS = 24 * 3600_000;

/** Instants as the starter derives them: breach at the end of the due day, warn from the warning day. */
function instants(clock: { dueDate: IsoDate; warningDate: IsoDate }) {
  return {
    dueOn: clock.dueDate,
    breachAt: endOfLondonDay(clock.dueDate).toISOString(),
    warnAt: endOfLondonDay(addCalendarDays(clock.warningDate, -1)).toISOString(),
  };
}

class Recorder {
  readonly calls: Array<{ name: string; input: ClockActivityInput | CompletionClockEventInput; at: number }> =
    [];
  readonly activities = {
    recordClockMet: async (input: ClockActivityInput) =>
      void this.calls.push({ name: 'recordClockMet', input, at: 0 }),
    recordClockBreached: async (input: ClockActivityInput) =>
      void this.calls.push({ name: 'recordClockBreached', input, at: 0 }),
    recordCompletionClockEvent: async (input: CompletionClockEventInput) =>
      void this.calls.push({ name: `event:${input.event}`, input, at: 0 }),
  };
  names = () => this.calls.map((c) => c.name);
}

describe('completionClockWorkflow (time-skipping)', () => {
  let testEnv: TestWorkflowEnvironment;
  let workflowBundle: WorkflowBundleWithSourceMap;
  let taskQueue: string;
  const today = todayInLondon();

  beforeAll(async () => {
    installQuietTemporalRuntime();
    workflowBundle = await bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      logger: new DefaultLogger('WARN'),
    });
  });

  // A server per test, as in review-clock.workflow.int-spec.ts (the test server's clock jumps ahead
  // when a workflow completes while time skipping is unlocked).
  beforeEach(async () => {
    testEnv = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
    });
    taskQueue = uniqueTaskQueue('completion-clock-ts');
  });

  afterEach(async () => {
    await testEnv?.teardown();
  });

  async function withWorker<T>(recorder: Recorder, fn: () => Promise<T>): Promise<T> {
    const worker = await Worker.create({
      connection: testEnv.nativeConnection,
      taskQueue,
      workflowBundle,
      activities: recorder.activities,
    });
    return worker.runUntil(fn());
  }

  function start(): { handle: Promise<WorkflowHandle>; input: CompletionClockInput } {
    const applicationId = randomUUID();
    const input: CompletionClockInput = {
      applicationId,
      ...instants(completionClock({ acceptedOn: today })),
      correlationId: `corr-${applicationId}`,
    };
    const handle = testEnv.client.workflow.start(COMPLETION_CLOCK_WORKFLOW, {
      taskQueue,
      workflowId: completionClockWorkflowId(applicationId),
      args: [input],
    });
    return { handle, input };
  }

  const state = (h: WorkflowHandle) => h.query<CompletionClockState>(CLOCK_STATE_QUERY);

  it('is MET when the review is decided before the target, with no warning or breach', async () => {
    const recorder = new Recorder();
    const result = await withWorker(recorder, async () => {
      const h = await start().handle;
      await testEnv.sleep('10 days');
      expect((await state(h)).status).toBe('RUNNING');
      await h.signal(CLOCK_MET_SIGNAL);
      return h.result();
    });
    expect(result.status).toBe('MET');
    expect(recorder.names()).toEqual(['recordClockMet']);
  });

  it('warns before the target (28 working days, 1.4.7 [S]), then breaches and escalates to the manager', async () => {
    const recorder = new Recorder();
    const { input, handle } = start();
    const wallStart = Date.now();
    const result = await withWorker(recorder, async () => (await handle).result());
    expect(result).toMatchObject({ status: 'BREACHED', dueOn: input.dueOn, warned: true });
    expect(recorder.names()).toEqual(['event:WARNING', 'recordClockBreached', 'event:ESCALATED']);
    expect(await testEnv.currentTimeMs()).toBeGreaterThanOrEqual(Date.parse(input.breachAt));
    expect(Date.parse(input.breachAt) - Date.parse(`${today}T00:00:00Z`)).toBeGreaterThan(38 * DAY_MS); // ≥ 28 working days
    expect(Date.now() - wallStart).toBeLessThan(30_000);
  });

  it('stops the clock: no breach while stopped, and the restart moves the deadline by the stopped working days', async () => {
    const recorder = new Recorder();
    const { input, handle } = start();
    const stopFrom = addCalendarDays(today, 3);
    const result = await withWorker(recorder, async () => {
      const h = await handle;
      await testEnv.sleep(3 * DAY_MS);
      await h.signal(STOP_CLOCK_SIGNAL);
      await waitFor(
        'the clock to stop',
        () => state(h),
        (s) => s.status === 'STOPPED',
      );
      // Stopped well past the original breach instant: nothing may breach meanwhile.
      await testEnv.sleep(60 * DAY_MS);
      expect(await state(h)).toMatchObject({ status: 'STOPPED', stops: 1 });
      expect(recorder.names()).toEqual([]);
      const restartOn = addCalendarDays(today, 63);
      const moved = completionClock({
        acceptedOn: today,
        stops: [{ from: stopFrom, to: restartOn, reason: 'AWAITING_PSD_FILE' }],
      });
      await h.signal(RESTART_CLOCK_SIGNAL, instants(moved));
      await waitFor(
        'the clock to restart',
        () => state(h),
        (s) => s.status === 'RUNNING' && s.dueOn === moved.dueDate,
      );
      expect(moved.dueDate > input.dueOn).toBe(true);
      return h.result();
    });
    expect(result.status).toBe('BREACHED');
    expect(result.dueOn > input.dueOn).toBe(true);
    expect(recorder.names()).toEqual(['event:WARNING', 'recordClockBreached', 'event:ESCALATED']);
    expect(await testEnv.currentTimeMs()).toBeGreaterThanOrEqual(
      Date.parse(endOfLondonDay(result.dueOn).toISOString()),
    );
  });

  it('can be met while stopped (decided during a stop)', async () => {
    const recorder = new Recorder();
    const result = await withWorker(recorder, async () => {
      const h = await start().handle;
      await h.signal(STOP_CLOCK_SIGNAL);
      await waitFor(
        'the clock to stop',
        () => state(h),
        (s) => s.status === 'STOPPED',
      );
      await h.signal(CLOCK_MET_SIGNAL);
      return h.result();
    });
    expect(result.status).toBe('MET');
    expect(recorder.names()).toEqual(['recordClockMet']);
  });
});
