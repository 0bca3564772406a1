// Shared by the workflow history recorders (record-*-histories.ts in this folder): each scenario
// runs on a fresh time-skipping test server (deploy/local/temporal-test-server.sh install) against
// the current workflow bundle, with in-memory activities, and its history is written to
// apps/complaint-reviews/test/histories/<prefix>-<scenario>.json in the JSON format Temporal's own
// tools write, formatted as `npm run format` would.
import { temporalTestServerPath } from '@oversight/temporal';
import { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { historyToJson } from '@oversight/temporal';
import {
  installQuietTemporalRuntime,
  WORKFLOWS_PATH,
} from '../../apps/complaint-reviews/test/workflows/review-clock.fixtures';

const REPO_ROOT = resolve(__dirname, '../..');
export const HISTORIES_DIR = join(REPO_ROOT, 'apps/complaint-reviews/test/histories');

export type HistoryEvent = NonNullable<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']>[number];

/** What every scenario gets; a recorder adds its own helpers (see `HistoryRecorder.context`). */
export interface RecorderContext {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  /** Stable per scenario, so a re-recorded file differs from the old one only where the workflow changed (and in times). */
  applicationId: string;
  /**
   * Runs a worker with these activities until `fn` settles. It caches no workflow, so every task
   * replays the history so far, as after a worker restart.
   */
  withWorker<T>(fn: () => Promise<T>, activities: object): Promise<T>;
}

export interface HistoryRecorder<C> {
  /** For messages: "review clock". */
  what: string;
  /** File name prefix: "review-clock" writes review-clock-<scenario>.json. */
  filePrefix: string;
  /** Each scenario leaves one closed workflow; its history is what gets saved. */
  scenarios: Record<string, (ctx: C) => Promise<WorkflowHandle>>;
  context(base: RecorderContext): C;
}

/** Polls `check` (real time) until it returns true. */
export async function until(what: string, check: () => Promise<boolean>, attempts = 300): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not reached`);
}

/** Until the workflow has closed (completed, failed or terminated) without asking for its result. */
export const untilCompleted = (handle: WorkflowHandle) =>
  until('workflow completed', async () => (await handle.describe()).status.name === 'COMPLETED');

/** Until the workflow's history has an event matching `has` (e.g. the timer a wait has started). */
export async function untilHistoryHas(
  handle: WorkflowHandle,
  what: string,
  has: (events: HistoryEvent[]) => boolean,
): Promise<void> {
  await until(what, async () => has((await handle.fetchHistory()).events ?? []));
}

function scenarioApplicationId(name: string): string {
  const hex = Buffer.from(name).toString('hex').padEnd(12, '0').slice(0, 12);
  return `00000000-0000-4000-8000-${hex}`;
}

async function record<C>(
  recorder: HistoryRecorder<C>,
  name: string,
  workflowBundle: WorkflowBundleWithSourceMap,
): Promise<string> {
  // A fresh server per scenario: the test server jumps 10 years ahead after each completed workflow.
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
  });
  try {
    const taskQueue = `${recorder.filePrefix}-histories`;
    const base: RecorderContext = {
      env,
      taskQueue,
      applicationId: scenarioApplicationId(name),
      async withWorker(fn, activities) {
        const worker = await Worker.create({
          connection: env.nativeConnection,
          taskQueue,
          workflowBundle,
          activities,
          maxCachedWorkflows: 0,
        });
        return worker.runUntil(fn());
      },
    };
    const handle = await recorder.scenarios[name](recorder.context(base));
    const history = await handle.fetchHistory();
    const file = join(HISTORIES_DIR, `${recorder.filePrefix}-${name}.json`);
    // formatted as `npm run format` would, so a re-recorded file passes format:check
    writeFileSync(
      file,
      await format(historyToJson(history), { ...(await resolveConfig(file)), filepath: file }),
    );
    const closed = history.events?.at(-1);
    const outcome = closed?.workflowExecutionCompletedEventAttributes
      ? `result ${JSON.stringify(await handle.result())}`
      : `closed by ${temporal.api.enums.v1.EventType[closed?.eventType ?? 0]}`;
    return `${relative(REPO_ROOT, file)} (${history.events?.length} events, ${outcome})`;
  } finally {
    await env.teardown();
  }
}

/** The recorder's command line: `[SCENARIO...]`, all of them when none is named. */
export function runHistoryRecorder<C>(recorder: HistoryRecorder<C>): void {
  const main = async () => {
    const wanted = process.argv.slice(2);
    const known = Object.keys(recorder.scenarios);
    const unknown = wanted.filter((n) => !known.includes(n));
    if (unknown.length)
      throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
    installQuietTemporalRuntime();
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      logger: new DefaultLogger('WARN'),
    });
    for (const name of wanted.length ? wanted : known) {
      console.log(`[oversight] recorded ${await record(recorder, name, workflowBundle)}`);
    }
  };
  main().catch((err) => {
    console.error(`[oversight] could not record ${recorder.what} histories: ${(err as Error).stack ?? err}`);
    process.exit(1);
  });
}

/**
 * In-memory activities that record every call under a key (the activity's name, or more, e.g. the
 * event an activity records). `hold(key)` keeps such calls in flight until the scenario releases
 * them, to act while the activity runs.
 */
export class ActivityRecorder {
  readonly calls: Array<{ key: string; input: unknown }> = [];
  private readonly holds = new Map<string, Promise<void>>();

  activity<I>(key: (input: I) => string): (input: I) => Promise<void> {
    return async (input: I) => {
      const k = key(input);
      this.calls.push({ key: k, input });
      await this.holds.get(k);
    };
  }

  hold(key: string): () => void {
    let release!: () => void;
    this.holds.set(key, new Promise<void>((r) => (release = r)));
    return release;
  }

  keys = (): string[] => this.calls.map((c) => c.key);

  /** Until an activity with this key has been called (it may still be in flight). */
  called = (key: string) => until(`activity ${key} called`, async () => this.keys().includes(key));
}
