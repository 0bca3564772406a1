// The cost of one intake write (issue 14 §5): CPU milliseconds per POST /applications in the
// complaint-reviews process (and in the gateway, when the writes go through it), read from
// /proc/<pid>/stat (utime + stime) before and after N writes. CPU per write holds up when other
// programs load the machine; requests per second do not, so both are printed with the load average.
//
//   node -r ./tools/register.js tools/bench/intake-write-cost.ts [options]
//     (default)        the live stack: writes through the gateway (:3000) to the running service (:3101)
//     --spawn          a second complaint-reviews API on a free port with the live service's environment
//                      (RUN_BACKGROUND_WORK=false) and a scratch copy of its schema (dropped afterwards: no
//                      events reach the shared stack), written to directly with the gateway's assertion
//     --built          with --spawn: run dist/apps/complaint-reviews/main.js (npx nx run complaint-reviews:build)
//                      instead of the sources through the swc loader
//     --entry FILE     with --spawn: run this built main.js (e.g. an older commit's build, for A/B runs)
//     --no-source-maps with --built: without --enable-source-maps (which start-services.sh passes)
//     --gateway        with --spawn: also a second gateway (built dist), whose complaint-reviews upstream is the
//                      second service; the writes go through it and its CPU per write is printed too
//     --profile-gateway DIR  as --gateway, profiling the second gateway instead of the service
//     --profile DIR    with --spawn: a V8 CPU profile of the measured writes only (not start-up or warm-up),
//                      written to DIR, and its top self-time entries printed
//     --requests N (1000)  --concurrency C (16)  --warmup W (200)
//   node -r ./tools/register.js tools/bench/intake-write-cost.ts --top FILE.cpuprofile [--entries 15]
//
// The writes are the same application run-bench.ts posts (a fresh force reference each); through the
// gateway they go to the live complaint_reviews database (their events start clocks, as run-bench's do).
import { gatewayAssertionHeaders, REPO_ROOT } from '@oversight/testing';
import { randomUUID } from 'node:crypto';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { autocannon, demoToken, GATEWAY, numberArg } from './bench-support';
import { scratchDatabase } from './intake-sql-baseline';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const stringArg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const CLOCK_TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux
const LIVE_SERVICE = 'http://127.0.0.1:3101';
const LOG_FILE = join(REPO_ROOT, '.local/logs/intake-write-cost.log');
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/** CPU time (user + system) a process has used so far, in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command (which may hold spaces) start after the last ')'; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** The pid listening on a local TCP port (from ss), or undefined. */
export function pidOnPort(port: number): number | undefined {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const m = /pid=(\d+)/.exec(out);
  return m ? Number(m[1]) : undefined;
}

function londonYesterday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() - 86_400_000),
  );
}

/** The application run-bench.ts writes. */
export function intakeBody(i: number, runId: string, receivedOn = londonYesterday()): string {
  return JSON.stringify({
    channel: 'EMAIL',
    receivedOn,
    forceComplaintReference: `BENCH/${runId.slice(0, 8)}/${i}`,
    handling: 'INVESTIGATED',
    grounds: 'Benchmark application.',
    complainant: {
      fullName: `Bench Person ${i}`,
      contactPreference: 'EMAIL',
      email: `bench${i}@example.org`,
    },
  });
}

export interface WriteRun {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  firstError?: string;
}

/** n intake POSTs to url at the given concurrency (keep-alive connections). */
export async function postIntakes(opts: {
  url: string;
  n: number;
  concurrency: number;
  headers: () => Record<string, string>;
  runId: string;
  offset?: number;
}): Promise<WriteRun> {
  let i = opts.offset ?? 0;
  const receivedOn = londonYesterday();
  let firstError: string | undefined;
  const result = await autocannon({
    url: opts.url,
    connections: opts.concurrency,
    amount: opts.n,
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          method: 'POST',
          headers: opts.headers(),
          body: intakeBody(i++, opts.runId, receivedOn),
        }),
        onResponse: (status, body) => {
          if (status !== 201) firstError ??= `${status} ${String(body).slice(0, 200)}`;
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    perSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    firstError,
  };
}

// --- a second service process ---

function liveServiceEnv(app = 'complaint-reviews'): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(join(REPO_ROOT, `.local/run/services/${app}.env`), 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2].replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return env;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

/**
 * A preload that starts V8's profiler on the first SIGWINCH and writes the profile on the second (the
 * `--cpu-prof` flag writes only on a normal exit, and Nest's shutdown ends the process by signal; Nest's
 * shutdown hooks also listen to SIGUSR1/2, SIGWINCH is ignored by default and by Nest).
 */
const PROFILE_HOOK = `
const inspector = require('node:inspector');
const fs = require('node:fs');
const session = new inspector.Session();
session.connect();
let on = false;
process.on('SIGWINCH', () => {
  if (!on) {
    on = true;
    session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 500 }, () =>
      session.post('Profiler.start', () => fs.writeFileSync(process.env.PROFILE_ACK, 'started'))));
  } else {
    session.post('Profiler.stop', (err, res) => {
      fs.writeFileSync(process.env.PROFILE_OUT, JSON.stringify(res.profile));
      fs.writeFileSync(process.env.PROFILE_ACK, 'written');
    });
  }
});
`;

interface Spawned {
  child: ChildProcess;
  url: string;
  ack?: string;
}

async function spawnService(built: boolean, databaseUrl: string, profileFile?: string): Promise<Spawned> {
  // As scripts/start-services.sh runs it (source maps on, for readable stack traces).
  const entry = built
    ? [
        ...(flag('no-source-maps') ? [] : ['--enable-source-maps']),
        stringArg('entry') ?? join(REPO_ROOT, 'dist/apps/complaint-reviews/main.js'),
      ]
    : ['-r', join(REPO_ROOT, 'tools/register.js'), join(REPO_ROOT, 'apps/complaint-reviews/src/main.ts')];
  return spawnApp(
    'complaint-reviews',
    entry,
    { DATABASE_URL: databaseUrl, RUN_BACKGROUND_WORK: 'false' },
    profileFile,
  );
}

/** A second gateway (built) whose complaint-reviews upstream is the second service. */
async function spawnGateway(serviceUrl: string, profileFile?: string): Promise<Spawned> {
  const live = liveServiceEnv('gateway');
  const upstreams = live.UPSTREAMS.split(',')
    .map((kv) => (kv.startsWith('complaint-reviews=') ? `complaint-reviews=${serviceUrl}` : kv))
    .join(',');
  return spawnApp(
    'gateway',
    ['--enable-source-maps', join(REPO_ROOT, 'dist/apps/gateway/main.js')],
    { UPSTREAMS: upstreams },
    profileFile,
  );
}

async function spawnApp(
  app: string,
  entry: string[],
  overrides: Record<string, string>,
  profileFile?: string,
): Promise<Spawned> {
  const port = await freePort();
  if (!entry[entry.length - 1].endsWith('.ts') && !existsSync(entry[entry.length - 1]))
    throw new Error(`no ${entry[entry.length - 1]}: build it first (npx nx run ${app}:build)`);
  const extra: string[] = [];
  let ack: string | undefined;
  const env: Record<string, string> = {};
  if (profileFile) {
    const dir = mkdtempSync(join(tmpdir(), 'intake-prof-'));
    writeFileSync(join(dir, 'hook.js'), PROFILE_HOOK);
    ack = join(dir, 'ack');
    extra.push('-r', join(dir, 'hook.js'));
    env.PROFILE_OUT = profileFile;
    env.PROFILE_ACK = ack;
  }
  const log = openSync(LOG_FILE, 'a');
  const child = spawn(process.execPath, [...extra, ...entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...liveServiceEnv(app), ...env, ...overrides, PORT: String(port) },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the second ${app} exited during start-up: see ${LOG_FILE}`);
    if (
      await fetch(`${url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, url, ack };
    if (Date.now() > deadline) throw new Error(`the second ${app} was not ready after 180 s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function profilerSignal(s: Spawned, expect: string): Promise<void> {
  if (existsSync(s.ack!)) writeFileSync(s.ack!, '');
  s.child.kill('SIGWINCH');
  const deadline = Date.now() + 60_000;
  while (!(existsSync(s.ack!) && readFileSync(s.ack!, 'utf8') === expect)) {
    if (Date.now() > deadline) throw new Error(`profiler did not answer (${expect})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// --- profile analysis ---

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The top self-time entries of a V8 CPU profile, by function and file; as lines of a markdown table. */
export function topSelfTime(profile: CpuProfile, entries = 15): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // The profiler's own work (stopping and serialising the profile, under the preload) is not the service's.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ownWork = new Map<number, boolean>();
  const isProfiler = (id: number): boolean => {
    if (!ownWork.has(id)) {
      const n = byId.get(id)!;
      const up = parent.get(id);
      ownWork.set(
        id,
        /intake-prof-[^/]*\/hook\.js$/.test(n.callFrame.url) || (up !== undefined && isProfiler(up)),
      );
    }
    return ownWork.get(id)!;
  };
  const self = new Map<string, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const f = byId.get(id)!.callFrame;
    total += dt;
    if (f.functionName === '(idle)' || isProfiler(id)) {
      idle += dt;
      return;
    }
    const where = f.url
      ? `${f.url
          .replace(/^file:\/\//, '')
          .replace(`${REPO_ROOT}/`, '')
          .replace(/^.*node_modules\//, '')}:${f.lineNumber + 1}`
      : '';
    const key = `${f.functionName || '(anonymous)'}|${where}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  const busy = total - idle;
  const lines = [
    `busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms sampled`,
    '| # | self ms | % of busy | function | where |',
    '| -: | -: | -: | --- | --- |',
  ];
  [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, entries)
    .forEach(([key, us], i) => {
      const [fn, where] = key.split('|');
      lines.push(
        `| ${i + 1} | ${(us / 1000).toFixed(1)} | ${((100 * us) / busy).toFixed(1)} | \`${fn}\` | ${where ? `\`${where}\`` : ''} |`,
      );
    });
  return lines;
}

// --- main ---

async function main(): Promise<void> {
  const top = stringArg('top');
  if (top) {
    const profile = JSON.parse(readFileSync(top, 'utf8')) as CpuProfile;
    console.log(topSelfTime(profile, numberArg('entries', 15)).join('\n'));
    return;
  }
  const requests = numberArg('requests', 1000);
  const concurrency = numberArg('concurrency', 16);
  const warmup = numberArg('warmup', 200);
  const viaSecondGateway = flag('gateway') || !!stringArg('profile-gateway');
  const spawnOwn =
    viaSecondGateway || flag('spawn') || flag('built') || !!stringArg('entry') || !!stringArg('profile');
  const built = flag('built') || !!stringArg('entry');
  const profileDir = stringArg('profile') ?? stringArg('profile-gateway');
  const runId = randomUUID();
  const token = await demoToken('reviewer.amara');
  const base = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  let spawned: Spawned | undefined;
  let secondGateway: Spawned | undefined;
  let scratch: { url: string; drop: () => Promise<void> } | undefined;
  let profileFile: string | undefined;
  try {
    let url: string;
    let servicePid: number;
    let gatewayPid: number | undefined;
    let headers: () => Record<string, string>;
    let renew: NodeJS.Timeout | undefined;
    if (spawnOwn) {
      if (profileDir) {
        mkdirSync(profileDir, { recursive: true });
        profileFile = resolve(
          profileDir,
          `intake-${stringArg('profile-gateway') ? 'gateway' : built ? 'built' : 'swc'}-${Date.now()}.cpuprofile`,
        );
      }
      // Its own scratch copy of the schema: the writes' events stay in its outbox (no relay runs there),
      // so the measurement starts no clocks or audit work on the shared stack.
      scratch = await scratchDatabase('intake_write_cost');
      spawned = await spawnService(
        built,
        scratch.url,
        stringArg('profile-gateway') ? undefined : profileFile,
      );
      url = `${spawned.url}/applications`;
      servicePid = spawned.child.pid!;
      // The assertion the gateway would add (valid 30 s for every POST /applications): signed before
      // the run and renewed every 10 s, so the service verifies one as it would from the gateway.
      const sign = () =>
        gatewayAssertionHeaders({
          service: 'complaint-reviews',
          method: 'POST',
          path: '/applications',
          bearerToken: token,
        });
      let vouched = { ...base, ...(await sign()) };
      renew = setInterval(() => void sign().then((h) => (vouched = { ...base, ...h })), 10_000);
      headers = () => vouched;
      if (viaSecondGateway) {
        secondGateway = await spawnGateway(
          spawned.url,
          stringArg('profile-gateway') ? profileFile : undefined,
        );
        url = `${secondGateway.url}/api/complaint-reviews/applications`;
        gatewayPid = secondGateway.child.pid!;
        headers = () => base;
      }
    } else {
      url = `${GATEWAY}/api/complaint-reviews/applications`;
      servicePid = pidOnPort(Number(new URL(LIVE_SERVICE).port))!;
      gatewayPid = pidOnPort(Number(new URL(GATEWAY).port));
      if (!servicePid) throw new Error('no complaint-reviews process on :3101: is the stack running?');
      headers = () => base;
    }
    console.log(
      `intake write cost — ${new Date().toISOString()}, ${spawnOwn ? `second service (${built ? 'built dist' : 'swc loader'}), ${viaSecondGateway ? 'through a second gateway' : 'direct'}` : 'live stack, through the gateway'}, ` +
        `${requests} writes at concurrency ${concurrency} after ${warmup} warm-up; ${cpus().length} cores, load ${load()}`,
    );
    try {
      const w = await postIntakes({ url, n: warmup, concurrency, headers, runId, offset: 10_000_000 });
      if (w.errors) console.log(`warm-up: ${w.errors} errors, first: ${w.firstError}`);
      const profiled = secondGateway?.ack ? secondGateway : spawned?.ack ? spawned : undefined;
      if (profiled) await profilerSignal(profiled, 'started');
      const s0 = cpuMs(servicePid);
      const g0 = gatewayPid ? cpuMs(gatewayPid) : 0;
      const r = await postIntakes({ url, n: requests, concurrency, headers, runId });
      const s1 = cpuMs(servicePid);
      const g1 = gatewayPid ? cpuMs(gatewayPid) : 0;
      console.log(
        `writes ${r.requests}, ${r.perSecond.toFixed(0)}/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}` +
          (r.firstError ? ` (first: ${r.firstError})` : ''),
      );
      console.log(`complaint-reviews CPU per write: ${((s1 - s0) / requests).toFixed(2)} ms`);
      if (gatewayPid) console.log(`gateway CPU per write:           ${((g1 - g0) / requests).toFixed(2)} ms`);
      console.log(`load average at the end: ${load()}`);
      if (profiled && profileFile) {
        await profilerSignal(profiled, 'written');
        console.log(`\nprofile ${profileFile} (${(statSync(profileFile).size / 1e6).toFixed(1)} MB):`);
        console.log(
          topSelfTime(
            JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile,
            numberArg('entries', 15),
          ).join('\n'),
        );
      }
      if (r.errors) process.exitCode = 1;
    } finally {
      if (renew) clearInterval(renew);
    }
  } finally {
    for (const p of [secondGateway, spawned]) {
      if (!p || p.child.exitCode !== null) continue;
      const exited = new Promise((r) => p.child.once('exit', r));
      p.child.kill('SIGTERM');
      const t = setTimeout(() => p.child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    }
    await scratch?.drop();
  }
}

if (require.main === module)
  main().catch((err) => {
    console.error(`intake-write-cost failed: ${(err as Error).message}`);
    process.exitCode = 1;
  });
