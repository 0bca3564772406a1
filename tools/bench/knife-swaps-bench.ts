// Benchmark of the knife-swaps service (issue 12), on the running stack. A script, not a test: it prints figures.
//
// usage: node -r ./tools/register.js tools/bench/knife-swaps-bench.ts [--swaps 60] [--concurrency 8]
//                                                                  [--stock 8] [--issuers 30] [--stores 4]
//
//  1. swap recording through the gateway (POST /api/knife-swaps/referrals/:id/swap as a practitioner, autocannon):
//     requests/s, p50/p99. Each swap is a real one: its own consented referral, kit issued from a store's ledger,
//     a sealed custody bag, outbox events, a notification request and (from the consumer) a Temporal workflow.
//  2. stock contention: `issuers` officers record swaps at the same moment against a store holding `stock` packs.
//     Exactly `stock` swaps must succeed, the rest be refused with SKRS_STOCK_INSUFFICIENT, and no balance (current
//     or in the ledger) may ever be negative.
// Setup (referrals taken to CONSENTED, stores stocked) goes through the gateway too, and is not timed. Each run
// makes its own store and referrals: the database is shared and keeps them (they are marked bench-… / "Bench").
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { databaseUrl } from '@oversight/testing';
import { Client } from 'pg';
import { autocannon, demoToken, numberArg } from './bench-support';

const arg = numberArg;
const SWAPS = arg('swaps', 60);
const CONCURRENCY = arg('concurrency', 8);
const STOCK = arg('stock', 8);
const ISSUERS = arg('issuers', 30);
/** Stores the swaps of part 1 are spread over (officers of different districts); 1 = all queue on one store's row. */
const STORES = arg('stores', 4);
const GATEWAY = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
const BASE = `${GATEWAY}/api/knife-swaps`;

const DB = databaseUrl('knife_swaps');

const token = (username: string) => demoToken(username, GATEWAY);

async function call(as: string, method: string, path: string, body?: unknown) {
  const r = await fetch(`${BASE}${path}`, {
    method,
    headers: { authorization: `Bearer ${await token(as)}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined, text };
}

async function must(as: string, method: string, path: string, body?: unknown) {
  const r = await call(as, method, path, body);
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
  return r.body;
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const ADVICE = [
  'STORAGE_OF_REPLACEMENT_KNIVES',
  'NO_POINTED_KNIVES_BROUGHT_BACK',
  'KNIFE_CARRYING_RISKS_DISCUSSED',
  'SUPPORT_SERVICES_SIGNPOSTED',
];

async function store(packs: number): Promise<string> {
  const id = `bench-${randomUUID().slice(0, 8)}`;
  await must('vru.sam', 'POST', '/stores', {
    id,
    name: `Bench store ${id}`,
    district: 'medway',
    reorderLevel: 0,
  });
  await must('vru.sam', 'POST', `/stores/${id}/movements`, {
    kind: 'RECEIPT',
    kitType: 'FOUR_PACK',
    quantity: packs,
  });
  return id;
}

async function consentedReferral(i: number): Promise<string> {
  const { id } = await must('partner.earlyhelp', 'POST', '/referrals', {
    reason: 'WEAPON_CARRYING',
    referringAgency: 'EARLY_HELP',
    district: 'medway',
    addressLines: [`${i + 1} Bench Street`, 'Chatham'],
    postcode: 'ME4 4ZZ',
    householdMembers: [{ relationship: 'parent', ageBand: '25_PLUS' }],
    householderName: 'Bench Householder',
  });
  await must('vru.sam', 'POST', `/referrals/${id}/discussions`, {
    heldOn: today(),
    protectiveFactors: 'Bench',
    homeCircumstances: 'Bench',
    youngPerson: 'Bench',
    familyEngagement: 'ENGAGED',
  });
  await must('vru.sam', 'POST', `/referrals/${id}/eligibility`, { decision: 'ELIGIBLE', reason: 'Bench' });
  await must('vru.practitioner.ola', 'POST', `/referrals/${id}/consent`, {
    given: true,
    allPointedKnives: true,
    householderName: 'Bench Householder',
    recordedOn: today(),
  });
  return id;
}

/** n consented referrals, `parallel` at a time. */
async function consentedReferrals(n: number, parallel = 6): Promise<string[]> {
  const out: string[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await consentedReferral(i);
      }
    }),
  );
  return out;
}

const swapBody = (storeId: string) =>
  JSON.stringify({
    swappedOn: today(),
    storeId,
    kitType: 'FOUR_PACK',
    kitQuantity: 1,
    knivesSurrendered: 5,
    safetyAdvice: ADVICE,
    bagNumber: `BENCH-${randomUUID().slice(0, 12).toUpperCase()}`,
  });

async function swapRecording() {
  const t0 = Date.now();
  const storeIds: string[] = [];
  for (let s = 0; s < STORES; s++) storeIds.push(await store(Math.ceil(SWAPS / STORES) + 10));
  const ids = await consentedReferrals(SWAPS);
  console.log(
    `[bench] setup: ${SWAPS} consented referrals and ${STORES} stores in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  const auth = `Bearer ${await token('vru.practitioner.ola')}`;
  const answers: Record<string, number> = {};
  let i = 0;
  const r = await autocannon({
    url: GATEWAY,
    connections: CONCURRENCY,
    amount: SWAPS,
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          method: 'POST',
          path: `/api/knife-swaps/referrals/${ids[i % ids.length]}/swap`,
          headers: { authorization: auth, 'content-type': 'application/json' },
          body: swapBody(storeIds[i++ % STORES]),
        }),
        onResponse: (status, body) => {
          const rule = status >= 400 ? (JSON.parse(body || '{}').violations?.[0]?.rule ?? '') : '';
          const key = `${status}${rule ? ` ${rule}` : ''}`;
          answers[key] = (answers[key] ?? 0) + 1;
        },
      },
    ],
  });
  const stores = (await must('vru.sam', 'GET', '/stores')) as Array<{
    id: string;
    stock: { FOUR_PACK: number };
  }>;
  const balance = stores.filter((x) => storeIds.includes(x.id)).reduce((a, x) => a + x.stock.FOUR_PACK, 0);
  const received = STORES * (Math.ceil(SWAPS / STORES) + 10);
  return {
    label: `swap recording through the gateway (${CONCURRENCY} connections, ${STORES} stores)`,
    requests: r.requests.total,
    ok2xx: r['2xx'],
    errors: r.errors + r.timeouts + r.non2xx,
    reqPerSec: Math.round((r.requests.total / r.duration) * 10) / 10,
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    stockLeft: `${balance} (expected ${received - r['2xx']})`,
    answers: JSON.stringify(answers),
  };
}

async function contention() {
  const storeId = await store(STOCK);
  const ids = await consentedReferrals(ISSUERS);
  const practitioner = await token('vru.practitioner.ola');
  const t0 = Date.now();
  // Every issuer at the same moment: all requests are sent before any answer is awaited.
  const results = await Promise.all(
    ids.map((id) =>
      fetch(`${BASE}/referrals/${id}/swap`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${practitioner}`,
          'content-type': 'application/json',
        },
        body: swapBody(storeId),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { violations?: Array<{ rule: string }> },
      })),
    ),
  );
  const wallMs = Date.now() - t0;
  const c = new Client({ connectionString: DB });
  await c.connect();
  try {
    const [bal] = (await c.query(`SELECT quantity FROM stock_balance WHERE store_id = $1`, [storeId])).rows;
    const [led] = (
      await c.query(
        `SELECT count(*) FILTER (WHERE kind = 'ISSUE')::int AS issues, min(balance_after)::int AS min_after,
                coalesce(sum(CASE WHEN kind = 'RECEIPT' THEN quantity ELSE -quantity END), 0)::int AS ledger_sum
           FROM stock_movement WHERE store_id = $1`,
        [storeId],
      )
    ).rows;
    const [neg] = (await c.query(`SELECT count(*)::int AS n FROM stock_balance WHERE quantity < 0`)).rows;
    const ok = results.filter((r) => r.status === 201).length;
    const refusedStock = results.filter(
      (r) => r.status === 400 && r.body.violations?.[0]?.rule === 'SKRS_STOCK_INSUFFICIENT',
    ).length;
    const other = results.length - ok - refusedStock;
    const verdict =
      ok === STOCK &&
      refusedStock === ISSUERS - STOCK &&
      other === 0 &&
      bal.quantity === 0 &&
      led.min_after >= 0 &&
      led.ledger_sum === 0 &&
      led.issues === STOCK &&
      neg.n === 0;
    return {
      label: `stock contention: ${ISSUERS} concurrent issuers, ${STOCK} packs`,
      swapsRecorded: ok,
      refusedNoStock: refusedStock,
      otherAnswers: other,
      balanceNow: bal.quantity,
      lowestBalanceInLedger: led.min_after,
      ledgerSumMatchesBalance: led.ledger_sum === bal.quantity,
      negativeBalancesInDatabase: neg.n,
      wallMs,
      verdict: verdict ? 'PASS: never negative, exactly the stock issued' : 'FAIL',
    };
  } finally {
    await c.end();
  }
}

async function main() {
  const started = Date.now();
  // The machine is shared: say how busy it was, the figures mean little without it.
  console.log(
    `[bench] load average before: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (${cpus().length} cores)`,
  );
  const a = await swapRecording();
  console.table([a]);
  const b = await contention();
  console.table([b]);
  console.log(
    `[bench] load average after: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(`[bench] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (b.verdict !== 'PASS: never negative, exactly the stock issued' || a.errors > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(`[bench] failed: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
