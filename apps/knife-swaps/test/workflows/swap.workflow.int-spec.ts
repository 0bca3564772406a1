// The swap workflow on the time-skipping test server: real 4- to 7-week waits (the [U] defaults), skipped in seconds.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import {
  installQuietTemporalRuntime,
  RecordingActivities,
  ScenarioOutcome,
  SCENARIOS,
  startTestServer,
  WORKFLOWS_PATH,
} from './swap.scenarios';

describe('swap workflow: chase undestroyed knives, escalate, follow-up (time-skipping)', () => {
  let workflowBundle: WorkflowBundleWithSourceMap;
  let env: TestWorkflowEnvironment;

  // One server for all scenarios: each measures time from its own start, so the clock the server moved ahead for an
  // earlier scenario does not matter.
  beforeAll(async () => {
    installQuietTemporalRuntime();
    workflowBundle = await bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      logger: new DefaultLogger('WARN'),
    });
    env = await startTestServer();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  async function run(
    name: string,
  ): Promise<ScenarioOutcome & { recorder: RecordingActivities; wallMs: number }> {
    const started = Date.now();
    const startMs = await env.currentTimeMs();
    let lastTime = startMs;
    const recorder = new RecordingActivities(() => lastTime, startMs);
    const taskQueue = `knife-swaps-ts-${randomUUID()}`;
    const wrap = Object.fromEntries(
      Object.entries(recorder.activities).map(([k, fn]) => [
        k,
        async (ref: never) => {
          lastTime = await env.currentTimeMs();
          return (fn as (r: never) => unknown)(ref);
        },
      ]),
    );
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle,
      activities: wrap,
    });
    const outcome = await worker.runUntil(SCENARIOS[name]({ env, taskQueue, recorder, startMs }));
    return { ...outcome, recorder, wallMs: Date.now() - started };
  }

  it('destroyed on time and followed up: nothing chased, follow-up due on day 42, then done', async () => {
    const { result, seen, recorder, wallMs } = await run('swap-destroyed-on-time');
    expect(seen.destroyed).toMatchObject({ custody: 'DESTROYED', followUp: 'WAITING', chased: false });
    expect(seen.followUpDue).toMatchObject({ custody: 'DESTROYED', followUp: 'DUE' });
    expect(recorder.names()).toEqual(['followUpDue@42']);
    expect(result).toEqual({ custody: 'DESTROYED', followUp: 'DONE', chased: false, escalated: false });
    expect(wallMs).toBeLessThan(60_000);
  });

  it('not destroyed: chased the day after the due date, escalated two weeks later, then ends when destroyed', async () => {
    const { result, seen, recorder } = await run('swap-knives-chased-and-escalated');
    expect(seen.chased).toMatchObject({ custody: 'OPEN', chased: true, escalated: false });
    expect(seen.escalated).toMatchObject({ custody: 'OPEN', chased: true, escalated: true, followUp: 'DUE' });
    expect(recorder.names()).toEqual(['chase@29', 'followUpDue@42', 'escalate@43']);
    expect(recorder.calls[0].ref).toMatchObject({ swapId: expect.any(String), bagId: expect.any(String) });
    expect(result).toEqual({ custody: 'DESTROYED', followUp: 'DONE', chased: true, escalated: true });
  });

  it('signals lost: each activity re-reads the record, finds the work done and the workflow ends', async () => {
    const { result, recorder } = await run('swap-signals-lost');
    expect(recorder.names()).toEqual(['chase@29', 'followUpDue@42']);
    expect(result).toEqual({ custody: 'DESTROYED', followUp: 'DONE', chased: true, escalated: false });
  });
});
