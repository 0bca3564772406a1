// Records the completion clock workflow's histories for the replay test
// (apps/complaint-reviews/test/workflows/completion-clock.replay.int-spec.ts).
//
// usage: node -r ./tools/register.js tools/temporal/record-completion-clock-histories.ts [SCENARIO...]
//
// Every path of completionClockWorkflow (warning, stop and restart with the due date recomputed,
// breach and escalation, signals while an activity is in flight, signals it ignores, a late signal
// with no worker polling, termination), each on the time-skipping test server against the current
// workflow code with in-memory activities, written to
// apps/complaint-reviews/test/histories/completion-clock-<scenario>.json. Inputs are built as the
// service builds them (completionClock rule + completionInstants), 28 working days from today.
// Re-record after a deliberate, compatible change to the workflow; never re-record to make a failing
// replay pass: a replay failure means workflows already running in production would break. Keep
// the old files that running workflows may still have.
import { completionClock } from '@oversight/complaint-review-rules';
import { todayInLondon } from '@oversight/nest-platform';
import { addCalendarDays, type IsoDate } from '@oversight/working-days';
import { WorkflowHandle } from '@temporalio/client';
import { completionInstants } from '../../apps/complaint-reviews/src/clocks/clock-starter.consumer';
import type { CompletionClockEventInput } from '../../apps/complaint-reviews/src/clocks/completion-clock.activities';
import {
  ClockRestartSignal,
  COMPLETION_CLOCK_WORKFLOW,
  CompletionClockInput,
  CompletionClockState,
  completionClockWorkflowId,
  RESTART_CLOCK_SIGNAL,
  STOP_CLOCK_SIGNAL,
} from '../../apps/complaint-reviews/src/workflows/completion-clock.types';
import {
  CLOCK_MET_SIGNAL,
  CLOCK_STATE_QUERY,
  ClockMetSignal,
} from '../../apps/complaint-reviews/src/workflows/review-clock.types';
import {
  ActivityRecorder,
  HistoryEvent,
  RecorderContext,
  runHistoryRecorder,
  until,
  untilCompleted,
  untilHistoryHas,
} from './history-recorder';

interface ScenarioContext extends RecorderContext {
  /** The scenario's activities: keys recordClockMet, recordClockBreached, event:WARNING, event:ESCALATED. */
  recorder: ActivityRecorder;
  /** Runs a worker with the scenario's activities until `fn` settles. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Starts the clock of a review accepted on `acceptedOn` (today by default). */
  start(acceptedOn?: IsoDate): Promise<{ handle: WorkflowHandle; input: CompletionClockInput }>;
  /** Time-skips to a minute after `instant`. */
  sleepPast(instant: string): Promise<void>;
  /** The restart signal the service sends: due date recomputed with a stop from `stoppedOn` to today. */
  restart(handle: WorkflowHandle, stoppedOn: IsoDate): Promise<ClockRestartSignal>;
  /** clockMet as the API sends it, met now (test server time). */
  met(handle: WorkflowHandle): Promise<void>;
  stop(handle: WorkflowHandle): Promise<IsoDate>;
  /** Today in London by the test server's clock. */
  today(): Promise<IsoDate>;
}

const DAY_MS = 24 * 3600_000;

const state = (handle: WorkflowHandle) => handle.query<CompletionClockState>(CLOCK_STATE_QUERY);

const untilState = (handle: WorkflowHandle, what: string, ok: (s: CompletionClockState) => boolean) =>
  until(`clock ${what}`, async () => ok(await state(handle)));

const timersStarted = (events: HistoryEvent[]) => events.filter((e) => e.timerStartedEventAttributes).length;

/** Until the workflow has started its `n`th timer. */
const untilTimer = (handle: WorkflowHandle, n: number) =>
  untilHistoryHas(handle, `timer ${n} started`, (events) => timersStarted(events) >= n);

/** Index of the `n`th (from 1) completed activity in the history, or -1. */
const nthActivityCompleted = (events: HistoryEvent[], n: number) =>
  events.map((e, i) => (e.activityTaskCompletedEventAttributes ? i : -1)).filter((i) => i >= 0)[n - 1] ?? -1;

/** Until the workflow has handled the completion of its `n`th activity. */
const untilActivityHandled = (handle: WorkflowHandle, n: number) =>
  untilHistoryHas(handle, `activity ${n} completed and handled`, (events) => {
    const at = nthActivityCompleted(events, n);
    return at >= 0 && events.slice(at).some((e) => e.workflowTaskCompletedEventAttributes);
  });

/** Until the workflow waits on a timer started after its `n`th activity (after a warning: the breach timer). */
const untilTimerAfterActivity = (handle: WorkflowHandle, n: number) =>
  untilHistoryHas(handle, `a timer after activity ${n}`, (events) => {
    const at = nthActivityCompleted(events, n);
    return at >= 0 && events.slice(at).some((e) => e.timerStartedEventAttributes);
  });

const SCENARIOS: Record<string, (ctx: ScenarioContext) => Promise<WorkflowHandle>> = {
  // decided ten days in: MET, no warning
  'met-before-warning': ({ env, run, start, met }) =>
    run(async () => {
      const { handle } = await start();
      await untilTimer(handle, 1);
      await env.sleep(10 * DAY_MS);
      await met(handle);
      await handle.result();
      return handle;
    }),

  // the warning is recorded, then the review is decided before the due date: MET
  'warned-then-met': ({ run, start, sleepPast, met }) =>
    run(async () => {
      const { handle, input } = await start();
      await sleepPast(input.warnAt);
      await untilTimerAfterActivity(handle, 1);
      await met(handle);
      await handle.result();
      return handle;
    }),

  // no signal: warning, then breach and escalation to the manager
  breached: ({ run, start }) =>
    run(async () => {
      const { handle } = await start();
      await handle.result();
      return handle;
    }),

  // stopped three days in, restarted twenty days later with the due date moved, then decided: MET
  'stopped-restarted-met': ({ env, run, start, stop, restart, met }) =>
    run(async () => {
      const { handle } = await start();
      await untilTimer(handle, 1);
      await env.sleep(3 * DAY_MS);
      const stoppedOn = await stop(handle);
      await env.sleep(20 * DAY_MS);
      await restart(handle, stoppedOn);
      await env.sleep(10 * DAY_MS);
      await met(handle);
      await handle.result();
      return handle;
    }),

  // stopped and restarted, then nothing: warning and breach at the moved due date, escalated
  'stopped-restarted-breached': ({ env, run, start, stop, restart }) =>
    run(async () => {
      const { handle } = await start();
      await untilTimer(handle, 1);
      await env.sleep(3 * DAY_MS);
      const stoppedOn = await stop(handle);
      await env.sleep(60 * DAY_MS); // past the original breach instant: nothing may breach while stopped
      await restart(handle, stoppedOn);
      await handle.result();
      return handle;
    }),

  // warned, stopped, restarted: the restart clears the warning, and as the due date moved by the
  // working days stopped, the new warning instant has passed already: warned again at once, then MET
  'warned-stopped-restarted-met': ({ env, run, start, sleepPast, stop, restart, met }) =>
    run(async () => {
      const { handle, input } = await start();
      await sleepPast(input.warnAt);
      await untilTimerAfterActivity(handle, 1);
      const stoppedOn = await stop(handle);
      await env.sleep(10 * DAY_MS);
      await restart(handle, stoppedOn);
      await untilTimerAfterActivity(handle, 2);
      await met(handle);
      await handle.result();
      return handle;
    }),

  // decided while the clock is stopped: MET
  'met-while-stopped': ({ env, run, start, stop, met }) =>
    run(async () => {
      const { handle } = await start();
      await untilTimer(handle, 1);
      await env.sleep(5 * DAY_MS);
      await stop(handle);
      await env.sleep(5 * DAY_MS);
      await met(handle);
      await handle.result();
      return handle;
    }),

  // clockMet while the warning activity is in flight: the warning completes, then MET
  'met-during-warning': async (ctx) => {
    const release = ctx.recorder.hold('event:WARNING');
    return ctx.run(async () => {
      const { handle, input } = await ctx.start();
      await untilTimer(handle, 1);
      await ctx.env.sleep(Date.parse(input.warnAt) - (await ctx.env.currentTimeMs()) + 1_000);
      await ctx.recorder.called('event:WARNING');
      await ctx.met(handle);
      release();
      await untilCompleted(handle);
      return handle;
    });
  },

  // stopClock while the warning activity is in flight: stopped once it completes; restarted (warned
  // again at once, as in warned-stopped-restarted-met), then MET
  'stopped-during-warning': async (ctx) => {
    const release = ctx.recorder.hold('event:WARNING');
    return ctx.run(async () => {
      const { handle, input } = await ctx.start();
      await untilTimer(handle, 1);
      await ctx.env.sleep(Date.parse(input.warnAt) - (await ctx.env.currentTimeMs()) + 1_000);
      await ctx.recorder.called('event:WARNING');
      const stoppedOn = await ctx.stop(handle);
      release();
      await untilActivityHandled(handle, 1);
      await ctx.env.sleep(10 * DAY_MS);
      await ctx.restart(handle, stoppedOn);
      await untilTimerAfterActivity(handle, 2);
      await ctx.env.sleep(2 * DAY_MS);
      await ctx.met(handle);
      await handle.result();
      return handle;
    });
  },

  // clockMet and stopClock while the breach activity is in flight: both ignored, BREACHED and escalated
  'signal-during-breach': async (ctx) => {
    const release = ctx.recorder.hold('recordClockBreached');
    return ctx.run(async () => {
      const { handle, input } = await ctx.start();
      await untilTimer(handle, 1);
      await ctx.env.sleep(Date.parse(input.breachAt) - (await ctx.env.currentTimeMs()) + 1_000);
      await ctx.recorder.called('recordClockBreached');
      await ctx.met(handle);
      await handle.signal(STOP_CLOCK_SIGNAL);
      release();
      await untilCompleted(handle);
      return handle;
    });
  },

  // the review accepted long ago (due date already past at start): warning, breach and escalation at once
  'already-past': ({ run, start }) =>
    run(async () => {
      const { handle } = await start(addCalendarDays(todayInLondon(), -70));
      await handle.result();
      return handle;
    }),

  // signals the clock's state makes it ignore: restart while running, a second stop, a second
  // restart, and clockMet / stopClock while recordClockMet is in flight; one stop counted, MET
  'ignored-signals': async (ctx) => {
    const release = ctx.recorder.hold('recordClockMet');
    return ctx.run(async () => {
      const { handle, input } = await ctx.start();
      await untilTimer(handle, 1);
      const { dueOn: _dueOn, applicationId: _id, correlationId: _c, ...instants } = input;
      await handle.signal(RESTART_CLOCK_SIGNAL, instants);
      await ctx.env.sleep(2 * DAY_MS);
      const stoppedOn = await ctx.stop(handle);
      await handle.signal(STOP_CLOCK_SIGNAL);
      await ctx.env.sleep(2 * DAY_MS);
      const moved = await ctx.restart(handle, stoppedOn);
      await handle.signal(RESTART_CLOCK_SIGNAL, moved);
      await untilTimer(handle, 2);
      await ctx.met(handle);
      await ctx.recorder.called('recordClockMet');
      await ctx.met(handle);
      await handle.signal(STOP_CLOCK_SIGNAL);
      release();
      await untilCompleted(handle);
      return handle;
    });
  },

  // No worker polling at the breach instant; clockMet (metAt after the deadline) comes a second
  // later and reaches the workflow in the same activation as the fired timer. Since the
  // late-signal-after-breach-ignored patch the signal is ignored: BREACHED and escalated. The file
  // recorded before the patch (MET) is kept as completion-clock-met-after-breach-worker-down.v1.json.
  'met-after-breach-worker-down': async ({ env, run, start, sleepPast, met }) => {
    const { handle, input } = await run(async () => {
      const started = await start();
      await sleepPast(started.input.warnAt);
      await untilTimerAfterActivity(started.handle, 1);
      return started;
    });
    // Locked time skipping resumes at real speed once the fired timer's workflow task is pending.
    await env.sleep(Date.parse(input.breachAt) - (await env.currentTimeMs()) + 1_000);
    await met(handle);
    return run(async () => {
      await handle.result();
      return handle;
    });
  },

  // the case is withdrawn: the service terminates the clock (ClocksService.terminateAll)
  terminated: ({ env, run, start }) =>
    run(async () => {
      const { handle } = await start();
      await untilTimer(handle, 1);
      await env.sleep(5 * DAY_MS);
      await handle.terminate('Application withdrawn');
      await until('workflow terminated', async () => (await handle.describe()).status.name === 'TERMINATED');
      return handle;
    }),
};

runHistoryRecorder<ScenarioContext>({
  what: 'completion clock',
  filePrefix: 'completion-clock',
  scenarios: SCENARIOS,
  context(base) {
    const recorder = new ActivityRecorder();
    const activities = {
      recordClockMet: recorder.activity(() => 'recordClockMet'),
      recordClockBreached: recorder.activity(() => 'recordClockBreached'),
      recordCompletionClockEvent: recorder.activity((i: CompletionClockEventInput) => `event:${i.event}`),
    };
    const acceptedOn = todayInLondon();
    const today = async () => todayInLondon(new Date(await base.env.currentTimeMs()));
    return {
      ...base,
      recorder,
      today,
      run: (fn) => base.withWorker(fn, activities),
      async start(on = acceptedOn) {
        const input: CompletionClockInput = {
          applicationId: base.applicationId,
          ...completionInstants(completionClock({ acceptedOn: on })),
          correlationId: `corr-${base.applicationId}`,
        };
        const handle = await base.env.client.workflow.start(COMPLETION_CLOCK_WORKFLOW, {
          taskQueue: base.taskQueue,
          workflowId: completionClockWorkflowId(base.applicationId),
          args: [input],
        });
        return { handle, input };
      },
      async sleepPast(instant) {
        await base.env.sleep(Math.max(1, Date.parse(instant) - (await base.env.currentTimeMs()) + 60_000));
      },
      async stop(handle) {
        const stoppedOn = await today();
        await handle.signal(STOP_CLOCK_SIGNAL);
        await untilState(handle, 'stopped', (s) => s.status === 'STOPPED');
        return stoppedOn;
      },
      async restart(handle, stoppedOn) {
        const due = completionClock({
          acceptedOn,
          stops: [{ from: stoppedOn, to: await today(), reason: 'AWAITING_PSD_FILE' }],
        });
        const signal = completionInstants(due);
        await handle.signal(RESTART_CLOCK_SIGNAL, signal);
        await untilState(handle, 'restarted', (s) => s.status === 'RUNNING' && s.dueOn === signal.dueOn);
        return signal;
      },
      async met(handle) {
        const signal: ClockMetSignal = { metAt: new Date(await base.env.currentTimeMs()).toISOString() };
        await handle.signal(CLOCK_MET_SIGNAL, signal);
      },
    };
  },
});
