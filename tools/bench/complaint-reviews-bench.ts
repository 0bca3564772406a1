// Benchmark (not a test) of the complaint-reviews queue and report endpoints over HTTP, as users hit
// them (bearer-token check, validation, SQL, serialisation, JSON or CSV), with many seeded reviews:
//   npm run bench:complaint-reviews [-- --reviews 100000 --requests 200 --concurrency 8]
//   node -r ./tools/register.js tools/bench/complaint-reviews-bench.ts [--reviews N] [--requests N]
//        [--concurrency N] [--report-requests N] [--warmup N]
// Needs the system started by `npm run start:all` (the gateway issues the tokens and publishes the JWKS).
//
//  1. Creates a scratch database, migrates it and seeds --reviews reviews in SQL
//     (apps/complaint-reviews/test/bench/seed-reviews.ts: four teams, reviewers including the demo
//     reviewers, three years of receipts, Kent's outcome proportions, a backlog with overdue cases).
//  2. Starts a second complaint-reviews process (the same code) on a free port with the running service's
//     environment, but DATABASE_URL on the scratch database and RUN_BACKGROUND_WORK=false: no Kafka
//     consumer group, no outbox relay, no Temporal worker, so it takes nothing from the live service.
//  3. Logs in as the demo reviewer and manager through the gateway, then calls the bench service
//     directly: every queue view, the workload, case details of random ids, the summary report over a
//     quarter and a year, and its CSV export. Warm-up first; then requests/s, p50/p95/p99/max and the
//     response size of each.
//  4. The gateway hop is not in these figures (a second gateway would relay its access records into the
//     shared audit trail): it is measured on the live stack instead, with a request both hops
//     authenticate and the service refuses in validation, through the gateway and straight to the service.
//  5. Stops the bench service and drops the scratch database, also on failure or Ctrl-C.
import { gatewayAssertionHeaders, localSecrets, REPO_ROOT } from '@oversight/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  createScratchDatabase,
  ScratchDatabase,
  seedReviews,
} from '../../apps/complaint-reviews/test/bench/seed-reviews';

const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const n = Number(args[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`);
  return n;
};
const REVIEWS = arg('reviews', 100_000);
const REQUESTS = arg('requests', 200);
const CONCURRENCY = arg('concurrency', 8);
const REPORT_REQUESTS = arg('report-requests', Math.max(1, Math.round(REQUESTS / 4)));
const WARMUP = arg('warmup', 10);
const GATEWAY = 'http://127.0.0.1:3000';
const LIVE_SERVICE = 'http://127.0.0.1:3101';
const LOG_FILE = join(REPO_ROOT, '.local/logs/complaint-reviews-bench.log');

const londonDay = (offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

// --- the bench service and its database, and their clean-up ---

let db: ScratchDatabase | undefined;
let child: ChildProcess | undefined;
let cleaning: Promise<void> | undefined;
let stopping = false;

function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child!.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await db?.drop();
    if (db) console.log(`\ndropped ${db.name}; bench service stopped`);
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    stopping = true; // no new requests: the service then closes its idle connections and exits at once
    console.error(`\n${signal}: stopping the bench service and dropping the scratch database`);
    cleanUp().finally(() => process.exit(130));
  });

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** The running service's environment (written by scripts/start-services.sh), one VAR=value a line. */
function liveServiceEnv(): Record<string, string> {
  const file = join(REPO_ROOT, '.local/run/services/complaint-reviews.env');
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
  }
  return env;
}

async function startBenchService(databaseUrl: string): Promise<string> {
  const port = await freePort();
  const logStart = existsSync(LOG_FILE) ? statSync(LOG_FILE).size : 0;
  const log = openSync(LOG_FILE, 'a');
  child = spawn(
    process.execPath,
    ['-r', join(REPO_ROOT, 'tools/register.js'), join(REPO_ROOT, 'apps/complaint-reviews/src/main.ts')],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...liveServiceEnv(),
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        // HTTP only: no Kafka consumer group, outbox relay or Temporal worker (see .env.example).
        RUN_BACKGROUND_WORK: 'false',
      },
      stdio: ['ignore', log, log],
    },
  );
  closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the bench service exited during start-up: see ${LOG_FILE}`);
    const ready = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) {
      // Belt and braces: this process must not have started what RUN_BACKGROUND_WORK=false switches off.
      const started = readFileSync(LOG_FILE).subarray(logStart).toString();
      // (the live service logs these three when it starts its worker, Kafka consumer and relay producer)
      if (/temporal worker running|Nest microservice successfully started|idempotent producer/.test(started))
        throw new Error(`the bench service started background work: see ${LOG_FILE}`);
      return url;
    }
    if (Date.now() > deadline)
      throw new Error(`the bench service was not ready after 180 s: see ${LOG_FILE}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

// --- load ---

const tokens = new Map<string, string>();
async function login(username: string): Promise<string> {
  const r = await fetch(`${GATEWAY}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: localSecrets().DEMO_USER_PASSWORD }),
  });
  if (!r.ok) throw new Error(`login of ${username} failed (${r.status}): is the system running?`);
  const token = ((await r.json()) as { access_token: string }).access_token;
  tokens.set(username, token);
  return token;
}

interface Target {
  label: string;
  as: string;
  /** A path, or one path per request (e.g. random case ids). */
  path: string | ((i: number) => string);
  headers?: Record<string, string>;
  requests: number;
  /** The expected status (200 unless said). */
  status?: number;
  /** What a good answer looks like, checked on every response. */
  check?: (status: number, body: string) => string | undefined;
}

interface Result {
  label: string;
  as: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  bytes: number | undefined;
  errors: number;
  firstError?: string;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

async function run(base: string, t: Target, count: number): Promise<Result> {
  await login(t.as); // fresh token for each endpoint: a run never outlives one
  const latencies: number[] = [];
  const sizes: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, count) }, async () => {
      while (next < count && !stopping) {
        const i = next++;
        const path = typeof t.path === 'string' ? t.path : t.path(i);
        // Straight to a service: vouched for as the gateway would (signed before the clock starts).
        const vouched =
          base === GATEWAY
            ? {}
            : await gatewayAssertionHeaders({
                service: 'complaint-reviews',
                method: 'GET',
                path,
                bearerToken: tokens.get(t.as)!,
                reason: t.headers?.['x-access-reason'],
              });
        const t0 = performance.now();
        let problem: string | undefined;
        try {
          const res = await fetch(`${base}${path}`, {
            headers: { authorization: `Bearer ${tokens.get(t.as)}`, ...(t.headers ?? {}), ...vouched },
          });
          const body = await res.text();
          latencies.push(performance.now() - t0);
          sizes.push(Buffer.byteLength(body));
          problem =
            res.status !== (t.status ?? 200)
              ? `${res.status} ${body.slice(0, 200)}`
              : t.check?.(res.status, body);
        } catch (err) {
          latencies.push(performance.now() - t0);
          problem = (err as Error).message;
        }
        if (problem) {
          errors++;
          firstError ??= `${path}: ${problem}`;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  sizes.sort((a, b) => a - b);
  return {
    label: t.label,
    as: t.as.replace(/^\w+\./, ''),
    requests: count,
    perSecond: count / seconds,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
    max: latencies[latencies.length - 1],
    bytes: pct(sizes, 50),
    errors,
    firstError,
  };
}

async function measure(base: string, t: Target): Promise<Result> {
  await run(base, t, Math.min(WARMUP, t.requests)); // warm-up, not counted
  const r = await run(base, t, t.requests);
  if (!stopping) printRow(r);
  return r;
}

const size = (b: number | undefined) =>
  b === undefined
    ? '-'
    : b >= 1024 * 1024
      ? `${(b / 1024 / 1024).toFixed(1)} MB`
      : b >= 1024
        ? `${(b / 1024).toFixed(1)} kB`
        : `${b} B`;
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

const W = 54;
function printHeader(): void {
  console.log(
    `| ${'endpoint'.padEnd(W)} | as       | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | size (p50) | errors |`,
  );
  console.log(
    `| ${'-'.repeat(W)} | -------- | -------: | ----: | -----: | -----: | -----: | -----: | ---------: | -----: |`,
  );
}

function printRow(r: Result): void {
  console.log(
    `| ${r.label.padEnd(W)} | ${r.as.padEnd(8)} | ${String(r.requests).padStart(8)} | ${r.perSecond.toFixed(1).padStart(5)} | ${ms(r.p50).padStart(6)} | ${ms(r.p95).padStart(6)} | ${ms(r.p99).padStart(6)} | ${ms(r.max).padStart(6)} | ${size(r.bytes).padStart(10)} | ${String(r.errors).padStart(6)} |`,
  );
}

// --- what to measure ---

const rowsOf = (min: number, max: number) => (_s: number, body: string) => {
  const n = (JSON.parse(body) as unknown[]).length;
  return n < min || n > max ? `expected ${min}..${max} rows, got ${n}` : undefined;
};

function targets(caseIds: string[], reportPaths: string[]): Target[] {
  const today = londonDay();
  const quarterFrom = londonDay(-90);
  const yearFrom = londonDay(-364);
  const reviewer = 'reviewer.amara';
  const manager = 'manager.priya';
  const queue = (view: string, limit = 50): Target => ({
    label: `GET /applications?view=${view}${limit === 50 ? '' : `&limit=${limit}`}`,
    as: reviewer,
    path: `/applications?view=${view}${limit === 50 ? '' : `&limit=${limit}`}`,
    requests: REQUESTS,
    check: rowsOf(1, limit),
  });
  const summary = (label: string, from: string, csv = false): Target => ({
    label: `GET /reports/summary, ${label}`,
    as: manager,
    path: `/reports/summary?from=${from}&to=${today}${csv ? '&format=csv' : ''}`,
    requests: REPORT_REQUESTS,
    check: (_s, body) =>
      csv
        ? body.startsWith('metric,value\n')
          ? undefined
          : 'not the CSV export'
        : (JSON.parse(body) as { counts?: { received?: number } }).counts?.received
          ? undefined
          : 'no received count',
  });
  // The publication table of the last complete financial year (April to March): four quarters and the
  // year, each computed as a summary.
  const fy = Number(today.slice(0, 4)) - (today.slice(5) >= '04-01' ? 1 : 2);
  const quarterly = (csv: boolean): Target => ({
    label: `GET /reports/quarterly?financialYear=${fy}${csv ? '&format=csv' : ''}`,
    as: manager,
    path: `/reports/quarterly?financialYear=${fy}${csv ? '&format=csv' : ''}`,
    requests: REPORT_REQUESTS,
    check: (_s, body) =>
      csv
        ? body.split('\n').filter(Boolean).length === 6
          ? undefined
          : 'not a header and five rows'
        : body.includes('to date')
          ? undefined
          : 'no year-to-date row',
  });
  return [
    queue('unassigned'),
    queue('mine'),
    queue('team'),
    queue('on-hold'),
    queue('due-soon'),
    queue('overdue'),
    queue('team', 200),
    {
      label: 'GET /applications (no view: every status)',
      as: reviewer,
      path: '/applications',
      requests: REQUESTS,
      check: rowsOf(50, 50),
    },
    {
      label: 'GET /workload',
      as: manager,
      path: '/workload',
      requests: REQUESTS,
      check: rowsOf(2, 100),
    },
    {
      label: 'GET /workload?team=opcc-reviews-east',
      as: manager,
      path: '/workload?team=opcc-reviews-east',
      requests: REQUESTS,
      check: rowsOf(2, 20),
    },
    {
      label: 'GET /applications/:id (random ids)',
      as: manager,
      path: (i) => `/applications/${caseIds[i % caseIds.length]}`,
      headers: { 'x-access-reason': 'benchmark' },
      requests: REQUESTS,
      check: (_s, body) => ((JSON.parse(body) as { id?: string }).id ? undefined : 'no case in the answer'),
    },
    summary('a quarter (91 days)', quarterFrom),
    summary('a year (365 days)', yearFrom),
    summary('a year, format=csv', yearFrom, true),
    quarterly(false),
    quarterly(true),
    ...reportPaths.map(
      (p): Target => ({
        label: `GET ${p}, a year`,
        as: manager,
        path: `${p}?from=${yearFrom}&to=${today}`,
        requests: REPORT_REQUESTS,
      }),
    ),
  ];
}

/** Report routes besides those above (summary, quarterly), from the service's OpenAPI: measured over a
 * year when they take from/to, listed as not measured otherwise. */
async function otherReportPaths(base: string): Promise<string[]> {
  const doc = (await (await fetch(`${base}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>;
  };
  const found = Object.entries(doc.paths).filter(
    ([p, ops]) =>
      p.startsWith('/reports/') && !['/reports/summary', '/reports/quarterly'].includes(p) && ops.get,
  );
  const usable: string[] = [];
  for (const [p, ops] of found) {
    const params = (ops.get.parameters ?? []).map((x) => `${x.in}:${x.name}`);
    if (params.every((x) => ['query:from', 'query:to', 'query:team', 'query:format'].includes(x)))
      usable.push(p);
    else console.log(`not measured: GET ${p} (parameters ${params.join(', ')} unknown to this bench)`);
  }
  return usable;
}

async function main(): Promise<void> {
  console.log(
    `complaint-reviews HTTP benchmark — ${new Date().toISOString()}, ${REVIEWS.toLocaleString('en-GB')} reviews, ` +
      `${REQUESTS} requests a queue endpoint (${REPORT_REQUESTS} a report) at concurrency ${CONCURRENCY}, ` +
      `${WARMUP} warm-up each; ${cpus().length} cores, load average ${load()}`,
  );
  await login('reviewer.amara'); // fail fast when the stack is not running

  let t = performance.now();
  db = await createScratchDatabase();
  const seeded = await seedReviews(db.url, REVIEWS);
  console.log(
    `seeded ${db.name} in ${((performance.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(seeded.byStatus)}; ` +
      `open ${seeded.open} (unassigned ${seeded.openUnassigned}, overdue ${seeded.openOverdue}, on hold ${seeded.openOnHold}); ` +
      `open per demo reviewer ${JSON.stringify(seeded.openAssignedTo)}, per team ${JSON.stringify(seeded.openInTeam)}; ` +
      `rows ${JSON.stringify(seeded.rows)}`,
  );

  const c = new Client({ connectionString: db.url });
  await c.connect();
  const caseIds = (
    await c.query<{ id: string }>(`SELECT id FROM review_application ORDER BY md5(id::text) LIMIT 2000`)
  ).rows.map((r) => r.id);
  await c.end();

  t = performance.now();
  const base = await startBenchService(db.url);
  console.log(
    `bench service ready at ${base} in ${((performance.now() - t) / 1000).toFixed(1)} s ` +
      `(HTTP only: RUN_BACKGROUND_WORK=false; log ${LOG_FILE.replace(REPO_ROOT + '/', '')})\n`,
  );

  printHeader();
  const results: Result[] = [];
  for (const target of targets(caseIds, await otherReportPaths(base)))
    results.push(await measure(base, target));
  if (stopping) return;

  // The hop alone: a request both hops authenticate and the service refuses in validation (400 naming
  // the field), without touching a database or writing an access record.
  console.log(
    '\nGateway hop, on the live stack: the same request through the gateway and straight to the service:',
  );
  printHeader();
  const hop = (base2: string): Target => ({
    label: `GET ${base2 === GATEWAY ? '/api/complaint-reviews' : ''}/applications?view=x (400)`,
    as: 'reviewer.amara',
    path: `${base2 === GATEWAY ? '/api/complaint-reviews' : ''}/applications?view=x`,
    requests: REQUESTS,
    status: 400,
    check: (_s, body) => (body.includes('"view"') ? undefined : 'not a 400 naming view'),
  });
  const via = await measure(GATEWAY, hop(GATEWAY));
  const direct = await measure(LIVE_SERVICE, hop(LIVE_SERVICE));
  console.log(
    via.errors || direct.errors
      ? 'gateway hop: not measured (errors: is the live stack up?)'
      : `gateway hop: +${(via.p50 - direct.p50).toFixed(1)} ms at p50, +${(via.p95 - direct.p95).toFixed(1)} ms at p95 ` +
          `(not included in the first table)`,
  );

  const failed = results.filter((r) => r.errors > 0);
  for (const r of [...failed, via, direct].filter((x) => x.firstError))
    console.log(`errors in "${r.label}": first: ${r.firstError}`);
  console.log(`\nload average at the end: ${load()}`);
  if (failed.length || via.errors || direct.errors) process.exitCode = 1;
}

main()
  .catch((err) => {
    console.error(`benchmark failed: ${(err as Error).message}`);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
