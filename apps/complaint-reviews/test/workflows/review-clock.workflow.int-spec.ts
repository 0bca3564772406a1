// The review clock workflow on the time-skipping test server: real (week-long) clocks, no waiting.
import { temporalTestServerPath } from '@oversight/temporal';
import { waitFor } from '@oversight/testing';
import { WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { CLOCK_MET_SIGNAL, CLOCK_STATE_QUERY, REVIEW_CLOCK_WORKFLOW, ReviewClockState } from '../../src/workflows/review-clock.types';
import { acknowledgementClock, RecordingActivities, uniqueTaskQueue, workflowArg, WORKFLOWS_PATH } from './review-clock.fixtures';

const DAY_MS = 24 * 3600_000;

describe('reviewClockWorkflow (time-skipping)', () => {
  let testEnv: TestWorkflowEnvironment;
  let workflowBundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    [testEnv, workflowBundle] = await Promise.all([
      TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: temporalTestServerPath() } } }),
      // Bundled once per file from the same entry the real worker loads (workflowsPath).
      bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger }),
    ]);
  });

  afterAll(async () => {
    await testEnv?.teardown();
  });

  /** A worker with recording activities, on a task queue of the test's own, for the length of `fn`. */
  async function withWorker<T>(recorder: RecordingActivities, fn: (taskQueue: string) => Promise<T>): Promise<T> {
    const taskQueue = uniqueTaskQueue('review-clock-ts');
    const worker = await Worker.create({ connection: testEnv.nativeConnection, taskQueue, workflowBundle, activities: recorder.activities });
    return worker.runUntil(fn(taskQueue));
  }

  function start(taskQueue: string, clock: ReturnType<typeof acknowledgementClock>) {
    return testEnv.client.workflow.start(REVIEW_CLOCK_WORKFLOW, { taskQueue, workflowId: clock.workflowId, args: [workflowArg(clock)] });
  }

  const state = (handle: WorkflowHandle) => handle.query<ReviewClockState>(CLOCK_STATE_QUERY);

  it('is MET when the clockMet signal comes before the deadline, and never records a breach', async () => {
    const recorder = new RecordingActivities();
    const clock = acknowledgementClock();
    const result = await withWorker(recorder, async (taskQueue) => {
      const handle = await start(taskQueue, clock);
      await waitFor('the clock to be running', () => state(handle), (s) => s.status === 'RUNNING');
      await testEnv.sleep('2 days'); // met part-way through the week
      await handle.signal(CLOCK_MET_SIGNAL);
      return handle.result();
    });

    expect(result).toEqual({ status: 'MET', dueOn: clock.dueOn, breachAt: clock.breachAt });
    expect(recorder.calls.map((c) => c.name)).toEqual(['recordClockMet']);
    expect(recorder.calls[0].input).toEqual({ workflowId: clock.workflowId, correlationId: clock.correlationId });
    // Met on day 2: the workflow finished without the server's clock reaching the deadline.
    expect(await testEnv.currentTimeMs()).toBeLessThan(Date.parse(clock.breachAt));
  });

  it('is BREACHED when no signal comes: the timer really runs to the deadline (skipped, not shortened)', async () => {
    const recorder = new RecordingActivities();
    const clock = acknowledgementClock();
    const serverStart = await testEnv.currentTimeMs();
    const wallStart = Date.now();
    expect(Date.parse(clock.breachAt) - serverStart).toBeGreaterThan(5 * DAY_MS); // 5 working days ≥ 7 calendar days, less today

    const result = await withWorker(recorder, async (taskQueue) => (await start(taskQueue, clock)).result());

    expect(result).toEqual({ status: 'BREACHED', dueOn: clock.dueOn, breachAt: clock.breachAt });
    expect(recorder.calls.map((c) => c.name)).toEqual(['recordClockBreached']);
    expect(recorder.calls[0].input).toEqual({ workflowId: clock.workflowId, correlationId: clock.correlationId });
    expect(await testEnv.currentTimeMs()).toBeGreaterThanOrEqual(Date.parse(clock.breachAt));
    expect(Date.now() - wallStart).toBeLessThan(30_000);
  });

  it('answers the state query with RUNNING and the due date while it waits', async () => {
    const recorder = new RecordingActivities();
    const clock = acknowledgementClock();
    const final = await withWorker(recorder, async (taskQueue) => {
      const handle = await start(taskQueue, clock);
      const first = await waitFor('the first workflow task', () => state(handle), (s) => s.status === 'RUNNING');
      expect(first).toEqual({ status: 'RUNNING', dueOn: clock.dueOn, breachAt: clock.breachAt });

      await testEnv.sleep('4 days'); // still inside the clock
      expect(await state(handle)).toEqual({ status: 'RUNNING', dueOn: clock.dueOn, breachAt: clock.breachAt });
      expect(recorder.calls).toEqual([]);

      await handle.result();
      return state(handle); // a completed workflow still answers queries
    });
    expect(final).toEqual({ status: 'BREACHED', dueOn: clock.dueOn, breachAt: clock.breachAt });
  });

  describe('a clockMet signal after the breach does not make the clock MET', () => {
    it('when the breach is already recorded (the workflow has completed): the signal is refused', async () => {
      const recorder = new RecordingActivities();
      const clock = acknowledgementClock();
      await withWorker(recorder, async (taskQueue) => {
        const handle = await start(taskQueue, clock);
        expect((await handle.result()).status).toBe('BREACHED');
        await expect(handle.signal(CLOCK_MET_SIGNAL)).rejects.toMatchObject({ name: 'WorkflowNotFoundError' });
        expect(await state(handle)).toMatchObject({ status: 'BREACHED' });
      });
      expect(recorder.calls.map((c) => c.name)).toEqual(['recordClockBreached']);
    });

    it('when it comes while the breach is being recorded (activity in flight)', async () => {
      const recorder = new RecordingActivities();
      const releaseBreach = recorder.hold('recordClockBreached');
      const clock = acknowledgementClock();
      const result = await withWorker(recorder, async (taskQueue) => {
        const handle = await start(taskQueue, clock);
        await waitFor('the clock to be running', () => state(handle), (s) => s.status === 'RUNNING');
        // Skip just past the deadline, then keep the server's clock locked (real time) while the
        // activity is held, so the skip cannot run into the activity's start-to-close timeout.
        await testEnv.sleep(Date.parse(clock.breachAt) - (await testEnv.currentTimeMs()) + 1_000);
        await waitFor('the breach activity to start', async () => recorder.callsOf('recordClockBreached').length, (n) => n === 1);

        await handle.signal(CLOCK_MET_SIGNAL);
        expect(await state(handle)).toMatchObject({ status: 'BREACHED' });

        releaseBreach();
        await waitFor('the workflow to complete', async () => (await handle.describe()).status.name, (s) => s === 'COMPLETED');
        return handle.result();
      });
      expect(result.status).toBe('BREACHED');
      expect(recorder.calls.map((c) => c.name)).toEqual(['recordClockBreached']);
    });
  });

  it('breaches at once, without a timer, when breachAt is already past', async () => {
    const recorder = new RecordingActivities();
    const clock = acknowledgementClock({ breachAt: new Date(Date.now() - 3600_000) });
    const serverStart = await testEnv.currentTimeMs();
    const { result, history } = await withWorker(recorder, async (taskQueue) => {
      const handle = await start(taskQueue, clock);
      return { result: await handle.result(), history: await handle.fetchHistory() };
    });

    expect(result).toEqual({ status: 'BREACHED', dueOn: clock.dueOn, breachAt: clock.breachAt });
    expect(recorder.calls.map((c) => c.name)).toEqual(['recordClockBreached']);
    expect(history.events?.some((e) => e.timerStartedEventAttributes)).toBe(false);
    expect((await testEnv.currentTimeMs()) - serverStart).toBeLessThan(60_000);
  });
});

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (msg: string) => console.warn(msg),
  error: (msg: string) => console.error(msg),
};
