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
import { temporalTestServerPath } from '@oversight/temporal';
import { WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import {
  acknowledgementClock,
  installQuietTemporalRuntime,
  RecordingActivities,
  workflowArg,
  WORKFLOWS_PATH,
} from '../../apps/complaint-reviews/test/workflows/review-clock.fixtures';
import { historyToJson } from '../../apps/complaint-reviews/test/workflows/history-json';
import {
  CLOCK_MET_SIGNAL,
  CLOCK_STATE_QUERY,
  REVIEW_CLOCK_WORKFLOW,
  ReviewClockState,
} from '../../apps/complaint-reviews/src/workflows/review-clock.types';

const REPO_ROOT = resolve(__dirname, '../..');
export const HISTORIES_DIR = join(REPO_ROOT, 'apps/complaint-reviews/test/histories');
const TASK_QUEUE = 'review-clock-histories';

interface ScenarioContext {
  env: TestWorkflowEnvironment;
  /** Runs a worker (recording activities) until `fn` settles. */
  withWorker<T>(fn: () => Promise<T>, recorder?: RecordingActivities): Promise<T>;
  start(breachAt?: Date): Promise<{ handle: WorkflowHandle; breachAt: string }>;
}

const untilRunning = async (handle: WorkflowHandle) => {
  for (let i = 0; i < 100; i++) {
    if ((await handle.query<ReviewClockState>(CLOCK_STATE_QUERY)).status === 'RUNNING') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('clock never reported RUNNING');
};

const untilCompleted = async (handle: WorkflowHandle) => {
  for (let i = 0; i < 300; i++) {
    if ((await handle.describe()).status.name === 'COMPLETED') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('workflow never completed');
};

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

async function record(name: string, workflowBundle: WorkflowBundleWithSourceMap): Promise<string> {
  // A fresh server per scenario: the test server jumps 10 years ahead after each completed workflow.
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
  });
  try {
    const ctx: ScenarioContext = {
      env,
      async withWorker(fn, recorder = new RecordingActivities()) {
        const worker = await Worker.create({
          connection: env.nativeConnection,
          taskQueue: TASK_QUEUE,
          workflowBundle,
          activities: recorder.activities,
          maxCachedWorkflows: 0, // every task replays the history so far, as after a worker restart
        });
        return worker.runUntil(fn());
      },
      async start(breachAt) {
        const clock = acknowledgementClock({ breachAt, applicationId: scenarioApplicationId(name) });
        const handle = await env.client.workflow.start(REVIEW_CLOCK_WORKFLOW, {
          taskQueue: TASK_QUEUE,
          workflowId: clock.workflowId,
          args: [workflowArg(clock)],
        });
        return { handle, breachAt: clock.breachAt };
      },
    };
    const handle = await SCENARIOS[name](ctx);
    const history = await handle.fetchHistory();
    const file = join(HISTORIES_DIR, `review-clock-${name}.json`);
    // formatted as `npm run format` would, so a re-recorded file passes format:check
    writeFileSync(
      file,
      await format(historyToJson(history), { ...(await resolveConfig(file)), filepath: file }),
    );
    return `${relative(REPO_ROOT, file)} (${history.events?.length} events, result ${JSON.stringify(await handle.result())})`;
  } finally {
    await env.teardown();
  }
}

/** Stable ids, so a re-recorded file differs from the old one only where the workflow changed (and in times). */
function scenarioApplicationId(name: string): string {
  const hex = Buffer.from(name).toString('hex').padEnd(12, '0').slice(0, 12);
  return `00000000-0000-4000-8000-${hex}`;
}

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((n) => !(n in SCENARIOS));
  if (unknown.length)
    throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  installQuietTemporalRuntime();
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: new DefaultLogger('WARN'),
  });
  for (const name of wanted.length ? wanted : Object.keys(SCENARIOS)) {
    console.log(`[oversight] recorded ${await record(name, workflowBundle)}`);
  }
}

main().catch((err) => {
  console.error(`[oversight] could not record review clock histories: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
