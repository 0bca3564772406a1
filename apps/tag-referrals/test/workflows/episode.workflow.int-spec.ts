// The tag episode workflow on the time-skipping test server: whole 6–8-week episodes and 9 months of follow-up,
// skipped in seconds.
import { bundleWorkflowCode, DefaultLogger, Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { addDaysIso, addMonthsIso, EpisodeInput, EpisodeState } from '../../src/workflows/episode.types';
import {
  installQuietTemporalRuntime,
  RecordingActivities,
  SCENARIOS,
  timeSkippingEnvironment,
  WORKFLOWS_PATH,
} from './episode.fixtures';

describe('tag episode workflow (time-skipping)', () => {
  let workflowBundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    installQuietTemporalRuntime();
    workflowBundle = await bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      logger: new DefaultLogger('WARN'),
    });
  });

  async function run(
    name: string,
  ): Promise<{ input: EpisodeInput; result: EpisodeState; recorder: RecordingActivities; wallMs: number }> {
    const { env, stop } = await timeSkippingEnvironment();
    const recorder = new RecordingActivities('');
    const taskQueue = `tag-ts-${randomUUID()}`;
    const started = Date.now();
    try {
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle,
        activities: recorder.activities,
      });
      const { input, result } = await worker.runUntil(SCENARIOS[name]({ env, taskQueue, recorder }));
      return { input, result, recorder, wallMs: Date.now() - started };
    } finally {
      await stop();
    }
  }

  const followUps = (r: RecordingActivities) =>
    r.calls.filter((c) => c.name === 'raiseFollowUp').map((c) => [c.args.months, c.args.dueOn]);

  it('6 weeks at high risk: contacts every 2 days, reminder, removal due, escalation, removal, follow-ups at 3/6/9 months', async () => {
    const { input, result, recorder, wallMs } = await run('episode-planned-end-overdue');
    const d = (n: number) => addDaysIso(input.fittedOn, n);
    expect(recorder.days((w) => w.contact)).toEqual(Array.from({ length: 20 }, (_, i) => d(2 * (i + 1)))); // days 2..40
    expect(recorder.days((w) => w.endReminder)).toEqual([d(35)]);
    expect(recorder.days((w) => w.endDue)).toEqual([d(42)]);
    expect(recorder.days((w) => w.removalOverdue)).toEqual([d(45)]);
    const removedOn = d(46);
    expect(followUps(recorder)).toEqual([3, 6, 9].map((m) => [m, addMonthsIso(removedOn, m)]));
    expect(result).toMatchObject({
      status: 'FOLLOWED_UP',
      removedOn,
      contacts: 20,
      escalated: true,
      followUpsRaised: [3, 6, 9],
    });
    expect(wallMs).toBeLessThan(120_000); // ten months, skipped
  });

  it('extended to 8 weeks with a reason: reminder and removal due move to the new end; no escalation', async () => {
    const { input, result, recorder } = await run('episode-extended-8-weeks');
    const d = (n: number) => addDaysIso(input.fittedOn, n);
    expect(recorder.days((w) => w.contact)).toEqual([d(7), d(14), d(21), d(28), d(35), d(42), d(49)]);
    expect(recorder.days((w) => w.endReminder)).toEqual([d(49)]);
    expect(recorder.days((w) => w.endDue)).toEqual([d(56)]);
    expect(recorder.days((w) => w.removalOverdue)).toEqual([]);
    expect(result).toMatchObject({
      status: 'FOLLOWED_UP',
      plannedEnd: d(56),
      removedOn: d(56),
      escalated: false,
    });
  });

  it('consent withdrawn: the episode ends early, contacts stop, removal follows, then the follow-ups', async () => {
    const { input, result, recorder } = await run('episode-consent-withdrawn');
    const d = (n: number) => addDaysIso(input.fittedOn, n);
    expect(recorder.days((w) => w.contact)).toEqual([d(3)]);
    expect(recorder.days((w) => w.endDue)).toEqual([]);
    expect(result).toMatchObject({
      status: 'FOLLOWED_UP',
      removalDueOn: d(5),
      removedOn: d(6),
      followUpsRaised: [3, 6, 9],
    });
  });

  it('a lost removal signal is caught up from the record on the next day', async () => {
    const { input, result, recorder } = await run('episode-removal-signal-lost');
    expect(result).toMatchObject({ status: 'FOLLOWED_UP', removedOn: addDaysIso(input.fittedOn, 3) });
    expect(recorder.days(() => true)).toHaveLength(4);
  });
});
