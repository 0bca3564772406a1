// Durability of a running clock on a real Temporal server of the test's own (a dev server persisted
// to its own sqlite file): the Temporal server is SIGKILLed and restarted mid-clock, and the worker
// is replaced mid-clock. The shared server on 7233 is never touched.
import { PrivateTemporal, waitFor } from '@oversight/testing';
import { Client, Connection, WorkflowHandle } from '@temporalio/client';
import {
  bundleWorkflowCode,
  DefaultLogger,
  NativeConnection,
  Worker,
  WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import {
  CLOCK_STATE_QUERY,
  REVIEW_CLOCK_WORKFLOW,
  ReviewClockState,
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

const NAMESPACE = 'default';

describe('reviewClockWorkflow across restarts (private Temporal server)', () => {
  const temporal = new PrivateTemporal('wf-restart', 17233);
  let workflowBundle: WorkflowBundleWithSourceMap;
  let clientConnection: Connection;
  let client: Client;
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    installQuietTemporalRuntime();
    temporal.reset();
    temporal.start();
    workflowBundle = await bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      logger: new DefaultLogger('WARN'),
    });
    clientConnection = await Connection.connect({ address: temporal.address, connectTimeout: '5s' });
    client = new Client({ connection: clientConnection, namespace: NAMESPACE });
  });

  afterEach(async () => {
    // Workers left running by a failed test.
    while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
  });

  afterAll(async () => {
    await clientConnection?.close();
    temporal.kill();
  });

  /** A real worker (own native connection, the workflow bundle, recording activities), running. */
  async function startWorker(taskQueue: string, recorder: RecordingActivities) {
    const connection = await NativeConnection.connect({ address: temporal.address });
    const worker = await Worker.create({
      connection,
      namespace: NAMESPACE,
      taskQueue,
      workflowBundle,
      activities: recorder.activities,
    });
    let outcome: 'running' | 'stopped' | Error = 'running';
    const run = worker.run().then(
      () => (outcome = 'stopped'),
      (err: Error) => (outcome = err),
    );
    let stopped: Promise<void> | undefined;
    const stop = () =>
      (stopped ??= (async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await run;
        await connection.close();
      })());
    cleanups.push(stop);
    return { worker, stop, outcome: () => outcome };
  }

  async function startClock(taskQueue: string, breachInMs: number) {
    const clock = acknowledgementClock({ breachAt: new Date(Date.now() + breachInMs) });
    const handle = await client.workflow.start(REVIEW_CLOCK_WORKFLOW, {
      taskQueue,
      workflowId: clock.workflowId,
      args: [workflowArg(clock)],
    });
    await waitFor(
      'the clock to be running',
      () => handle.query<ReviewClockState>(CLOCK_STATE_QUERY),
      (s) => s.status === 'RUNNING',
    );
    return { clock, handle };
  }

  const timerFired = async (handle: WorkflowHandle) =>
    clockEventTimes(await handle.fetchHistory()).timerFired !== undefined;

  it('completes BREACHED, recording the breach once, when the Temporal server is SIGKILLed and restarted while the clock sleeps', async () => {
    const taskQueue = uniqueTaskQueue('review-clock-restart');
    const recorder = new RecordingActivities();
    const w = await startWorker(taskQueue, recorder);
    const { clock, handle } = await startClock(taskQueue, 9_000);

    const killedAt = Date.now();
    temporal.kill();
    temporal.start(); // returns once the server is SERVING again
    const upAt = Date.now();
    expect(killedAt).toBeLessThan(Date.parse(clock.breachAt)); // the server died while the clock slept

    const result = await handle.result(); // the client reconnects by itself
    const doneAt = Date.now();

    expect(result).toEqual({ status: 'BREACHED', dueOn: clock.dueOn, breachAt: clock.breachAt });
    expect(recorder.calls.map((c) => c.name)).toEqual(['recordClockBreached']);
    // The worker that was running before the kill reconnected by itself and did the work.
    expect(w.outcome()).toBe('running');
    expect(w.worker.getState()).toBe('RUNNING');
    console.log(
      `[restart] temporal server outage ${upAt - killedAt} ms; completed ${doneAt - upAt} ms after it was back, ` +
        `${doneAt - Date.parse(clock.breachAt)} ms after breachAt; breach activity ran ${recorder.calls.length}x; worker survived: ${w.outcome() === 'running'}`,
    );
    await w.stop();
  });

  it('completes BREACHED when its worker is shut down while the clock sleeps and a new worker comes after the deadline', async () => {
    const taskQueue = uniqueTaskQueue('review-clock-worker-restart');
    const recorder = new RecordingActivities();
    const first = await startWorker(taskQueue, recorder);
    const { clock, handle } = await startClock(taskQueue, 5_000);

    await first.stop(); // a deploy: the worker drains and exits while the clock sleeps
    expect(first.outcome()).toBe('stopped');

    // The timer fires in the server with no worker polling; nothing is recorded yet.
    await waitFor('the timer to fire with no worker', () => timerFired(handle), Boolean, {
      timeoutMs: 30_000,
      intervalMs: 250,
    });
    expect(recorder.calls).toEqual([]);

    const secondAt = Date.now();
    const second = await startWorker(taskQueue, recorder);
    const result = await handle.result();
    const doneAt = Date.now();

    expect(result).toEqual({ status: 'BREACHED', dueOn: clock.dueOn, breachAt: clock.breachAt });
    expect(recorder.calls.map((c) => c.name)).toEqual(['recordClockBreached']);
    console.log(`[restart] new worker completed the breached clock ${doneAt - secondAt} ms after it started`);
    await second.stop();
  });
});
