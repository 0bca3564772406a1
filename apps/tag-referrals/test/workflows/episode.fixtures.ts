// Shared by the episode workflow tests (time-skipping and replay) and record-histories.ts.
import { todayInLondon } from '@oversight/nest-platform';
import { temporalTestServerPath } from '@oversight/temporal';
import { spawn } from 'node:child_process';
import { AddressInfo, connect, createServer } from 'node:net';
import { WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { waitFor } from '@oversight/testing';
import type { EpisodeActivities } from '../../src/episodes/episode.activities';
import {
  addDaysIso,
  EPISODE_WORKFLOW,
  EpisodeInput,
  EpisodeState,
  TAG_REMOVED_SIGNAL,
  END_EPISODE_EARLY_SIGNAL,
  EXTEND_EPISODE_SIGNAL,
} from '../../src/workflows/episode.types';

/** The worker's workflow bundle entry, as the real worker loads it (temporal-worker.runner.ts). */
export const WORKFLOWS_PATH = require.resolve('../../src/workflows');

export function installQuietTemporalRuntime(): void {
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN'),
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
    });
  } catch {
    /* already installed in this module registry */
  }
}

type Call = { name: string; args: Record<string, any> };

/**
 * In-memory activities with a record the test writes as the service would (removal, early end, extension): the
 * workflow's daily activity reads it back, as the real one reads the database.
 */
export class RecordingActivities {
  readonly calls: Call[] = [];
  readonly record: { plannedEnd: string; endedEarlyOn: string | null; removedOn: string | null };

  constructor(plannedEnd: string) {
    this.record = { plannedEnd, endedEarlyOn: null, removedOn: null };
  }

  readonly activities: EpisodeActivities = {
    recordEpisodeDay: async (a) => {
      this.calls.push({ name: 'recordEpisodeDay', args: a });
      return { ...this.record };
    },
    raiseFollowUp: async (a) => {
      this.calls.push({ name: 'raiseFollowUp', args: a });
    },
  };

  days(
    pred: (w: {
      contact: boolean;
      endReminder: boolean;
      endDue: boolean;
      removalOverdue: boolean;
    }) => boolean,
  ): string[] {
    // An activity may run twice (a retry after a timeout on a loaded machine): it is idempotent, so each day counts once.
    const days = this.calls
      .filter((c) => c.name === 'recordEpisodeDay' && pred(c.args.work))
      .map((c) => c.args.day as string);
    return [...new Set(days)];
  }
}

export interface ScenarioContext {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  recorder: RecordingActivities;
}

/** A scenario starts its workflow, drives it with signals at points in skipped time, and returns its handle and result. */
export type Scenario = (
  ctx: ScenarioContext,
) => Promise<{ handle: WorkflowHandle; input: EpisodeInput; result: EpisodeState }>;

export function episodeInput(
  id: string,
  fittedOn: string,
  days: number,
  risk: EpisodeInput['riskLevel'] = 'HIGH',
): EpisodeInput {
  return {
    referralId: id,
    reference: `TAG-TEST-${id.slice(-4)}`,
    fittedOn,
    plannedEnd: addDaysIso(fittedOn, days),
    riskLevel: risk,
    contactEveryDays: { HIGH: 2, MEDIUM: 3, LOW: 7 }[risk],
    plannedEndReminderDays: 7,
    removalOverdueDays: 3,
    followUpMonths: [3, 6, 9],
    correlationId: `corr-${id}`,
  };
}

/** Runs one scenario's skeleton: start at today's date on the server, then the steps. */
export async function startEpisode(
  ctx: ScenarioContext,
  id: string,
  days: number,
  risk: EpisodeInput['riskLevel'] = 'HIGH',
) {
  const fittedOn = todayInLondon(new Date(await ctx.env.currentTimeMs()));
  const input = episodeInput(id, fittedOn, days, risk);
  ctx.recorder.record.plannedEnd = input.plannedEnd;
  const handle = await ctx.env.client.workflow.start(EPISODE_WORKFLOW, {
    workflowId: `tag-episode-${id}`,
    taskQueue: ctx.taskQueue,
    args: [input],
    // The machine is shared and loaded: a workflow task can take more than the default 10 s, and skipped time would
    // otherwise time it out again and again.
    workflowTaskTimeout: '2 minutes',
  });
  type Ev = NonNullable<Awaited<ReturnType<typeof handle.fetchHistory>>['events']>[number];
  const ms = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
    Number(t?.seconds ?? 0) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6);
  /** The fire time of the timer the workflow waits on (started, neither fired nor cancelled), if any. */
  const openTimerFiresAt = (events: Ev[]): number | null => {
    const open = new Map<string, number>();
    for (const e of events) {
      if (e.timerStartedEventAttributes)
        open.set(String(e.eventId), ms(e.eventTime) + ms(e.timerStartedEventAttributes.startToFireTimeout));
      const done = e.timerFiredEventAttributes ?? e.timerCanceledEventAttributes;
      if (done) open.delete(String(done.startedEventId));
    }
    return open.size ? Math.min(...open.values()) : null;
  };
  /**
   * Waits (in real time) until the workflow is idle: nothing in flight and a timer to wait on, or completed. Skipped
   * time must never overtake a workflow or activity task in flight: on this loaded 2-core machine a task can take
   * seconds. Only the history is read (no query, which the worker would have to answer while busy).
   */
  const settle = async (): Promise<number | null> => {
    const h = await waitFor(
      'the workflow to wait on a timer',
      () => handle.fetchHistory(),
      (x) => {
        const events = x.events ?? [];
        const last = events[events.length - 1];
        if (last?.workflowExecutionCompletedEventAttributes) return true;
        const quiet = Boolean(
          last?.timerStartedEventAttributes || last?.workflowTaskCompletedEventAttributes,
        );
        return quiet && openTimerFiresAt(events) !== null;
      },
      { timeoutMs: 120_000, intervalMs: 100 },
    );
    return openTimerFiresAt(h.events ?? []);
  };
  /** Skips time to the workflow's next timer, one timer at a time. False once the workflow has completed. */
  const step = async (): Promise<boolean> => {
    const fireAt = await settle();
    if (fireAt === null) return false;
    const now = await ctx.env.currentTimeMs();
    await ctx.env.sleep(Math.max(fireAt - now, 0) + 1000);
    return true;
  };
  const lastDay = () => ctx.recorder.days(() => true).pop() ?? fittedOn;
  /** Skips day by day until the workflow has worked through the n-th day after the fit (or stopped its days). */
  const untilDay = async (n: number): Promise<void> => {
    const target = addDaysIso(fittedOn, n);
    while (lastDay() < target && ctx.recorder.record.removedOn === null && (await step()));
    await settle();
  };
  /** Skips to the end, timer by timer (the follow-ups months later), and returns the result. */
  const finish = async (): Promise<EpisodeState> => {
    while (await step());
    return handle.result();
  };
  await settle();
  return { handle, input, fittedOn, untilDay, finish };
}

const scenario = (fn: Scenario): Scenario => fn;

export const SCENARIOS: Record<string, Scenario> = {
  /** 6 weeks at high risk: contacts every 2 days, reminder a week before, removal due, escalated, removed, followed up. */
  'episode-planned-end-overdue': scenario(async (ctx) => {
    const { handle, input, fittedOn, untilDay, finish } = await startEpisode(
      ctx,
      '00000000-0000-4000-8000-000000000001',
      42,
    );
    await untilDay(46);
    ctx.recorder.record.removedOn = addDaysIso(fittedOn, 46);
    await handle.signal(TAG_REMOVED_SIGNAL, { removedOn: addDaysIso(fittedOn, 46) });
    return { handle, input, result: await finish() };
  }),
  /** Extended to 8 weeks with a reason at day 10 and removed on the planned end: no escalation. */
  'episode-extended-8-weeks': scenario(async (ctx) => {
    const { handle, input, fittedOn, untilDay, finish } = await startEpisode(
      ctx,
      '00000000-0000-4000-8000-000000000002',
      42,
      'LOW',
    );
    await untilDay(10);
    ctx.recorder.record.plannedEnd = addDaysIso(fittedOn, 56);
    await handle.signal(EXTEND_EPISODE_SIGNAL, { plannedEnd: addDaysIso(fittedOn, 56) });
    await untilDay(56);
    ctx.recorder.record.removedOn = addDaysIso(fittedOn, 56);
    await handle.signal(TAG_REMOVED_SIGNAL, { removedOn: addDaysIso(fittedOn, 56) });
    return { handle, input, result: await finish() };
  }),
  /** Consent withdrawn on day 5: the episode ends early, no more contacts; the tag comes back on day 6. */
  'episode-consent-withdrawn': scenario(async (ctx) => {
    const { handle, input, fittedOn, untilDay, finish } = await startEpisode(
      ctx,
      '00000000-0000-4000-8000-000000000003',
      42,
      'MEDIUM',
    );
    await untilDay(5);
    ctx.recorder.record.endedEarlyOn = addDaysIso(fittedOn, 5);
    await handle.signal(END_EPISODE_EARLY_SIGNAL, {
      on: addDaysIso(fittedOn, 5),
      reason: 'SUBJECT: withdrew',
    });
    await untilDay(6);
    ctx.recorder.record.removedOn = addDaysIso(fittedOn, 6);
    await handle.signal(TAG_REMOVED_SIGNAL, { removedOn: addDaysIso(fittedOn, 6) });
    return { handle, input, result: await finish() };
  }),
  /** The removal signal is lost: the next day's activity reads the removal from the record and the workflow goes on. */
  'episode-removal-signal-lost': scenario(async (ctx) => {
    const { handle, input, fittedOn, untilDay, finish } = await startEpisode(
      ctx,
      '00000000-0000-4000-8000-000000000004',
      42,
    );
    await untilDay(3);
    ctx.recorder.record.removedOn = addDaysIso(fittedOn, 3);
    return { handle, input, result: await finish() };
  }),
};

/**
 * A time-skipping test server of our own. The SDK's own launcher gives a server 5 s to come up, and the JVM needs
 * about 10 s on this 2-core machine under load (measured), so the server is started here with room to spare and the
 * environment attached to it (the same server, binary and time skipping as createTimeSkipping()).
 */
export async function timeSkippingEnvironment(): Promise<{
  env: TestWorkflowEnvironment;
  stop: () => Promise<void>;
}> {
  const port = await freePort();
  const server = spawn(temporalTestServerPath(), [String(port), '--enable-time-skipping'], {
    stdio: 'ignore',
  });
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
  };
  try {
    await waitFor('the time-skipping test server', () => canConnect(port), Boolean, {
      timeoutMs: 90_000,
      intervalMs: 200,
    });
    const create = (
      TestWorkflowEnvironment as unknown as { create(o: object): Promise<TestWorkflowEnvironment> }
    ).create;
    const env = await create.call(TestWorkflowEnvironment, {
      server: { type: 'existing' },
      supportsTimeSkipping: true,
      address: `127.0.0.1:${port}`,
      namespace: 'default',
    });
    // The test server starts with time skipping unlocked: it would race ahead of the worker by itself (measured:
    // ten days of server time per real second). Lock it, so time moves only in env.sleep() and result().
    await (
      env.connection as unknown as { testService: { lockTimeSkipping(r: object): Promise<unknown> } }
    ).testService.lockTimeSkipping({});
    return {
      env,
      stop: async () => {
        await env.teardown();
        await stop();
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = connect(port, '127.0.0.1');
    c.once('connect', () => (c.destroy(), resolve(true)));
    c.once('error', () => resolve(false));
  });
}
