// The caution and referral workflows on the time-skipping test server: real 16-week schedules, skipped in seconds.
import { temporalTestServerPath } from '@oversight/temporal';
import { addDays, addWeeks } from '@oversight/oocr-rules';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { CautionWorkflowInput, CautionWorkflowState } from '../../src/workflows/caution.types';
import { installQuietTemporalRuntime, RecordingActivities, WORKFLOWS_PATH } from './caution.fixtures';
import { SCENARIOS, ScenarioOutcome } from './caution.scenarios';

describe('caution workflows (time-skipping)', () => {
  let workflowBundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    installQuietTemporalRuntime();
    workflowBundle = await bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      logger: new DefaultLogger('WARN'),
    });
  });

  /** A fresh server per scenario (the test server moves its clock far ahead once a workflow completes). */
  async function run(
    name: string,
  ): Promise<ScenarioOutcome & { recorder: RecordingActivities; wallMs: number }> {
    const env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
    });
    const recorder = new RecordingActivities();
    const taskQueue = `oocr-ts-${randomUUID()}`;
    const started = Date.now();
    try {
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle,
        activities: recorder.activities,
      });
      const outcome = await worker.runUntil(SCENARIOS[name]({ env, taskQueue, recorder }));
      return { ...outcome, recorder, wallMs: Date.now() - started };
    } finally {
      await env.teardown();
    }
  }

  it('completes on time: reminders before each due date, no breach, completion announced once', async () => {
    const { result, input, recorder, seen, wallMs } = await run('caution-completed-on-time');
    const r = result as CautionWorkflowState;
    const inp = input as CautionWorkflowInput;
    expect(r.status).toBe('COMPLETED');
    expect(r.completedOn).toBe(addDays(inp.issueDate, 55));
    expect(r.items.map((i) => [i.itemId, i.status])).toEqual(inp.items.map((i) => [i.itemId, 'COMPLETED']));
    expect(recorder.effects()).toEqual([
      'remindConditionDue',
      'remindConditionDue',
      'remindConditionDue',
      'recordCautionCompleted',
    ]);
    expect(recorder.callsOf('remindConditionDue').map((c) => c.itemId)).toEqual(
      inp.items.map((i) => i.itemId),
    );
    expect(recorder.callsOf('recordCautionCompleted')).toEqual([
      { cautionId: inp.cautionId, correlationId: inp.correlationId, completedOn: addDays(inp.issueDate, 55) },
    ]);
    expect(seen.beforeLast.status).toBe('ACTIVE');
    // The state written back last is the final one, with a version above every earlier write.
    const syncs = recorder.callsOf('syncCautionState');
    expect(syncs.at(-1)).toMatchObject({ status: 'COMPLETED', completedOn: addDays(inp.issueDate, 55) });
    expect(syncs.map((s) => s.stateVersion)).toEqual(
      [...syncs.map((s) => s.stateVersion as number)].sort((a, b) => a - b),
    );
    expect(wallMs).toBeLessThan(60_000); // two months, skipped
  });

  it('breach assessed, arrested and prosecuted for the original offence: the caution ceases (2.1.11, 2.1.12)', async () => {
    const { result, input, recorder, seen } = await run('caution-breach-prosecuted');
    const r = result as CautionWorkflowState;
    const inp = input as CautionWorkflowInput;
    expect(seen.breach).toMatchObject({
      status: 'BREACH_ASSESSMENT',
      openBreach: { detectedOn: addDays(inp.issueDate, 15), itemIds: [inp.items[0].itemId] },
    });
    expect(seen.arrested.status).toBe('AWAITING_POST_ARREST_DECISION');
    expect(seen.pending.status).toBe('PROSECUTION_PENDING');
    expect(r).toMatchObject({ status: 'CEASED', proceedingsStartedOn: addDays(inp.issueDate, 20) });
    expect(r.items.map((i) => i.status)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(recorder.effects()).toEqual(['remindConditionDue', 'openBreachAssessment']);
    expect(recorder.callsOf('openBreachAssessment')[0]).toMatchObject({
      breachId: seen.breach.openBreach!.breachId,
      detectedOn: addDays(inp.issueDate, 15),
    });
    expect(recorder.callsOf('syncCautionState').at(-1)).toMatchObject({ status: 'CEASED' });
  });

  it('varies the missed condition with an extension to 20 weeks, refusing one beyond 20 weeks (2.1.10)', async () => {
    const { result, input, recorder, seen } = await run('caution-varied-extended');
    const r = result as CautionWorkflowState;
    const inp = input as CautionWorkflowInput;
    expect(seen.refused.rejectedSignals).toEqual([
      {
        type: 'extension',
        id: 'extension:ext-21-weeks',
        reason: `completion cannot be later than ${addWeeks(inp.issueDate, 20)}`,
      },
    ]);
    expect(seen.refused.completionDueDate).toBe(addWeeks(inp.issueDate, 16));
    expect(seen.varied.completionDueDate).toBe(addWeeks(inp.issueDate, 20));
    expect(r.status).toBe('COMPLETED');
    expect(r.items.map((i) => i.status)).toEqual(['VARIED', 'COMPLETED', 'COMPLETED']);
    expect(recorder.callsOf('syncCautionState').at(-1)).toMatchObject({
      status: 'COMPLETED',
      completionDueDate: addWeeks(inp.issueDate, 20),
    });
    expect(recorder.effects()).toEqual([
      'remindConditionDue',
      'openBreachAssessment',
      'remindConditionDue',
      'recordCautionCompleted',
    ]);
  });

  it('summary-only: escalates as the time limit approaches, marks it statute-barred, refuses prosecution after it (2.1.13)', async () => {
    const { result, input, recorder, seen } = await run('caution-summary-only-time-limit');
    const r = result as CautionWorkflowState;
    const inp = input as CautionWorkflowInput;
    expect(seen.approaching.timeLimitStatus).toBe('APPROACHING');
    expect(seen.barred).toMatchObject({ timeLimitStatus: 'STATUTE_BARRED', status: 'BREACH_ASSESSMENT' });
    expect(seen.refused.rejectedSignals.map((s) => s.reason)).toEqual([
      'the time limit to prosecute has passed',
    ]);
    expect(recorder.callsOf('escalateTimeLimit').map((c) => c.status)).toEqual([
      'APPROACHING',
      'STATUTE_BARRED',
    ]);
    expect(recorder.callsOf('escalateTimeLimit')[0]).toMatchObject({
      lastDateToLay: inp.timeLimit!.lastDateToLay,
    });
    expect(r).toMatchObject({ status: 'CLOSED_NO_FURTHER_ACTION', timeLimitStatus: 'STATUTE_BARRED' });
    expect(r.items.map((i) => i.status)).toEqual(['WAIVED']);
  });

  it('follows up a referral: weekly reminders, the supervisor told once overdue, ends when the actions are done', async () => {
    const { result, recorder } = await run('referral-followed-up');
    expect(result).toEqual({ status: 'DONE', reminders: 2, escalated: true });
    expect(recorder.callsOf('remindReferralOpen').map((c) => c.reminderNumber)).toEqual([1, 2]);
    expect(recorder.callsOf('escalateOverdueReferral')).toHaveLength(1);
  });
});
