// Part 2 of the oocr benchmark (tools/bench/oocr-bench.ts --only cautions): N conditional cautions issued through
// the gateway, each starting its 16-week workflow on the local Temporal (the real path: API → outbox → Kafka →
// consumer → workflow start → worker → first state written back to the database), then held open together.
//
// Measures: the issue rate and POST latency; workflow start rate (issue → started on Temporal, issue → first state
// written back by the workflow) and the time until all N run; the oocr process's RSS (API, consumers and worker in
// one process) and the Temporal server's RSS before, during, with N open and after; CPU of each process during the
// burst; read latency through the gateway idle, during the burst and with N open; a sample of workflows queried for
// their live state through the gateway (GET /api/oocr/cautions/:id/workflow-state → Temporal query), twice.
//
// Leaves the shared Temporal clean: every bench workflow is terminated at the end (directly with the Temporal
// client, not through the gateway), also after a failure, and leftovers of an interrupted earlier run are
// terminated first. Rows stay in the oocr database, marked as bench (officer pc.bench, names "Bench Cautioned …").
import { connectTemporalClient } from '@oversight/temporal';
import { SHARED_TEMPORAL_ADDRESS } from '@oversight/testing';
import type { Client as TemporalClient } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { CAUTION_WORKFLOW, cautionWorkflowId } from '../../apps/oocr/src/workflows/caution.types';
import { priorityLine, runQueueWaitLine, snapshotCpu } from './process-cpu';
import {
  cpuTicks,
  daysFrom,
  GATEWAY,
  loadAverage,
  ms,
  OOCR_DIRECT,
  pct,
  pidsMatching,
  rssMb,
  servicePid,
  sleep,
  sql,
  today,
  token,
  waitUntil,
} from './oocr-bench-support';

export interface CautionBenchOptions {
  cautions: number;
  concurrency: number;
  /**
   * POSTs started per second (0: as fast as `concurrency` requests in flight allow). A paced burst keeps the API
   * below saturation, so the read figures show what the workflows starting cost it, not the API's own overload.
   */
  issueRate: number;
  /** Workflows queried for their state with all of them open. */
  querySample: number;
  /** Reads timed idle and with all workflows open. */
  reads: number;
  /** Longest wait for every workflow to write its first state. */
  timeoutMs: number;
}

const BENCH_OFFICER = 'pc.bench';
const READ_PATHS = {
  cautions: '/api/oocr/cautions?status=ACTIVE&limit=50',
  reviews: '/api/oocr/reviews?limit=50',
} as const;
type ReadName = keyof typeof READ_PATHS;

function cautionBody(tag: string, i: number) {
  return {
    disposalType: 'ADULT_CONDITIONAL_CAUTION',
    issueDate: today(),
    district: 'swale',
    offender: { fullName: `Bench Cautioned ${tag} ${i}`, dateOfBirth: '1985-06-01' },
    offence: {
      code: '58/1',
      description: 'Criminal damage',
      classification: 'EITHER_WAY',
      offenceDate: daysFrom(-3),
      offenceGroup: 'CRIMINAL_DAMAGE_AND_ARSON',
    },
    issuingOfficer: { id: BENCH_OFFICER },
    authoriser: { id: 'ps.bench', rank: 'SERGEANT' },
    admission: 'ADMITTED',
    evidenceSufficientToCharge: true,
    effectExplainedWithBreachWarning: true,
    signedConsent: { documentRef: `BENCH-${tag}-${i}`, signedOn: today() },
    hasIdentifiableVictim: false,
    conditions: [
      { purpose: 'REHABILITATIVE', kind: 'COURSE', description: 'Course', dueDate: daysFrom(30) },
      {
        purpose: 'REPARATIVE',
        kind: 'COMPENSATION',
        description: 'Pay',
        amountPence: 5000,
        dueDate: daysFrom(60),
        instalments: [
          { dueDate: daysFrom(30), amountPence: 2500 },
          { dueDate: daysFrom(60), amountPence: 2500 },
        ],
      },
    ],
  };
}

// --- the processes watched ---

// `oocr` is the HTTP API process; `oocr-worker` the worker process (src/worker.ts: Temporal worker, consumers,
// outbox relay) when the local run has them apart (scripts/start-services.sh), else absent and `oocr` is both.
const PROCESSES: Record<string, () => number[]> = {
  oocr: () => [servicePid('oocr')].filter((p): p is number => p !== null),
  'oocr-worker': () => [servicePid('oocr-worker')].filter((p): p is number => p !== null),
  gateway: () => [servicePid('gateway')].filter((p): p is number => p !== null),
  temporal: () => pidsMatching((cmd) => cmd.includes('server start-dev')),
  postgres: () => pidsMatching((_cmd, comm) => comm === 'postgres'),
  kafka: () => pidsMatching((cmd) => cmd.includes('kafka.Kafka')),
};

interface Window {
  seconds: number;
  cpuPercent: Record<string, number>;
  maxRss: Record<string, number>;
}

/** Samples RSS and CPU of the stack's processes every second over a phase of the run. */
class Sampler {
  private readonly lastTicks = new Map<number, number>();
  private readonly ticks: Record<string, number> = {};
  private readonly maxRss: Record<string, number> = {};
  private readonly timer: NodeJS.Timeout;
  private readonly started = performance.now();
  private readonly benchCpu = process.cpuUsage();

  constructor() {
    this.sample();
    this.timer = setInterval(() => this.sample(), 1000);
  }

  private sample(): void {
    for (const [name, pids] of Object.entries(PROCESSES)) {
      const ps = pids();
      for (const pid of ps) {
        const now = cpuTicks([pid]);
        const before = this.lastTicks.get(pid);
        if (before !== undefined && now >= before) this.ticks[name] = (this.ticks[name] ?? 0) + now - before;
        this.lastTicks.set(pid, now);
      }
      const rss = rssMb(ps);
      if (rss !== null) this.maxRss[name] = Math.max(this.maxRss[name] ?? 0, rss);
    }
  }

  /** The highest RSS seen so far per process (MB). */
  peakRss(): Record<string, number> {
    return { ...this.maxRss };
  }

  stop(): Window {
    clearInterval(this.timer);
    this.sample();
    const seconds = (performance.now() - this.started) / 1000;
    const cpuPercent: Record<string, number> = {};
    for (const name of Object.keys(PROCESSES)) cpuPercent[name] = (this.ticks[name] ?? 0) / seconds; // ticks are 10 ms
    const bench = process.cpuUsage(this.benchCpu);
    cpuPercent.bench = (bench.user + bench.system) / 1e4 / seconds;
    return { seconds, cpuPercent, maxRss: this.maxRss };
  }
}

/** RSS of the oocr processes now: the API, and the worker when apart. */
const oocrRss = () =>
  PROCESSES['oocr-worker']().length > 0
    ? `oocr API RSS ${rssMb(PROCESSES.oocr())} MB, oocr worker RSS ${rssMb(PROCESSES['oocr-worker']())} MB`
    : `oocr RSS ${rssMb(PROCESSES.oocr())} MB (API and worker in one process)`;

const cpuLine = (w: Window) =>
  Object.entries(w.cpuPercent)
    .map(([name, p]) => `${name} ${p.toFixed(0)}%`)
    .join(', ');

/** The worker's metrics: on the worker process's port (API port + 1000) when apart, else on the API's. */
const OOCR_WORKER_DIRECT = 'http://127.0.0.1:4103';

async function oocrMetrics(): Promise<Record<string, number>> {
  try {
    const base = PROCESSES['oocr-worker']().length > 0 ? OOCR_WORKER_DIRECT : OOCR_DIRECT;
    const text = await (await fetch(`${base}/metrics`)).text();
    const out: Record<string, number> = {};
    // oocr_temporal_worker_cached_workflows{service="oocr"} 12 → cached_workflows;
    // oocr_temporal_worker_setting{service="oocr",setting="maxCachedWorkflows"} 500 → maxCachedWorkflows
    for (const m of text.matchAll(/^oocr_temporal_worker_(\w+)\{([^}]*)\} (\S+)$/gm))
      out[/setting="(\w+)"/.exec(m[2])?.[1] ?? m[1]] = Number(m[3]);
    return out;
  } catch {
    return {};
  }
}

// --- reads through the gateway ---

async function timedFetch(
  url: string,
  init: RequestInit,
): Promise<{ ms: number; status: number; body: any }> {
  const t0 = performance.now();
  const r = await fetch(url, init);
  const text = await r.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { ms: performance.now() - t0, status: r.status, body };
}

class Reads {
  readonly lat: Record<ReadName, number[]> = { cautions: [], reviews: [] };
  errors = 0;

  static async run(tok: string, n: number, stop?: () => boolean): Promise<Reads> {
    const reads = new Reads();
    for (let i = 0; i < n && !(stop?.() ?? false); i++) {
      const name: ReadName = i % 2 === 0 ? 'cautions' : 'reviews';
      // A refused connection (the gateway restarted by someone on the shared stack) is a read error, not the end.
      const r = await timedFetch(`${GATEWAY}${READ_PATHS[name]}`, {
        headers: { authorization: `Bearer ${tok}` },
      }).catch(() => ({ ms: 0, status: 0 }));
      if (r.status === 200) reads.lat[name].push(r.ms);
      else reads.errors++;
    }
    for (const l of Object.values(reads.lat)) l.sort((a, b) => a - b);
    return reads;
  }

  line(name: ReadName): string {
    const l = this.lat[name];
    return `p50 ${ms(pct(l, 50))} p99 ${ms(pct(l, 99))}`;
  }
}

// --- Temporal: the bench's workflows ---

/** Running caution workflows started at or after `since` (visibility), by workflow id → start time. */
async function cautionWorkflows(
  temporal: TemporalClient,
  query: string,
): Promise<Map<string, { start: number; running: boolean }>> {
  const out = new Map<string, { start: number; running: boolean }>();
  for await (const w of temporal.workflow.list({ query: `WorkflowType="${CAUTION_WORKFLOW}" AND ${query}` }))
    out.set(w.workflowId, { start: w.startTime.getTime(), running: w.status.name === 'RUNNING' });
  return out;
}

async function terminate(
  temporal: TemporalClient,
  workflowIds: string[],
  concurrency = 16,
): Promise<{ ms: number; failed: number; notFound: number }> {
  const t0 = performance.now();
  let next = 0;
  let failed = 0;
  let notFound = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < workflowIds.length) {
        const id = workflowIds[next++];
        await temporal.workflow
          .getHandle(id)
          .terminate('oocr benchmark finished')
          .catch((err: Error) => {
            // Not running: already closed, or not started yet by the consumer (counted apart).
            if (err.name === 'WorkflowNotFoundError') notFound++;
            else failed++;
          });
      }
    }),
  );
  return { ms: performance.now() - t0, failed, notFound };
}

/** Bench cautions (officer pc.bench) whose workflow is still running: left by an interrupted run. */
async function runningBenchWorkflowIds(temporal: TemporalClient): Promise<string[]> {
  const running = [...(await cautionWorkflows(temporal, 'ExecutionStatus="Running"')).keys()];
  if (running.length === 0) return [];
  const rows = await sql<{ workflow_id: string }>(
    'oocr',
    `SELECT c.workflow_id FROM caution c JOIN disposal d ON d.id = c.disposal_id
     WHERE d.issuing_officer_id = $1 AND c.workflow_id = ANY($2::text[])`,
    [BENCH_OFFICER, running],
  );
  return rows.map((r) => r.workflow_id);
}

/** --only cleanup: terminates every bench caution workflow still running (e.g. after an interrupted run). */
export async function cleanUpBenchWorkflows(): Promise<void> {
  const temporal = await connectTemporalClient({ address: SHARED_TEMPORAL_ADDRESS, namespace: 'default' });
  try {
    const ids = await runningBenchWorkflowIds(temporal);
    const t = await terminate(temporal, ids);
    console.log(
      `Clean-up: ${ids.length} bench caution workflows were running; terminated in ${(t.ms / 1000).toFixed(0)} s, ${t.failed} failed\n`,
    );
  } finally {
    await temporal.connection.close();
  }
}

async function countWritten(ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return (
    await sql<{ n: number }>(
      'oocr',
      'SELECT count(*)::int AS n FROM caution WHERE disposal_id = ANY($1::uuid[]) AND state_version >= 1',
      [ids],
    )
  )[0].n;
}

// --- the run ---

interface Issued {
  id: string;
  /** When the 201 came back (epoch ms). */
  at: number;
}

export async function benchCautionWorkflows(o: CautionBenchOptions): Promise<void> {
  const tag = randomUUID().slice(0, 8);
  const figures: Array<[string, string]> = [];
  const fig = (what: string, value: string) => {
    figures.push([what, value]);
    console.log(`  ${what}: ${value}`);
  };
  console.log(
    `Conditional caution workflows: ${o.cautions.toLocaleString('en-GB')} issued through the gateway (${o.issueRate > 0 ? `paced at ${o.issueRate}/s, at most ${o.concurrency} at once` : `concurrency ${o.concurrency}, as fast as the API answers`}), run ${tag}; load average ${loadAverage()}; CPU priority ${priorityLine()}`,
  );
  const tok = await token('cjops.dan');
  const temporal = await connectTemporalClient({ address: SHARED_TEMPORAL_ADDRESS, namespace: 'default' });
  const issued: Issued[] = [];
  let finished = false;
  let progress: NodeJS.Timeout | undefined;
  // Ctrl-C: stop issuing and terminate what was started (a second Ctrl-C quits at once).
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.log(
      '  interrupted: terminating the bench workflows started so far (Ctrl-C again to quit at once)',
    );
  };
  const check = () => {
    if (interrupted) throw new Error('interrupted');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const leftovers = await runningBenchWorkflowIds(temporal);
    if (leftovers.length > 0) {
      const t = await terminate(temporal, leftovers);
      console.log(
        `  (terminated ${leftovers.length} bench workflows left running by an earlier run, ${t.failed} failed)`,
      );
    }
    const namespaceRunning = await temporal.workflowService.countWorkflowExecutions({
      namespace: 'default',
      query: 'ExecutionStatus="Running"',
    });
    const m0 = await oocrMetrics();
    const rss0 = {
      oocr: rssMb(PROCESSES.oocr()),
      worker: rssMb(PROCESSES['oocr-worker']()),
      temporal: rssMb(PROCESSES.temporal()),
    };
    fig(
      'before',
      `${Number(namespaceRunning.count)} workflows already running on the shared Temporal (all services); ${oocrRss()}, Temporal server RSS ${rss0.temporal} MB; worker tuning: cache ${m0.maxCachedWorkflows ?? '?'} workflows (${m0.cached_workflows ?? '?'} cached now), ${m0.maxConcurrentWorkflowTaskExecutions ?? '?'} workflow tasks, ${m0.maxConcurrentActivityTaskExecutions ?? '?'} activities at once`,
    );
    const idle = await Reads.run(tok, o.reads);

    // 1. The burst: issue every caution through the gateway, reads running beside it.
    const sampler = new Sampler();
    const postLat: number[] = [];
    const failures = new Map<string, number>();
    const retries = new Map<number, number>();
    let next = 0;
    let issuing = true;
    const burstStart = Date.now();
    const machineAtBurst = snapshotCpu();
    const busyReads = Reads.run(tok, 1_000_000, () => !issuing);
    progress = setInterval(async () => {
      const written = await countWritten(issued.map((x) => x.id)).catch(() => NaN);
      console.log(
        `    t=${((Date.now() - burstStart) / 1000).toFixed(0)}s issued ${issued.length}, first state written ${written}; ${oocrRss()}, Temporal RSS ${rssMb(PROCESSES.temporal())} MB`,
      );
    }, 15_000);
    try {
      await Promise.all(
        Array.from({ length: o.concurrency }, async () => {
          while (next < o.cautions && !interrupted) {
            const i = next++;
            if (o.issueRate > 0) await sleep(burstStart + (i * 1000) / o.issueRate - Date.now());
            for (let attempt = 1; ; attempt++) {
              const r = await timedFetch(`${GATEWAY}/api/oocr/disposals`, {
                method: 'POST',
                headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json' },
                body: JSON.stringify(cautionBody(tag, i)),
              }).catch((err: Error) => ({ ms: 0, status: 0, body: err.message }));
              if (r.status === 201 && r.body?.id) {
                postLat.push(r.ms);
                issued.push({ id: r.body.id, at: Date.now() });
                break;
              }
              // Overload answers are retried (and counted); anything else is a failure of this caution.
              if ([0, 429, 502, 503].includes(r.status) && attempt < 5) {
                retries.set(r.status, (retries.get(r.status) ?? 0) + 1);
                await sleep(500 * attempt);
                continue;
              }
              const key = `${r.status} ${JSON.stringify(r.body).slice(0, 160)}`;
              failures.set(key, (failures.get(key) ?? 0) + 1);
              break;
            }
          }
        }),
      );
    } finally {
      issuing = false;
    }
    check();
    const apiMs = Date.now() - burstStart;
    const busy = await busyReads;
    // Printed at once: the burst's read figures must not depend on every workflow finishing in time.
    // Issue 14 §6: with the worker apart, the API's reads during the burst stay within 2x idle, its RSS under 250 MB.
    const p99 = (r: Reads, n: ReadName) => pct(r.lat[n], 99);
    fig(
      'API during the burst vs idle (issue 14 §6 targets: p99 ≤ 2× idle, API RSS < 250 MB)',
      (['cautions', 'reviews'] as const)
        .map(
          (n) =>
            `GET ${n} p99 ${ms(p99(idle, n))} idle → ${ms(p99(busy, n))} burst = ${(p99(busy, n) / p99(idle, n)).toFixed(1)}×`,
        )
        .join('; ') + `; API RSS max while issuing ${sampler.peakRss().oocr} MB`,
    );
    fig(
      'waiting for a core while issuing (runnable threads queued, share of the burst)',
      runQueueWaitLine(machineAtBurst, snapshotCpu(), apiMs) || 'none above 1 %',
    );
    postLat.sort((a, b) => a - b);
    const ids = issued.map((x) => x.id);
    // 1b. The workflow tail: issuing is over, the worker is still starting workflows and writing their state.
    // Reads now measure what the worker's load (a process apart) costs the API, without the API's own writes.
    let allWritten = false;
    const tailStart = Date.now();
    const tailReads = Reads.run(tok, 1_000_000, () => allWritten);
    try {
      await waitUntil(
        `every caution workflow to write its first state (${o.cautions})`,
        async () => (check(), (await countWritten(ids)) === ids.length),
        o.timeoutMs,
        2000,
      );
    } finally {
      allWritten = true;
    }
    const tail = await tailReads;
    const tailS = ((Date.now() - tailStart) / 1000).toFixed(0);
    fig(
      `API during the workflow tail (${tailS} s: no more issuing, the worker starting workflows and writing their state) vs idle`,
      (['cautions', 'reviews'] as const)
        .map(
          (n) =>
            `GET ${n} p99 ${ms(p99(idle, n))} idle → ${ms(p99(tail, n))} tail = ${(p99(tail, n) / p99(idle, n)).toFixed(1)}× (${tail.lat[n].length} reads)`,
        )
        .join('; ') + `; load average ${loadAverage()}`,
    );
    clearInterval(progress);
    const burst = sampler.stop();

    // 2. Where the time went: issue → started on Temporal → first state written back.
    const started = await cautionWorkflows(
      temporal,
      `StartTime >= "${new Date(burstStart - 1000).toISOString()}"`,
    );
    const rows = await sql<{ id: string; at: number }>(
      'oocr',
      `SELECT disposal_id AS id, extract(epoch FROM updated_at) * 1000 AS at FROM caution WHERE disposal_id = ANY($1::uuid[])`,
      [ids],
    );
    const writtenAt = new Map(rows.map((r) => [r.id, Number(r.at)]));
    const toStart: number[] = [];
    const toState: number[] = [];
    let lastStart = 0;
    let lastWritten = 0;
    for (const x of issued) {
      const s = started.get(cautionWorkflowId(x.id));
      if (s) {
        toStart.push(s.start - x.at);
        lastStart = Math.max(lastStart, s.start);
      }
      const w = writtenAt.get(x.id)!;
      toState.push(w - x.at);
      lastWritten = Math.max(lastWritten, w);
    }
    toStart.sort((a, b) => a - b);
    toState.sort((a, b) => a - b);
    const failed = [...failures.values()].reduce((a, b) => a + b, 0);
    fig(
      'issue (POST /api/oocr/disposals through the gateway)',
      `${issued.length} issued in ${(apiMs / 1000).toFixed(0)} s = ${(issued.length / (apiMs / 1000)).toFixed(1)}/s; POST p50 ${ms(pct(postLat, 50))}, p99 ${ms(pct(postLat, 99))}; failed ${failed}, retried ${[...retries.values()].reduce((a, b) => a + b, 0)}${retries.size ? ` (${[...retries].map(([st, n]) => `${n}× ${st || 'no answer'}`).join(', ')})` : ''}`,
    );
    for (const [k, n] of failures) console.log(`    failure ×${n}: ${k}`);
    fig(
      'workflow start (consumer → Temporal)',
      `${toStart.length} started within ${((lastStart - burstStart) / 1000).toFixed(0)} s of the first issue = ${(toStart.length / ((lastStart - burstStart) / 1000)).toFixed(1)}/s; issue → started p50 ${ms(pct(toStart, 50))}, p99 ${ms(pct(toStart, 99))}`,
    );
    fig(
      `all ${ids.length.toLocaleString('en-GB')} running (first state written back)`,
      `${((lastWritten - burstStart) / 1000).toFixed(0)} s after the first issue = ${(ids.length / ((lastWritten - burstStart) / 1000)).toFixed(1)} workflows/s; issue → first state p50 ${ms(pct(toState, 50))}, p99 ${ms(pct(toState, 99))}`,
    );
    fig(
      'during the burst',
      `oocr ${burst.maxRss['oocr-worker'] ? 'API' : ''} RSS max ${burst.maxRss.oocr} MB${burst.maxRss['oocr-worker'] ? `, oocr worker RSS max ${burst.maxRss['oocr-worker']} MB` : ''}, Temporal server RSS max ${burst.maxRss.temporal} MB; CPU (of 200%) ${cpuLine(burst)}`,
    );

    // 3. All N open: memory, reads, and the live state of a sample.
    await sleep(10_000);
    const open = new Sampler();
    const m1 = await oocrMetrics();
    const rss1 = {
      oocr: rssMb(PROCESSES.oocr()),
      worker: rssMb(PROCESSES['oocr-worker']()),
      temporal: rssMb(PROCESSES.temporal()),
    };
    const openReads = await Reads.run(tok, o.reads, () => interrupted);
    const sample = [...ids].sort(() => Math.random() - 0.5).slice(0, o.querySample);
    const queryPass = async () => {
      const lat: number[] = [];
      let bad = 0;
      for (const id of sample) {
        check();
        const r = await timedFetch(`${GATEWAY}/api/oocr/cautions/${id}/workflow-state`, {
          headers: {
            authorization: `Bearer ${tok}`,
            'x-access-reason': 'oocr benchmark: workflow query latency',
          },
        });
        if (r.status === 200 && r.body?.status === 'ACTIVE' && r.body?.stateVersion >= 1) lat.push(r.ms);
        else bad++;
      }
      return { lat: lat.sort((a, b) => a - b), bad };
    };
    const q1 = await queryPass();
    const q2 = await queryPass();
    const openW = open.stop();
    const m2 = await oocrMetrics();
    fig(
      `${ids.length.toLocaleString('en-GB')} open`,
      `${rss1.worker ? `oocr API RSS ${rss1.oocr} MB, worker RSS ${rss1.worker} MB (+${(rss1.worker ?? 0) - (rss0.worker ?? 0)} MB)` : `oocr RSS ${rss1.oocr} MB (+${(rss1.oocr ?? 0) - (rss0.oocr ?? 0)} MB)`}, ${m1.cached_workflows ?? '?'} workflows cached (bound ${m1.maxCachedWorkflows ?? '?'}); Temporal server RSS ${rss1.temporal} MB (+${(rss1.temporal ?? 0) - (rss0.temporal ?? 0)} MB)`,
    );
    fig(
      `workflow state query, ${sample.length} random workflows (GET /api/oocr/cautions/:id/workflow-state)`,
      `first pass p50 ${ms(pct(q1.lat, 50))}, p99 ${ms(pct(q1.lat, 99))}, wrong or failed ${q1.bad}; again p50 ${ms(pct(q2.lat, 50))}, p99 ${ms(pct(q2.lat, 99))}, wrong or failed ${q2.bad}; oocr ${openW.maxRss['oocr-worker'] ? `API RSS ${openW.maxRss.oocr} MB max, worker RSS ${openW.maxRss['oocr-worker']} MB max` : `RSS after ${openW.maxRss.oocr} MB max`}, ${m2.cached_workflows ?? '?'} cached`,
    );
    for (const name of Object.keys(READ_PATHS) as ReadName[])
      fig(
        `read GET ${READ_PATHS[name]}`,
        `idle ${idle.line(name)}; during the burst ${busy.line(name)} (${busy.lat[name].length} reads); ${ids.length.toLocaleString('en-GB')} open ${openReads.line(name)}`,
      );
    if (idle.errors + busy.errors + openReads.errors > 0)
      console.log(`    read errors: idle ${idle.errors}, burst ${busy.errors}, open ${openReads.errors}`);

    // 4. Leave the shared Temporal clean.
    const t = await terminate(temporal, ids.map(cautionWorkflowId));
    await waitUntil(
      'the bench workflows to show as closed',
      async () => {
        const still = await cautionWorkflows(
          temporal,
          `ExecutionStatus="Running" AND StartTime >= "${new Date(burstStart - 1000).toISOString()}"`,
        );
        return ids.every((id) => !still.has(cautionWorkflowId(id)));
      },
      120_000,
      2000,
    );
    finished = true;
    await sleep(15_000);
    const m3 = await oocrMetrics();
    fig(
      'after terminating them',
      `${ids.length} terminated in ${(t.ms / 1000).toFixed(0)} s (Temporal client, ${t.failed} failed); 15 s later ${oocrRss()}, ${m3.cached_workflows ?? '?'} cached; Temporal server RSS ${rssMb(PROCESSES.temporal())} MB`,
    );
    console.log(`  load average at the end ${loadAverage()}\n`);
    console.log('| measure | figure |\n| --- | --- |');
    for (const [what, value] of figures) console.log(`| ${what} | ${value} |`);
    console.log('');
  } finally {
    clearInterval(progress);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (!finished && issued.length > 0) {
      const t = await terminate(
        temporal,
        issued.map((x) => cautionWorkflowId(x.id)),
      );
      console.log(
        `  (run stopped early: terminated the bench workflows running, ${issued.length - t.notFound - t.failed} of ${issued.length} issued; ${t.failed} failed)`,
      );
      if (t.notFound > 0)
        console.log(
          `  (${t.notFound} were not started yet: the consumer still starts them from its backlog. Once it has, run \`oocr-bench.ts --only cleanup\`; the next run also does it first)`,
        );
    }
    await temporal.connection.close();
  }
}
