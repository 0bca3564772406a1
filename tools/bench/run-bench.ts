// Benchmark (not a test): prints figures for the README and the issue notes. Run against the
// system started by `npm run start:all`:   npm run bench [-- --requests 2000 --concurrency 16]
// HTTP load (1, 2) comes from autocannon (a maintained load generator: keep-alive connections,
// HdrHistogram percentiles); the raw PostgreSQL comparison (4) keeps its own loop over a pg Pool.
//
//  1. authenticated write through the gateway (POST a review application): requests/s, p50/p99
//  2. the same write straight to the service, to show what the gateway hop costs
//  3. outbox → consumer latency (row committed → audit entry committed), p50/p99
//  4. raw PostgreSQL single-row insert rate on the same machine, same concurrency, for comparison
//  5. the intake's own SQL statements from a pg pool (intake-sql-baseline.ts), and the ratio of (1) to it
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { Client, Pool } from 'pg';
import { gatewayAssertionHeaders, localSecrets } from '@oversight/testing';
import { autocannon, numberArg } from './bench-support';
import { runIntakeSqlBaseline } from './intake-sql-baseline';
import { cpuMs, pidOnPort } from './intake-write-cost';
import { printCpuPerRequest, priorityLine, snapshotCpu } from './process-cpu';

const arg = numberArg;
const REQUESTS = arg('requests', 1500);
const CONCURRENCY = arg('concurrency', 16);
const GATEWAY = 'http://127.0.0.1:3000';
const SERVICE = 'http://127.0.0.1:3101';

const secrets = localSecrets();
const db = (name: string) => `postgresql://oversight:${secrets.POSTGRES_PASSWORD}@127.0.0.1:5432/${name}`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function runLoad(label: string, n: number, concurrency: number, one: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const t0 = performance.now();
        try {
          await one(i);
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const row = {
    label,
    n,
    concurrency,
    perSecond: Math.round(n / seconds),
    p50ms: +percentile(latencies, 50).toFixed(1),
    p99ms: +percentile(latencies, 99).toFixed(1),
    errors,
  };
  console.log(
    `${label.padEnd(44)} ${String(row.perSecond).padStart(6)}/s   p50 ${String(row.p50ms).padStart(6)} ms   p99 ${String(row.p99ms).padStart(6)} ms   errors ${errors}`,
  );
  return row;
}

/** n POSTs of bodyOf(i) to url with autocannon, `concurrency` keep-alive connections. */
async function runHttpLoad(
  label: string,
  url: string,
  n: number,
  concurrency: number,
  headersOf: () => Record<string, string>,
  bodyOf: (i: number) => string,
) {
  let i = 0;
  const result = await autocannon({
    url,
    connections: concurrency,
    amount: n,
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => ({ ...req, method: 'POST', headers: headersOf(), body: bodyOf(i++) }),
      },
    ],
  });
  const errors = result.errors + result.timeouts + result.non2xx;
  const row = {
    label,
    n,
    concurrency,
    perSecond: Math.round(result.requests.total / result.duration),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    errors,
  };
  console.log(
    `${label.padEnd(44)} ${String(row.perSecond).padStart(6)}/s   p50 ${String(row.p50ms).padStart(6)} ms   p99 ${String(row.p99ms).padStart(6)} ms   errors ${errors}`,
  );
  return row;
}

function application(i: number, runId: string) {
  return JSON.stringify({
    channel: 'EMAIL',
    receivedOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
      new Date(Date.now() - 86_400_000),
    ),
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

async function main() {
  const runId = randomUUID();
  const login = await fetch(`${GATEWAY}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'reviewer.amara', password: secrets.DEMO_USER_PASSWORD }),
  });
  if (!login.ok)
    throw new Error(`login failed (${login.status}): is the system running (npm run start:all)?`);
  const { access_token } = (await login.json()) as { access_token: string };
  const headers = { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' };
  const benchStart = new Date();
  console.log(
    `Oversight benchmark — ${new Date().toISOString()}, ${REQUESTS} requests, concurrency ${CONCURRENCY}, ${cpus().length} cores, ` +
      `load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}\n` +
      `CPU priority (BACKGROUND_NICE, deploy/local/priority.env): ${priorityLine()}\n`,
  );

  const body = (i: number) => application(i, runId);
  const viaGatewayHeaders = () => headers;
  await runHttpLoad(
    'warm-up (not counted)',
    `${GATEWAY}/api/complaint-reviews/applications`,
    100,
    CONCURRENCY,
    viaGatewayHeaders,
    (i) => body(REQUESTS * 3 + i),
  );
  // CPU per write of the two processes on the path (/proc utime+stime): steadier than req/s on a busy machine.
  const pids = { service: pidOnPort(3101), gateway: pidOnPort(3000) };
  const cpu0 = {
    service: pids.service ? cpuMs(pids.service) : 0,
    gateway: pids.gateway ? cpuMs(pids.gateway) : 0,
  };
  const machine0 = snapshotCpu();
  const started1 = Date.now();
  const viaGateway = await runHttpLoad(
    '1. POST /api/…/applications via gateway',
    `${GATEWAY}/api/complaint-reviews/applications`,
    REQUESTS,
    CONCURRENCY,
    viaGatewayHeaders,
    body,
  );
  const perWrite = (pid: number | undefined, before: number) =>
    pid ? `${((cpuMs(pid) - before) / REQUESTS).toFixed(2)} ms` : 'not measured';
  console.log(
    `   CPU per write: complaint-reviews ${perWrite(pids.service, cpu0.service)}, gateway ${perWrite(pids.gateway, cpu0.gateway)}`,
  );
  printCpuPerRequest(
    'whole machine',
    machine0,
    snapshotCpu(),
    REQUESTS,
    Date.now() - started1,
    cpus().length,
  );
  // Straight to the service, with the assertion the gateway would add (valid 30 s, same for every
  // POST /applications): signed before the run and renewed every 10 s while it lasts.
  const sign = () =>
    gatewayAssertionHeaders({
      service: 'complaint-reviews',
      method: 'POST',
      path: '/applications',
      bearerToken: access_token,
    });
  let directHeaders = { ...headers, ...(await sign()) };
  const renew = setInterval(() => {
    void sign().then((h) => (directHeaders = { ...headers, ...h }));
  }, 10_000);
  const machine2 = snapshotCpu();
  const started2 = Date.now();
  const direct = await runHttpLoad(
    '2. POST /applications direct to service',
    `${SERVICE}/applications`,
    REQUESTS,
    CONCURRENCY,
    () => directHeaders,
    (i) => body(REQUESTS + i),
  ).finally(() => clearInterval(renew));
  printCpuPerRequest(
    'whole machine',
    machine2,
    snapshotCpu(),
    REQUESTS,
    Date.now() - started2,
    cpus().length,
  );
  console.log(`   gateway hop adds ${(viaGateway.p50ms - direct.p50ms).toFixed(1)} ms at p50`);

  // 3. outbox → consumer: from the outbox row's commit-time stamp to the audit entry's.
  const crv = new Client({ connectionString: db('complaint_reviews') });
  const audit = new Client({ connectionString: db('audit') });
  await Promise.all([crv.connect(), audit.connect()]);
  const outbox = (
    await crv.query(`SELECT id, created_at FROM outbox_message WHERE created_at >= $1`, [benchStart])
  ).rows as Array<{ id: string; created_at: Date }>;
  const deadline = Date.now() + 120_000;
  let entries = new Map<string, Date>();
  while (Date.now() < deadline) {
    const rows = (
      await audit.query(
        `SELECT source_event_id, recorded_at FROM audit_entry WHERE recorded_at >= $1 AND source_event_id IS NOT NULL`,
        [benchStart],
      )
    ).rows;
    entries = new Map(
      rows.map((r: { source_event_id: string; recorded_at: Date }) => [r.source_event_id, r.recorded_at]),
    );
    if (outbox.every((o) => entries.has(o.id))) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const lat = outbox
    .filter((o) => entries.has(o.id))
    .map((o) => entries.get(o.id)!.getTime() - o.created_at.getTime())
    .sort((a, b) => a - b);
  console.log(
    `${'3. outbox → Kafka → audit consumer'.padEnd(44)} ${lat.length}/${outbox.length} events   p50 ${percentile(lat, 50)} ms   p99 ${percentile(lat, 99)} ms`,
  );
  await Promise.all([crv.end(), audit.end()]);

  // 4. raw PostgreSQL: one-row transactions, same concurrency.
  const pool = new Pool({ connectionString: db('complaint_reviews'), max: CONCURRENCY });
  await pool.query(
    'CREATE TABLE IF NOT EXISTS bench_raw_insert (id uuid PRIMARY KEY, payload text, created_at timestamptz DEFAULT now())',
  );
  await runLoad('4. raw PostgreSQL INSERT (1 row / commit)', REQUESTS * 4, CONCURRENCY, async () => {
    await pool.query('INSERT INTO bench_raw_insert (id, payload) VALUES ($1, $2)', [
      randomUUID(),
      'x'.repeat(400),
    ]);
  });
  await pool.query('DROP TABLE bench_raw_insert');
  await pool.end();

  // 5. the statements the intake write runs (nextval + the one intake statement), straight from a pg
  // pool, same count and concurrency: how close the whole HTTP path comes to its SQL.
  const sql = await runIntakeSqlBaseline({ requests: REQUESTS, concurrency: CONCURRENCY });
  console.log(
    `${"5. the intake's SQL, raw (pg pool, 2 statements)".padEnd(44)} ${String(Math.round(sql.perSecond)).padStart(6)}/s   p50 ${String(+sql.p50.toFixed(1)).padStart(6)} ms   p99 ${String(+sql.p99.toFixed(1)).padStart(6)} ms   errors ${sql.errors}`,
  );
  console.log(
    `   intake via gateway / raw intake SQL: ${(viaGateway.perSecond / sql.perSecond).toFixed(2)} ` +
      `(${viaGateway.perSecond}/s vs ${Math.round(sql.perSecond)}/s); load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
  );
}

main().catch((err) => {
  console.error(`benchmark failed: ${(err as Error).message}`);
  process.exit(1);
});
