// Scenarios of the swap workflow, run on the time-skipping test server by swap.workflow.int-spec.ts and recorded
// into test/histories by record-histories.ts for the replay test. Activities are in memory (RecordingActivities).
import { temporalTestServerPath } from '@oversight/temporal';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import type { SwapActivities, SwapRef } from '../../src/custody/swap.activities';
import {
  CUSTODY_DESTROYED_SIGNAL,
  FOLLOW_UP_RECORDED_SIGNAL,
  SWAP_STATE_QUERY,
  SWAP_WORKFLOW,
  SwapWorkflowInput,
  SwapWorkflowState,
} from '../../src/workflows/swap.types';

export const WORKFLOWS_PATH = require.resolve('../../src/workflows');
const DAY = 86_400_000;

export function installQuietTemporalRuntime(): void {
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN'),
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
    });
  } catch {
    /* already installed */
  }
}

/**
 * The time-skipping test server. The SDK gives the JVM 5 s to listen: on a loaded machine that can be too short, so
 * the start is tried again.
 */
export async function startTestServer(): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
      });
    } catch (err) {
      if (attempt >= 6 || !/did not start/.test((err as Error).message)) throw err;
    }
  }
}

/** Records every activity call, at the server's (skipped) time; answers as the database would. */
export class RecordingActivities {
  readonly calls: Array<{ name: string; day: number; ref: SwapRef }> = [];
  /** What the record says when an activity reads it (e.g. destroyed without the signal arriving). */
  destroyedInRecord = false;
  followedUpInRecord = false;
  constructor(
    private readonly now: () => number,
    private readonly startMs: number,
  ) {}

  private log(name: string, ref: SwapRef) {
    this.calls.push({ name, day: Math.floor((this.now() - this.startMs) / DAY), ref });
  }

  readonly activities: SwapActivities = {
    chaseUndestroyedKnives: async (ref) => (this.log('chase', ref), { open: !this.destroyedInRecord }),
    escalateUndestroyedKnives: async (ref) => (this.log('escalate', ref), { open: !this.destroyedInRecord }),
    followUpDue: async (ref) => (this.log('followUpDue', ref), { open: !this.followedUpInRecord }),
  };

  names(): string[] {
    return this.calls.map((c) => `${c.name}@${c.day}`);
  }
}

export interface ScenarioRun {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  recorder: RecordingActivities;
  startMs: number;
}

export interface ScenarioOutcome {
  handle: WorkflowHandle;
  result: SwapWorkflowState;
  seen: Record<string, SwapWorkflowState>;
}

/** Stable ids, so a re-recorded history differs from the old one only where the workflow changed. */
export const scenarioId = (name: string) =>
  `00000000-0000-4000-8000-${Buffer.from(name).toString('hex').padEnd(12, '0').slice(0, 12)}`;

/** The production schedule ([U] defaults): destroyed within 28 days, escalated 14 days later, follow-up at 42. */
export function input(name: string, startMs: number): SwapWorkflowInput {
  return {
    swapId: scenarioId(`${name}-swap`),
    bagId: scenarioId(`${name}-bag`),
    referralId: scenarioId(`${name}-ref`),
    reference: 'SKRS-2026-000001',
    chaseAt: new Date(startMs + 29 * DAY).toISOString(),
    escalateAt: new Date(startMs + 43 * DAY).toISOString(),
    followUpAt: new Date(startMs + 42 * DAY).toISOString(),
    correlationId: scenarioId(`${name}-corr`),
  };
}

async function start(run: ScenarioRun, name: string) {
  return run.env.client.workflow.start(SWAP_WORKFLOW, {
    workflowId: `knife-swap-${name}-${run.taskQueue}`,
    taskQueue: run.taskQueue,
    args: [input(name, run.startMs)],
  });
}

const state = (h: WorkflowHandle) => h.query<SwapWorkflowState>(SWAP_STATE_QUERY);

export const SCENARIOS: Record<string, (run: ScenarioRun) => Promise<ScenarioOutcome>> = {
  /** Destroyed on day 10 (signal), follow-up due on day 42 and recorded on day 45: nothing chased. */
  'swap-destroyed-on-time': async (run) => {
    const h = await start(run, 'swap-destroyed-on-time');
    await run.env.sleep(10 * DAY);
    await h.signal(CUSTODY_DESTROYED_SIGNAL);
    const seen: Record<string, SwapWorkflowState> = { destroyed: await state(h) };
    await run.env.sleep(33 * DAY);
    seen.followUpDue = await state(h);
    run.recorder.followedUpInRecord = true;
    await h.signal(FOLLOW_UP_RECORDED_SIGNAL);
    return { handle: h, result: await h.result(), seen };
  },
  /** Never destroyed in time: chased after day 28, escalated after day 42; destroyed and followed up on day 50. */
  'swap-knives-chased-and-escalated': async (run) => {
    const h = await start(run, 'swap-knives-chased-and-escalated');
    await run.env.sleep(30 * DAY);
    const seen: Record<string, SwapWorkflowState> = { chased: await state(h) };
    await run.env.sleep(14 * DAY);
    seen.escalated = await state(h);
    await run.env.sleep(6 * DAY);
    run.recorder.destroyedInRecord = true;
    run.recorder.followedUpInRecord = true;
    await h.signal(CUSTODY_DESTROYED_SIGNAL);
    await h.signal(FOLLOW_UP_RECORDED_SIGNAL);
    return { handle: h, result: await h.result(), seen };
  },
  /** Destroyed and followed up in the record, but the signals never arrived: the activities find it and stop. */
  'swap-signals-lost': async (run) => {
    const h = await start(run, 'swap-signals-lost');
    run.recorder.destroyedInRecord = true;
    run.recorder.followedUpInRecord = true;
    return { handle: h, result: await h.result(), seen: {} };
  },
};
