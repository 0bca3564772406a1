// The review clock workflow on the time-skipping test server: real (week-long) clocks, no waiting.
import { temporalTestServerPath } from '@oversight/temporal';
import { waitFor } from '@oversight/testing';
import { WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { recommendationResponseDeadline, requestForInformation } from '@oversight/complaint-review-rules';
import { endOfLondonDay, todayInLondon } from '@oversight/nest-platform';
import { caseFileDueDate } from '../../src/case-file/case-file.rules';
import {
  CLOCK_MET_SIGNAL,
  CLOCK_STATE_QUERY,
  REVIEW_CLOCK_WORKFLOW,
  ReviewClockKind,
  ReviewClockState,
  reviewClockWorkflowId,
} from '../../src/workflows/review-clock.types';
import {
  acknowledgementClock,
  clockEventTimes,
  installQuietTemporalRuntime,
  RecordingActivities,
  uniqueTaskQueue,
  workflowArg,
  WORKFLOWS_PATH,
} from './review-clock.fixtures';

const DAY_MS = 24 * 3600_000;

describe('reviewClockWorkflow (time-skipping)', () => {
  let testEnv: TestWorkflowEnvironment;
  let workflowBundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    installQuietTemporalRuntime();
    // Bundled once per file, from the entry the real worker loads (its workflowsPath).
    workflowBundle = await bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      logger: new DefaultLogger('WARN'),
    });
  });

  // A test server per test (about a second to start). One shared server would not do: each time a
  // workflow completes while time skipping is unlocked (awaiting its result), the Java test server
  // jumps its clock 10 years ahead (its default execution timeout, left behind), so later tests
  // would start in the 2030s, outside the bank holiday calendar the due dates are computed with.
  beforeEach(async () => {
    testEnv = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
    });
  });

  afterEach(async () => {
    await testEnv?.teardown();
  });

  let taskQueue: string;
  beforeEach(() => (taskQueue = uniqueTaskQueue('review-clock-ts')));

  /** A worker with recording activities on the test's task queue, for the length of `fn`. */
  async function withWorker<T>(
    recorder: RecordingActivities,
    fn: () => Promise<T>,
    { maxCachedWorkflows }: { maxCachedWorkflows?: number } = {},
  ): Promise<T> {
    const worker = await Worker.create({
      connection: testEnv.nativeConnection,
      taskQueue,
      workflowBundle,
      activities: recorder.activities,
      maxCachedWorkflows,
    });
    return worker.runUntil(fn());
  }

  function start(clock: ReturnType<typeof acknowledgementClock>) {
    return testEnv.client.workflow.start(REVIEW_CLOCK_WORKFLOW, {
      taskQueue,
      workflowId: clock.workflowId,
      args: [workflowArg(clock)],
    });
  }

  const state = (handle: WorkflowHandle) => handle.query<ReviewClockState>(CLOCK_STATE_QUERY);
  const running = (handle: WorkflowHandle) =>
    waitFor(
      'the clock to be running',
      () => state(handle),
      (s) => s.status === 'RUNNING',
    );

  it('is MET when the clockMet signal comes before the deadline, and never records a breach', async () => {
    const recorder = new RecordingActivities();
    const clock = acknowledgementClock();
    const { result, history } = await withWorker(recorder, async () => {
      const handle = await start(clock);
      await running(handle);
      await testEnv.sleep('2 days'); // met part-way through the week
      await handle.signal(CLOCK_MET_SIGNAL);
      return { result: await handle.result(), history: await handle.fetchHistory() };
    });

    expect(result).toEqual({ status: 'MET', dueOn: clock.dueOn, breachAt: clock.breachAt });
    expect(recorder.calls.map((c) => c.name)).toEqual(['recordClockMet']);
    expect(recorder.calls[0].input).toEqual({
      workflowId: clock.workflowId,
      correlationId: clock.correlationId,
    });
    const t = clockEventTimes(history);
    expect(t.signalled! - t.started!).toBeGreaterThanOrEqual(2 * DAY_MS);
    expect(t.completed!).toBeLessThan(Date.parse(clock.breachAt)); // finished without the timer firing
    expect(t.timerFired).toBeUndefined();
    expect(t.activitiesScheduled).toEqual(['recordClockMet']);
  });

  it('is BREACHED when no signal comes: the timer really runs to the deadline (skipped, not shortened)', async () => {
    const recorder = new RecordingActivities();
    const clock = acknowledgementClock();
    const wallStart = Date.now();

    const { result, history } = await withWorker(recorder, async () => {
      const handle = await start(clock);
      return { result: await handle.result(), history: await handle.fetchHistory() };
    });

    expect(result).toEqual({ status: 'BREACHED', dueOn: clock.dueOn, breachAt: clock.breachAt });
    expect(recorder.calls.map((c) => c.name)).toEqual(['recordClockBreached']);
    expect(recorder.calls[0].input).toEqual({
      workflowId: clock.workflowId,
      correlationId: clock.correlationId,
    });
    const t = clockEventTimes(history);
    // 5 working days are at least 7 calendar days, less the part of today already gone.
    expect(Date.parse(clock.breachAt) - t.started!).toBeGreaterThan(6 * DAY_MS);
    expect(t.timerFired!).toBeGreaterThanOrEqual(Date.parse(clock.breachAt));
    expect(t.completed!).toBeGreaterThanOrEqual(Date.parse(clock.breachAt));
    expect(await testEnv.currentTimeMs()).toBeGreaterThanOrEqual(Date.parse(clock.breachAt));
    expect(Date.now() - wallStart).toBeLessThan(30_000); // a week, skipped
  });

  it('answers the state query with RUNNING and the due date while it waits', async () => {
    const recorder = new RecordingActivities();
    const clock = acknowledgementClock();
    const final = await withWorker(recorder, async () => {
      const handle = await start(clock);
      expect(await running(handle)).toEqual({
        status: 'RUNNING',
        dueOn: clock.dueOn,
        breachAt: clock.breachAt,
      });

      await testEnv.sleep('4 days'); // still inside the clock
      expect(await testEnv.currentTimeMs()).toBeLessThan(Date.parse(clock.breachAt));
      expect(await state(handle)).toEqual({
        status: 'RUNNING',
        dueOn: clock.dueOn,
        breachAt: clock.breachAt,
      });
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
      await withWorker(recorder, async () => {
        const handle = await start(clock);
        expect((await handle.result()).status).toBe('BREACHED');
        await expect(handle.signal(CLOCK_MET_SIGNAL)).rejects.toMatchObject({
          name: 'WorkflowNotFoundError',
        });
        expect(await state(handle)).toMatchObject({ status: 'BREACHED' });
      });
      expect(recorder.calls.map((c) => c.name)).toEqual(['recordClockBreached']);
    });

    it('when it comes while the breach is being recorded (activity in flight)', async () => {
      const recorder = new RecordingActivities();
      const releaseBreach = recorder.hold('recordClockBreached');
      const clock = acknowledgementClock();
      const result = await withWorker(recorder, async () => {
        const handle = await start(clock);
        await running(handle);
        // Skip to just past the deadline, then leave the server's clock locked (real time) while the
        // activity is held, so no skip can run into the activity's start-to-close timeout.
        await testEnv.sleep(Date.parse(clock.breachAt) - (await testEnv.currentTimeMs()) + 1_000);
        await waitFor(
          'the breach activity to start',
          async () => recorder.callsOf('recordClockBreached').length,
          (n) => n === 1,
        );

        await handle.signal(CLOCK_MET_SIGNAL);
        expect(await state(handle)).toMatchObject({ status: 'BREACHED' });

        releaseBreach();
        await waitFor(
          'the workflow to complete',
          async () => (await handle.describe()).status.name,
          (s) => s === 'COMPLETED',
        );
        return handle.result();
      });
      expect(result.status).toBe('BREACHED');
      expect(recorder.calls.map((c) => c.name)).toEqual(['recordClockBreached']);
    });

    it('when no worker was polling at the deadline, so the fired timer and the later signal reach the workflow together', async () => {
      const recorder = new RecordingActivities();
      const clock = acknowledgementClock();
      const handle = await withWorker(
        recorder,
        async () => {
          const h = await start(clock);
          await running(h);
          return h;
        },
        // Uncached: a cached workflow gets its next task on the worker's sticky queue, and the Java
        // test server never moves a task from a dead worker's sticky queue back to the normal one
        // (a real server does after the sticky schedule-to-start timeout).
        { maxCachedWorkflows: 0 },
      );
      // No worker now (a deploy, a crash). Once the timer has fired its workflow task waits for a
      // worker and the test server's clock runs at real speed: a second past the deadline.
      await testEnv.sleep(Date.parse(clock.breachAt) - (await testEnv.currentTimeMs()) + 1_000);
      await handle.signal(CLOCK_MET_SIGNAL);

      const { result, history } = await withWorker(recorder, async () => ({
        result: await handle.result(),
        history: await handle.fetchHistory(),
      }));

      const t = clockEventTimes(history);
      expect(t.timerFired!).toBeLessThan(t.signalled!); // the history says: breached, then signalled
      expect(result.status).toBe('BREACHED');
      expect(recorder.calls.map((c) => c.name)).toEqual(['recordClockBreached']);
    });
  });

  it('is MET when the signal says it was met before the deadline, even if it is handled after it', async () => {
    const recorder = new RecordingActivities();
    const clock = acknowledgementClock();
    const handle = await withWorker(
      recorder,
      async () => {
        const h = await start(clock);
        await running(h);
        return h;
      },
      { maxCachedWorkflows: 0 },
    );
    const metAt = new Date(Date.parse(clock.breachAt) - 60_000).toISOString(); // a minute before the deadline
    await testEnv.sleep(Date.parse(clock.breachAt) - (await testEnv.currentTimeMs()) + 1_000);
    await handle.signal(CLOCK_MET_SIGNAL, { metAt });

    const result = await withWorker(recorder, () => handle.result());
    expect(result.status).toBe('MET');
    expect(recorder.calls).toEqual([
      expect.objectContaining({ name: 'recordClockMet', input: expect.objectContaining({ metAt }) }),
    ]);
  });

  it('breaches at once, without a timer, when breachAt is already past', async () => {
    const recorder = new RecordingActivities();
    const clock = acknowledgementClock({ breachAt: new Date(Date.now() - 3600_000) });
    const { result, history } = await withWorker(recorder, async () => {
      const handle = await start(clock);
      return { result: await handle.result(), history: await handle.fetchHistory() };
    });

    expect(result).toEqual({ status: 'BREACHED', dueOn: clock.dueOn, breachAt: clock.breachAt });
    expect(recorder.calls.map((c) => c.name)).toEqual(['recordClockBreached']);
    const t = clockEventTimes(history);
    expect(t.timerStarted).toBeUndefined();
    expect(t.completed! - t.started!).toBeLessThan(60_000);
  });

  // The same workflow type runs every other review deadline; each kind with its real period, as its
  // starter computes it (defaults of complaint-reviews.env.ts), skipped, not shortened.
  const today = todayInLondon();
  const otherClocks: Array<[ReviewClockKind, string, string]> = [
    ['INFORMATION_REQUEST', requestForInformation(['COMPLAINT_DATE'], today).respondBy, '1.2.6 [U]: 28 days'],
    ['CASE_FILE_REQUEST', caseFileDueDate(today, 10), '1.4.2 [U]: 10 working days'],
    ['RECOMMENDATION_RESPONSE', recommendationResponseDeadline(today).dueDate, '1.4.5 [U]: 56 days'],
  ];

  it.each(otherClocks)('%s clock (due %s, %s): met half-way → MET', async (kind, dueOn) => {
    const recorder = new RecordingActivities();
    const clock = kindClock(kind, dueOn);
    const halfway = Math.floor((Date.parse(clock.breachAt) - Date.now()) / 2);
    const result = await withWorker(recorder, async () => {
      const handle = await start(clock);
      await running(handle);
      await testEnv.sleep(halfway);
      await handle.signal(CLOCK_MET_SIGNAL);
      return handle.result();
    });
    expect(result).toEqual({ status: 'MET', dueOn, breachAt: clock.breachAt });
    expect(recorder.calls.map((c) => c.name)).toEqual(['recordClockMet']);
  });

  it.each(otherClocks)(
    '%s clock (due %s, %s): no answer → BREACHED at the deadline, escalated',
    async (kind, dueOn) => {
      const recorder = new RecordingActivities();
      const clock = kindClock(kind, dueOn);
      const { result, history } = await withWorker(recorder, async () => {
        const handle = await start(clock);
        return { result: await handle.result(), history: await handle.fetchHistory() };
      });
      expect(result).toEqual({ status: 'BREACHED', dueOn, breachAt: clock.breachAt });
      // recordClockBreached marks the row and escalates to the manager (review-clock.activities.int-spec).
      expect(recorder.calls.map((c) => [c.name, c.input.workflowId])).toEqual([
        ['recordClockBreached', clock.workflowId],
      ]);
      const t = clockEventTimes(history);
      expect(t.timerFired!).toBeGreaterThanOrEqual(Date.parse(clock.breachAt));
    },
  );
});

/** A clock of another kind as its starter builds it: due at the end of `dueOn`, UK time. */
function kindClock(kind: ReviewClockKind, dueOn: string) {
  const clock = acknowledgementClock();
  return {
    ...clock,
    kind,
    dueOn,
    breachAt: endOfLondonDay(dueOn).toISOString(),
    workflowId: reviewClockWorkflowId(clock.applicationId, kind),
  };
}
