// Benchmark (not a test) of the staff UI's page render: the reviewer's queue, a case page and the review report,
// with many reviews seeded, and the share of each page's time spent waiting on the API behind it.
//   node -r ./tools/register.js tools/bench/staff-ui-bench.ts [--reviews 100000] [--requests 100] [--live-requests 30]
// Needs the system started by `npm run start:all`.
//
//  1. Creates a scratch complaint-reviews database, migrates it and seeds --reviews reviews in SQL
//     (apps/complaint-reviews/test/bench/seed-reviews.ts), and starts a second complaint-reviews process on it
//     with RUN_BACKGROUND_WORK=false (no consumer, relay or worker: it takes nothing from the live service).
//  2. Starts a stand-in for the gateway in this process: /auth/* is passed to the real gateway (sign-in), and
//     /api/complaint-reviews/* to the bench service with the gateway's signed assertion, as the gateway would
//     send it. A second real gateway is not started: it would relay its access records into the shared audit trail.
//  3. Starts a second staff UI (the same code) on a free port with GATEWAY_URL on the stand-in, signs in through
//     its form as the demo reviewer and manager, and requests each page --requests times, one at a time (page
//     render latency, not throughput). Each answer's Server-Timing header gives the time the UI spent waiting on
//     the API ("gateway") and the UI's own total; p50/p99 are from the client's clock.
//  4. The same pages on the live stack (the real gateway, the shared database with its demo data), --live-requests
//     times each, for the cost of the real gateway hop.
//  5. Stops both processes and drops the scratch database, also on failure or Ctrl-C.
import { gatewayAssertionHeaders, localSecrets, REPO_ROOT } from '@oversight/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { createServer as createHttpServer, IncomingMessage, Server, ServerResponse } from 'node:http';
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
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
};
const REVIEWS = arg('reviews', 100_000);
const REQUESTS = arg('requests', 100);
const LIVE_REQUESTS = arg('live-requests', 30);
const WARMUP = 5;
const GATEWAY = 'http://127.0.0.1:3000';
const LIVE_UI = 'http://127.0.0.1:3200';
const LOG_FILE = join(REPO_ROOT, '.local/logs/staff-ui-bench.log');

// --- processes, and their clean-up ---

let db: ScratchDatabase | undefined;
const children: ChildProcess[] = [];
let standIn: Server | undefined;
let cleaning: Promise<void> | undefined;

function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const child of children) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    standIn?.closeAllConnections();
    await new Promise((r) => (standIn ? standIn.close(r) : r(undefined)));
    await db?.drop();
    if (db) console.log(`\ndropped ${db.name}; bench services stopped`);
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the bench services and dropping the scratch database`);
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

/** A running service's environment (written by scripts/start-services.sh), one VAR=value a line. */
function liveEnv(service: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(join(REPO_ROOT, `.local/run/services/${service}.env`), 'utf8').split(
    '\n',
  )) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
  }
  return env;
}

async function start(app: string, env: Record<string, string>, readyPath: string): Promise<string> {
  const port = await freePort();
  const logStart = existsSync(LOG_FILE) ? statSync(LOG_FILE).size : 0;
  const log = openSync(LOG_FILE, 'a');
  const child = spawn(
    process.execPath,
    ['-r', join(REPO_ROOT, 'tools/register.js'), join(REPO_ROOT, `apps/${app}/src/main.ts`)],
    { cwd: REPO_ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', log, log] },
  );
  children.push(child);
  closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the bench ${app} exited during start-up: see ${LOG_FILE}`);
    if (
      await fetch(`${url}${readyPath}`).then(
        (r) => r.ok,
        () => false,
      )
    ) {
      const started = readFileSync(LOG_FILE).subarray(logStart).toString();
      // (a Kafka microservice is wired even with RUN_BACKGROUND_WORK=false, for replays, but joins no group)
      if (/temporal worker running|joined the group|idempotent producer/i.test(started))
        throw new Error(`the bench ${app} started background work: see ${LOG_FILE}`);
      return url;
    }
    if (Date.now() > deadline) throw new Error(`the bench ${app} was not ready after 180 s: see ${LOG_FILE}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The gateway stand-in: sign-in to the real gateway, complaint-reviews calls to the bench service. */
async function startStandIn(benchService: string): Promise<string> {
  const port = await freePort();
  standIn = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      try {
        const url = req.url ?? '/';
        const body = chunks.length ? Buffer.concat(chunks) : undefined;
        const pass: Record<string, string> = {};
        for (const h of ['content-type', 'accept', 'x-access-reason', 'x-correlation-id'])
          if (typeof req.headers[h] === 'string') pass[h] = req.headers[h] as string;
        let target: string;
        let headers: Record<string, string> = pass;
        if (url.startsWith('/auth/')) target = `${GATEWAY}${url}`;
        else if (url.startsWith('/api/complaint-reviews/')) {
          const path = url.slice('/api/complaint-reviews'.length);
          target = `${benchService}${path}`;
          const bearer = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
          headers = {
            ...pass,
            ...(await gatewayAssertionHeaders({
              service: 'complaint-reviews',
              method: req.method ?? 'GET',
              path,
              bearerToken: bearer,
              reason: pass['x-access-reason'],
            })),
          };
        } else {
          res.writeHead(404).end();
          return;
        }
        const up = await fetch(target, { method: req.method, headers, body });
        res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await up.arrayBuffer()));
      } catch (err) {
        res.writeHead(502).end(String(err));
      }
    });
  });
  await new Promise<void>((r) => standIn!.listen(port, '127.0.0.1', r));
  return `http://127.0.0.1:${port}`;
}

// --- a signed-in browser, without the browser ---

class UiSession {
  private cookie = '';
  constructor(readonly base: string) {}

  async signIn(username: string): Promise<void> {
    const form = await this.fetch('/sign-in');
    const page = await form.text();
    if (!page.includes('name="password"')) return this.signInWithOidc(username);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    if (!csrf) throw new Error(`no sign-in form at ${this.base}`);
    const r = await this.fetch('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: csrf,
        username,
        password: localSecrets().DEMO_USER_PASSWORD,
      }).toString(),
    });
    if (r.status !== 303 || r.headers.get('location') === '/sign-in')
      throw new Error(`sign-in of ${username} at ${this.base} failed (${r.status})`);
  }

  /** SIGN_IN_MODE=oidc (the live stack): through the gateway's local OIDC provider, as a browser would. */
  private async signInWithOidc(username: string): Promise<void> {
    const start = await this.fetch('/sign-in/start');
    const authorize = new URL(start.headers.get('location') ?? '');
    const form = new URLSearchParams(authorize.searchParams);
    form.set('username', username);
    form.set('password', localSecrets().DEMO_USER_PASSWORD);
    const back = await fetch(`${authorize.origin}${authorize.pathname}`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    const callback = new URL(back.headers.get('location') ?? '');
    const r = await this.fetch(`${callback.pathname}${callback.search}`);
    if (r.status !== 303 || r.headers.get('location')?.startsWith('/sign-in'))
      throw new Error(`OIDC sign-in of ${username} at ${this.base} failed (${r.status})`);
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const r = await fetch(`${this.base}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: this.cookie },
    });
    const set = r.headers.getSetCookie();
    if (set.length) this.cookie = set.map((c) => c.split(';')[0]).join('; ');
    return r;
  }
}

// --- measurement ---

interface Result {
  label: string;
  requests: number;
  p50: number;
  p99: number;
  max: number;
  apiShare: number;
  apiP50: number;
  bytes: number;
  errors: number;
  firstError?: string;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

async function measure(
  session: UiSession,
  label: string,
  path: (i: number) => string,
  count: number,
  mustContain: string,
): Promise<Result> {
  for (let i = 0; i < WARMUP; i++) await (await session.fetch(path(i))).arrayBuffer();
  const times: number[] = [];
  const api: number[] = [];
  let uiTotal = 0;
  let apiTotal = 0;
  let errors = 0;
  let firstError: string | undefined;
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const r = await session.fetch(path(i));
    const text = await r.text();
    times.push(performance.now() - t0);
    bytes = text.length;
    const timing = r.headers.get('server-timing') ?? '';
    const gw = Number(/gateway;dur=([\d.]+)/.exec(timing)?.[1] ?? NaN);
    const total = Number(/total;dur=([\d.]+)/.exec(timing)?.[1] ?? NaN);
    if (r.status !== 200 || !text.includes(mustContain) || Number.isNaN(gw) || Number.isNaN(total)) {
      errors++;
      firstError ??= `${path(i)} → ${r.status} ${text.slice(0, 200).replace(/\s+/g, ' ')}`;
      continue;
    }
    api.push(gw);
    apiTotal += gw;
    uiTotal += total;
  }
  times.sort((a, b) => a - b);
  api.sort((a, b) => a - b);
  return {
    label,
    requests: count,
    p50: pct(times, 50),
    p99: pct(times, 99),
    max: times[times.length - 1],
    apiShare: uiTotal ? apiTotal / uiTotal : NaN,
    apiP50: api.length ? pct(api, 50) : NaN,
    bytes,
    errors,
    firstError,
  };
}

function print(rows: Result[]): void {
  console.log(
    `  ${'page'.padEnd(50)} ${'n'.padStart(4)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'API p50'.padStart(8)} ${'API share'.padStart(9)} ${'HTML KB'.padStart(8)} errors`,
  );
  for (const r of rows) {
    console.log(
      `  ${r.label.padEnd(50)} ${String(r.requests).padStart(4)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(8)} ${r.apiP50.toFixed(1).padStart(8)} ${`${(r.apiShare * 100).toFixed(0)}%`.padStart(9)} ${(r.bytes / 1024).toFixed(1).padStart(8)} ${r.errors}`,
    );
    if (r.firstError) console.log(`    first error: ${r.firstError}`);
  }
}

async function pages(
  session: UiSession,
  manager: UiSession,
  caseIds: string[],
  count: number,
): Promise<Result[]> {
  const year = new Date().getUTCFullYear();
  return [
    await measure(
      session,
      'queue: /reviews?view=team (200 of the team)',
      () => '/reviews?view=team',
      count,
      'Reviews: Team',
    ),
    await measure(
      session,
      'queue sorted, page 3: ?view=team&sort=reference',
      () => '/reviews?view=team&sort=reference&order=desc&page=3',
      count,
      'Reviews: Team',
    ),
    await measure(
      session,
      'case page: /reviews/:id (random ids)',
      (i) => `/reviews/${caseIds[i % caseIds.length]}`,
      count,
      'Timeline',
    ),
    await measure(
      manager,
      `report: /reviews/reports (${year})`,
      () => '/reviews/reports',
      Math.max(1, Math.round(count / 2)),
      'national figures',
    ),
  ];
}

async function main(): Promise<void> {
  console.log(
    `staff-ui page render bench: ${REVIEWS} reviews seeded, ${REQUESTS} requests per page, one at a time; ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  let t = performance.now();
  db = await createScratchDatabase('staff_ui_bench');
  const seeded = await seedReviews(db.url, REVIEWS);
  console.log(
    `seeded ${seeded.reviews} reviews (${seeded.open} open, ${seeded.openOverdue} overdue) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const c = new Client({ connectionString: db.url });
  await c.connect();
  // Cases of the demo reviewer's team that the reviewer may open.
  const ids = (
    await c.query<{ id: string }>(
      `SELECT id FROM review_application WHERE team = 'opcc-reviews-east' ORDER BY md5(id::text) LIMIT 500`,
    )
  ).rows.map((r) => r.id);
  await c.end();
  if (!ids.length) throw new Error('no seeded case in opcc-reviews-east');

  t = performance.now();
  const service = await start(
    'complaint-reviews',
    { ...liveEnv('complaint-reviews'), DATABASE_URL: db.url, RUN_BACKGROUND_WORK: 'false' },
    '/health/ready',
  );
  const gatewayStandIn = await startStandIn(service);
  // The scratch UI signs in with the password form (its address is not a registered OIDC redirect URI).
  const ui = await start(
    'staff-ui',
    { ...liveEnv('staff-ui'), GATEWAY_URL: gatewayStandIn, SIGN_IN_MODE: 'local' },
    '/health/live',
  );
  console.log(
    `bench complaint-reviews, gateway stand-in and staff UI started in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const reviewer = new UiSession(ui);
  await reviewer.signIn('reviewer.amara');
  const manager = new UiSession(ui);
  await manager.signIn('manager.priya');
  console.log(
    `\nA. ${REVIEWS} reviews; UI → gateway stand-in → complaint-reviews ("API" = the UI's wait on that call)`,
  );
  print(await pages(reviewer, manager, ids, REQUESTS));

  if (LIVE_REQUESTS > 0) {
    const liveReviewer = new UiSession(LIVE_UI);
    await liveReviewer.signIn('reviewer.amara');
    const liveManager = new UiSession(LIVE_UI);
    await liveManager.signIn('manager.priya');
    const live = await fetch(`${GATEWAY}/api/complaint-reviews/applications?view=team&limit=200`, {
      headers: { authorization: `Bearer ${await token('reviewer.amara')}` },
    });
    const liveIds = ((await live.json()) as { id: string }[]).map((r) => r.id);
    console.log(
      `\nB. live stack (shared database, ${liveIds.length} reviews in the team queue); UI → real gateway → complaint-reviews`,
    );
    if (liveIds.length) print(await pages(liveReviewer, liveManager, liveIds, LIVE_REQUESTS));
  }
}

async function token(username: string): Promise<string> {
  const r = await fetch(`${GATEWAY}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: localSecrets().DEMO_USER_PASSWORD }),
  });
  return ((await r.json()) as { access_token: string }).access_token;
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
