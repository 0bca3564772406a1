// Records the review clock workflow's histories for the replay test
// (apps/complaint-reviews/test/workflows/review-clock.replay.int-spec.ts).
//
// usage: node -r ./tools/register.js tools/temporal/record-review-clock-histories.ts [SCENARIO...]
//
// Runs each scenario on the time-skipping test server (deploy/local/temporal-test-server.sh install)
// against the current workflow code, with in-memory activities, and writes its history to
// apps/complaint-reviews/test/histories/review-clock-<scenario>.json. Re-record after a deliberate,
// compatible change to the workflow; never re-record to make a failing replay pass: a replay
// failure means workflows already running in production would break. Keep the old files that
// running workflows may still have (e.g. histories written by an earlier version of the code).
import { WorkflowHandle } from '@temporalio/client';
import {
  acknowledgementClock,
  RecordingActivities,
  workflowArg,
} from '../../apps/complaint-reviews/test/workflows/review-clock.fixtures';
import {
  CLOCK_MET_SIGNAL,
  CLOCK_STATE_QUERY,
  REVIEW_CLOCK_WORKFLOW,
  ReviewClockState,
} from '../../apps/complaint-reviews/src/workflows/review-clock.types';
import { RecorderContext, runHistoryRecorder, until, untilCompleted } from './history-recorder';

interface ScenarioContext extends Omit<RecorderContext, 'withWorker'> {
  /** Runs a worker (recording activities) until `fn` settles. */
  withWorker<T>(fn: () => Promise<T>, recorder?: RecordingActivities): Promise<T>;
  start(breachAt?: Date): Promise<{ handle: WorkflowHandle; breachAt: string }>;
}

const untilRunning = (handle: WorkflowHandle) =>
  until(
    'clock reporting RUNNING',
    async () => (await handle.query<ReviewClockState>(CLOCK_STATE_QUERY)).status === 'RUNNING',
    100,
  );

/** Each scenario leaves one completed workflow; its history is what gets saved. */
const SCENARIOS: Record<string, (ctx: ScenarioContext) => Promise<WorkflowHandle>> = {
  // clockMet signal two days into a five-working-day clock
  met: ({ env, withWorker, start }) =>
    withWorker(async () => {
      const { handle } = await start();
      await untilRunning(handle);
      await env.sleep('2 days');
      await handle.signal(CLOCK_MET_SIGNAL);
      await handle.result();
      return handle;
    }),

  // no signal: the timer fires at the deadline
  breached: ({ withWorker, start }) =>
    withWorker(async () => {
      const { handle } = await start();
      await handle.result();
      return handle;
    }),

  // clockMet signal while the breach activity is in flight
  'signal-during-breach': async ({ env, withWorker, start }) => {
    const recorder = new RecordingActivities();
    const release = recorder.hold('recordClockBreached');
    return withWorker(async () => {
      const { handle, breachAt } = await start();
      await untilRunning(handle);
      await env.sleep(Date.parse(breachAt) - (await env.currentTimeMs()) + 1_000);
      while (recorder.calls.length === 0) await new Promise((r) => setTimeout(r, 50));
      await handle.signal(CLOCK_MET_SIGNAL);
      release();
      await untilCompleted(handle);
      return handle;
    }, recorder);
  },

  // no worker polling at the deadline; clockMet comes after it, in the same workflow task as the timer
  'signal-after-breach-worker-down': async ({ env, withWorker, start }) => {
    const { handle, breachAt } = await start();
    await withWorker(() => untilRunning(handle));
    // Locked time skipping resumes at real speed once the fired timer's workflow task is pending.
    await env.sleep(Date.parse(breachAt) - (await env.currentTimeMs()) + 1_000);
    await handle.signal(CLOCK_MET_SIGNAL);
    return withWorker(async () => {
      await handle.result();
      return handle;
    });
  },

  // breachAt already past when the clock starts
  'already-past': ({ withWorker, start }) =>
    withWorker(async () => {
      const { handle } = await start(new Date(Date.now() - 3600_000));
      await handle.result();
      return handle;
    }),
};

runHistoryRecorder<ScenarioContext>({
  what: 'review clock',
  filePrefix: 'review-clock',
  scenarios: SCENARIOS,
  context: (base) => ({
    ...base,
    withWorker: (fn, recorder = new RecordingActivities()) => base.withWorker(fn, recorder.activities),
    async start(breachAt) {
      const clock = acknowledgementClock({ breachAt, applicationId: base.applicationId });
      const handle = await base.env.client.workflow.start(REVIEW_CLOCK_WORKFLOW, {
        taskQueue: base.taskQueue,
        workflowId: clock.workflowId,
        args: [workflowArg(clock)],
      });
      return { handle, breachAt: clock.breachAt };
    },
  }),
});
