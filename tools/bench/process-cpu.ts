// Where the machine's CPU went during a benchmark step: CPU time (utime + stime from /proc/<pid>/stat)
// of every process, grouped by what it is (the gateway, each service's API and worker, PostgreSQL,
// the Kafka broker, the Temporal server, the load generator itself). On a 2-core machine running the
// whole stack, this is what says which process a throughput ceiling belongs to.
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

/** A readable name for a process from its command line; undefined for processes not worth listing apart. */
export function processGroup(cmdline: string, pid: number): string {
  if (pid === process.pid) return 'benchmark (load generator)';
  const app =
    /dist\/apps\/([a-z-]+)\/(main|worker)\.js/.exec(cmdline) ??
    /apps\/([a-z-]+)\/src\/(main|worker)\.ts/.exec(cmdline);
  if (app) return app[2] === 'worker' ? `${app[1]} worker` : app[1];
  if (/postgres|postmaster/.test(cmdline)) return 'PostgreSQL';
  if (/kafka\.Kafka|kafka-server|kafka\.tools/.test(cmdline)) return 'Kafka broker';
  if (/temporal/.test(cmdline)) return 'Temporal server';
  return 'other';
}

export type CpuSnapshot = Map<number, { group: string; ms: number; waitMs: number }>;

/**
 * Time the process's threads spent runnable but waiting for a CPU (the second field of each thread's
 * /proc/<pid>/task/<tid>/schedstat, in ns): on a saturated machine, the part of a request's latency that is
 * queueing for a core rather than work or I/O.
 */
function runQueueWaitMs(pid: number): number {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[1]);
    } catch {
      // the thread ended between listing and reading
    }
  }
  return ns / 1e6;
}

/** CPU used so far by every process on the machine, in milliseconds. */
export function snapshotCpu(): CpuSnapshot {
  const out: CpuSnapshot = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      out.set(pid, { group: processGroup(cmdline, pid), ms, waitMs: runQueueWaitMs(pid) });
    } catch {
      // the process ended between listing and reading
    }
  }
  return out;
}

/** CPU per group between two snapshots (processes started in between count from zero), largest first. */
export function cpuBetween(
  before: CpuSnapshot,
  after: CpuSnapshot,
): Array<{ group: string; ms: number; waitMs: number }> {
  const byGroup = new Map<string, { ms: number; waitMs: number }>();
  for (const [pid, now] of after) {
    const used = now.ms - (before.get(pid)?.ms ?? 0);
    const waited = Math.max(0, now.waitMs - (before.get(pid)?.waitMs ?? 0));
    if (used <= 0 && waited <= 0) continue;
    const g = byGroup.get(now.group) ?? { ms: 0, waitMs: 0 };
    g.ms += Math.max(0, used);
    g.waitMs += waited;
    byGroup.set(now.group, g);
  }
  return [...byGroup.entries()].map(([group, v]) => ({ group, ...v })).sort((a, b) => b.ms - a.ms);
}

/** Prints CPU per request of each group that used at least 1 % of the total (and how long its threads waited for a
 * core, per request), and the total. */
export function printCpuPerRequest(
  title: string,
  before: CpuSnapshot,
  after: CpuSnapshot,
  requests: number,
  wallMs: number,
  cores: number,
): void {
  const rows = cpuBetween(before, after);
  const total = rows.reduce((s, r) => s + r.ms, 0);
  console.log(
    `   ${title}: ${(total / requests).toFixed(2)} ms CPU per request across the machine ` +
      `(${((100 * total) / (wallMs * cores)).toFixed(0)} % of ${cores} cores for ${(wallMs / 1000).toFixed(1)} s)`,
  );
  for (const r of rows.filter((x) => x.ms >= total / 100))
    console.log(
      `     ${r.group.padEnd(30)} ${(r.ms / requests).toFixed(2).padStart(6)} ms/request  ${((100 * r.ms) / total).toFixed(0).padStart(3)} %` +
        `   waited for a core ${(r.waitMs / requests).toFixed(2).padStart(6)} ms/request`,
    );
}

/**
 * How much of a window each group's threads spent runnable but waiting for a core, as a share of the window
 * (100 % = one thread waiting the whole time): the groups most delayed by the machine being busy, largest first.
 */
export function runQueueWaitLine(before: CpuSnapshot, after: CpuSnapshot, wallMs: number): string {
  return cpuBetween(before, after)
    .filter((r) => r.waitMs >= wallMs / 100)
    .sort((a, b) => b.waitMs - a.waitMs)
    .map((r) => `${r.group} ${((100 * r.waitMs) / wallMs).toFixed(0)} %`)
    .join(', ');
}

/**
 * The CPU priority each group runs at (deploy/local/priority.env: BACKGROUND_NICE): the nice of its session's
 * autogroup where the kernel has them (what decides between the services' sessions), else of its process.
 * E.g. "nice 5: audit, Kafka broker, …; nice 0: the rest".
 */
export function priorityLine(): string {
  const niceOf = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const group = processGroup(cmdline, Number(entry));
      if (group === 'other' || group.startsWith('benchmark')) continue;
      let nice: number;
      try {
        nice = Number(/ nice (-?\d+)/.exec(readFileSync(`/proc/${entry}/autogroup`, 'utf8'))?.[1] ?? 0);
      } catch {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        nice = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
      }
      niceOf.set(group, Math.max(niceOf.get(group) ?? nice, nice));
    } catch {
      // the process ended between listing and reading
    }
  }
  const byNice = new Map<number, string[]>();
  for (const [group, nice] of niceOf) byNice.set(nice, [...(byNice.get(nice) ?? []), group]);
  return [...byNice.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([nice, groups]) => (nice === 0 ? 'nice 0: the rest' : `nice ${nice}: ${groups.sort().join(', ')}`))
    .join('; ');
}
