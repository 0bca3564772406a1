// The oocr HTTP API on its own (issue 14 §6): starts one more API process (RUN_BACKGROUND_WORK=false) on a spare
// port — from the build output (`node dist/apps/oocr/main.js`, after `node tools/build/build-app.js oocr`) or from
// TypeScript (`--dev`) — puts a write burst on it (POST /disposals, concurrency 16, vouched for as the gateway would)
// with reads beside it, and reports read latency idle vs during the burst and the process's RSS. Node options for
// the API process (e.g. `--max-old-space-size=160`) go in API_NODE_OPTIONS.
//
//   node -r ./tools/register.js tools/bench/oocr-api-alone.ts [--dev] [--seconds 60] [--port 3303]
// Leaves its cautions in the oocr database (officer pc.bench, district swale); their workflows are started by the
// running oocr worker like any other (terminate them with `tools/bench/oocr-bench.ts --only cleanup`).
import { gatewayAssertionHeaders, startServiceInstance } from '@oversight/testing';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { daysFrom, ms, pct, sleep, today, token } from './oocr-bench-support';

const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const DEV = args.includes('--dev');
const SECONDS = arg('seconds', 60);
const PORT = arg('port', 3303);
const CONCURRENCY = 16;

const rssMb = (pid: number) =>
  Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

function body(tag: string, i: number) {
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
    issuingOfficer: { id: 'pc.bench' },
    authoriser: { id: 'ps.bench', rank: 'SERGEANT' },
    admission: 'ADMITTED',
    evidenceSufficientToCharge: true,
    effectExplainedWithBreachWarning: true,
    signedConsent: { documentRef: `BENCH-${tag}-${i}`, signedOn: today() },
    hasIdentifiableVictim: false,
    conditions: [{ purpose: 'REHABILITATIVE', kind: 'COURSE', description: 'Course', dueDate: daysFrom(30) }],
  };
}

async function call(tok: string, method: string, path: string, payload?: unknown) {
  const headers = await gatewayAssertionHeaders({ service: 'oocr', method, path, bearerToken: tok });
  const t0 = performance.now();
  const r = await fetch(`http://127.0.0.1:${PORT}${path}`, {
    method,
    headers: { ...headers, authorization: `Bearer ${tok}`, 'content-type': 'application/json' },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  await r.text();
  return { status: r.status, ms: performance.now() - t0 };
}

async function reads(tok: string, until: () => boolean, max = Infinity): Promise<number[]> {
  const lat: number[] = [];
  while (!until() && lat.length < max) {
    const r = await call(tok, 'GET', '/cautions?status=ACTIVE&limit=50');
    if (r.status === 200) lat.push(r.ms);
  }
  return lat.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  if (!DEV && !existsSync('dist/apps/oocr/main.js'))
    throw new Error('No dist/apps/oocr/main.js: node tools/build/build-app.js oocr (or pass --dev)');
  const api = await startServiceInstance({
    app: 'oocr',
    entry: 'main.ts',
    port: PORT,
    env: { NODE_OPTIONS: process.env['API_NODE_OPTIONS'] ?? '' },
    command: DEV ? undefined : ['dist/apps/oocr/main.js'],
  });
  try {
    const tok = await token('cjops.dan');
    await reads(tok, () => false, 50); // warm up
    await sleep(2000);
    const rssIdle = rssMb(api.pid);
    const idle = await reads(tok, () => false, 200);
    let maxRss = rssIdle;
    const sampler = setInterval(() => (maxRss = Math.max(maxRss, rssMb(api.pid))), 500);
    const end = Date.now() + SECONDS * 1000;
    const tag = randomUUID().slice(0, 8);
    let n = 0;
    const posts: number[] = [];
    let failed = 0;
    const busyReads = reads(tok, () => Date.now() > end);
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (Date.now() < end) {
          const r = await call(tok, 'POST', '/disposals', body(tag, n++));
          if (r.status === 201) posts.push(r.ms);
          else failed++;
        }
      }),
    );
    const busy = await busyReads;
    clearInterval(sampler);
    posts.sort((a, b) => a - b);
    console.log(
      `oocr API alone (${DEV ? 'TypeScript via tools/register.js' : 'built, node dist/apps/oocr/main.js'}${process.env['API_NODE_OPTIONS'] ? `, ${process.env['API_NODE_OPTIONS']}` : ''}), ${SECONDS} s write burst at concurrency ${CONCURRENCY}:`,
    );
    console.log(
      `  POST /disposals: ${posts.length} in ${SECONDS} s = ${(posts.length / SECONDS).toFixed(1)}/s, p50 ${ms(pct(posts, 50))}, p99 ${ms(pct(posts, 99))}, failed ${failed}`,
    );
    console.log(
      `  GET /cautions?status=ACTIVE: idle p50 ${ms(pct(idle, 50))} p99 ${ms(pct(idle, 99))}; during the burst p50 ${ms(pct(busy, 50))} p99 ${ms(pct(busy, 99))} (${busy.length} reads)`,
    );
    console.log(`  RSS: idle ${rssIdle} MB, max during the burst ${maxRss} MB`);
  } finally {
    await api.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
