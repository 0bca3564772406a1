// Benchmark of the tag-referrals service (issue 11), on the running stack. A script, not a test: it prints figures.
//
// usage: node -r ./tools/register.js tools/bench/tag-referrals-bench.ts [--referrals 200] [--concurrency 8]
//                                                                      [--capacity 5] [--coordinators 24] [--events 300]
//                                                                      [--parts 1234] [--workflows 1000]
//                                                                      [--reads 600]
//
//  1. referral intake through the gateway (POST /api/tag-referrals/referrals as a partner referrer, autocannon):
//     requests/s, p50/p99. Each is a real referral: validated, written with its decision log and outbox event.
//  2. allocation under contention: `coordinators` allocation requests through the gateway at the same moment into a
//     pool of `capacity` tags. Exactly `capacity` must succeed, the rest be refused (409, pool full), and the pool's
//     in_use and the allocated tags must both equal the capacity: zero over-allocation.
//  3. device events from Kafka to tasks: `events` monitoring-platform events published to the device-event topic for
//     fitted tags; events/s until the last is committed (device_event row + data-review task), and the latency from
//     publish to commit (p50/p99).
//  4. 1,000 open episode workflows' effect on API latency: p50/p99 of a read through the gateway (GET referrals list as
//     a VRU coordinator, `reads` requests) idle, while `workflows` episode workflows are being started, and with them
//     all open (each has run its first task and sleeps to the next day's 07:00, as a real fitted episode does). The
//     workflows are real tagEpisodeWorkflow runs on the service's task queue with ids tag-episode-bench-<run>-<n> and
//     memo bench=<run>; they are terminated at the end (in a finally), so no open bench workflow is left behind.
// Each run makes its own pool, tags and referrals (marked Bench / bench-…) and deletes those of parts 2 and 3 after.
import { buildEvent, ActorKind, encodeEvent, eventHeaders, Processing, Topics } from '@oversight/contracts';
import { createKafka } from '@oversight/messaging';
import { connectTemporalClient } from '@oversight/temporal';
import { databaseUrl, SHARED_TEMPORAL_ADDRESS } from '@oversight/testing';
import { execSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { Partitioners } from 'kafkajs';
import { Client } from 'pg';
import { autocannon, demoToken, numberArg, pct } from './bench-support';

const arg = numberArg;
const REFERRALS = arg('referrals', 200);
const CONCURRENCY = arg('concurrency', 8);
const CAPACITY = arg('capacity', 5);
const COORDINATORS = arg('coordinators', 24);
const EVENTS = arg('events', 300);
/** Which parts to run: --parts 13 runs 1 and 3. */
const PARTS = String(arg('parts', 1234));
const WORKFLOWS = arg('workflows', 1000);
const READS = arg('reads', 600);
const GATEWAY = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
const RUN = randomUUID().slice(0, 8).toUpperCase();

const DB = databaseUrl('tag_referrals');

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: DB });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

const token = (username: string) => demoToken(username, GATEWAY);

function referralBody(i: number): string {
  return JSON.stringify({
    subjectName: `Bench Person ${RUN}-${i}`,
    dateOfBirth: '2010-03-01',
    addressLines: [`${i + 1} Bench Street`, 'Chatham'],
    yotCaseId: `YOT-BENCH-${RUN}`,
    referrerEmail: 'yjs.referrals@example.org',
    agency: 'YOUTH_JUSTICE',
    grounds: 'CRIMINAL_EXPLOITATION_RISK',
    multiAgencyPlanRef: `CIN-BENCH-${RUN}`,
    riskLevel: ['LOW', 'MEDIUM', 'HIGH'][i % 3],
    tagType: 'GPS',
    monitoringBasis: 'VOLUNTARY',
    pool: 'VRU',
    summary: 'Bench referral (invented).',
  });
}

async function intake() {
  const auth = `Bearer ${await token('partner.yjs')}`;
  let i = 0;
  const r = await autocannon({
    url: GATEWAY,
    connections: CONCURRENCY,
    amount: REFERRALS,
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          method: 'POST',
          path: '/api/tag-referrals/referrals',
          headers: { authorization: auth, 'content-type': 'application/json' },
          body: referralBody(i++),
        }),
      },
    ],
  });
  const failed = r.errors + r.timeouts + r.non2xx;
  return {
    part: '1. referral intake via gateway',
    n: r.requests.total,
    concurrency: CONCURRENCY,
    'req/s': +(r.requests.total / r.duration).toFixed(1),
    'p50 ms': r.latency.p50,
    'p99 ms': r.latency.p99,
    failed,
  };
}

/** A referral row straight in the database (setup only, not timed), at the given status, in a bench pool. */
async function benchReferral(pool: string, status: string, i: number, tagSerial: string | null = null) {
  const id = randomUUID();
  await sql(
    `INSERT INTO referral (id, reference, status, subject_name, date_of_birth, address_lines, referrer_subject, referrer_email,
                           organisation, agency, grounds, multi_agency_plan_ref, risk_level, tag_type, monitoring_basis, pool,
                           summary, waiting_since, tag_serial)
     VALUES ($1, $2, $3, 'Bench Person', '2010-01-01', '{}', 'bench', 'bench@example.org', 'bench', 'POLICE',
             'CRIMINAL_EXPLOITATION_RISK', 'P', 'HIGH', 'GPS', 'VOLUNTARY', $4, 'bench', now(), $5)`,
    [id, `BENCH-${pool}-${i}`, status, pool, tagSerial],
  );
  return id;
}

async function cleanUp(pool: string, ids: string[]) {
  for (const t of ['device_event', 'decision_log', 'tag_movement', 'task', 'consent', 'outcome'])
    await sql(`DELETE FROM ${t} WHERE referral_id = ANY($1::uuid[])`, [ids]);
  await sql(`DELETE FROM tag WHERE pool_code = $1`, [pool]);
  await sql(`DELETE FROM referral WHERE id = ANY($1::uuid[])`, [ids]);
  await sql(`DELETE FROM pool WHERE code = $1`, [pool]);
}

async function contention() {
  const pool = `BA${RUN}`;
  await sql(`INSERT INTO pool (code, name, capacity) VALUES ($1, 'bench contention pool', $2)`, [
    pool,
    CAPACITY,
  ]);
  const ids: string[] = [];
  try {
    for (let i = 0; i < COORDINATORS; i++) {
      await sql(`INSERT INTO tag (serial, pool_code, status) VALUES ($1, $2, 'IN_STOCK')`, [
        `${pool}-${i}`,
        pool,
      ]);
      ids.push(await benchReferral(pool, 'AWAITING_DEVICE', i));
    }
    const auth = `Bearer ${await token('vru.sam')}`;
    const t0 = performance.now();
    const results = await Promise.all(
      ids.map(async (id) => {
        const s = performance.now();
        const r = await fetch(`${GATEWAY}/api/tag-referrals/referrals/${id}/allocation`, {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/json' },
          body: '{}',
        });
        await r.text();
        return { status: r.status, ms: performance.now() - s };
      }),
    );
    const wall = performance.now() - t0;
    const [p] = await sql<{ in_use: number }>(`SELECT in_use FROM pool WHERE code = $1`, [pool]);
    const [t] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM tag WHERE pool_code = $1 AND status = 'ALLOCATED'`,
      [pool],
    );
    const ok = results.filter((r) => r.status === 200).length;
    const full = results.filter((r) => r.status === 409).length;
    const ms = results.map((r) => r.ms).sort((a, b) => a - b);
    return {
      part: '2. allocation under contention',
      coordinators: COORDINATORS,
      capacity: CAPACITY,
      allocated: ok,
      'refused 409': full,
      other: COORDINATORS - ok - full,
      'pool in_use': p.in_use,
      'tags ALLOCATED': t.n,
      'over-allocated': Math.max(0, p.in_use - CAPACITY, t.n - CAPACITY, ok - CAPACITY),
      'wall ms': Math.round(wall),
      'p99 ms': Math.round(pct(ms, 99)),
    };
  } finally {
    await cleanUp(pool, ids);
  }
}

async function deviceEvents() {
  const pool = `BD${RUN}`;
  const TAGS = 20;
  await sql(`INSERT INTO pool (code, name, capacity) VALUES ($1, 'bench device pool', $2)`, [pool, TAGS]);
  const ids: string[] = [];
  const producer = createKafka('tag-referrals-bench', `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`).producer(
    {
      createPartitioner: Partitioners.DefaultPartitioner,
    },
  );
  try {
    const serials: string[] = [];
    for (let i = 0; i < TAGS; i++) {
      const serial = `${pool}-${i}`;
      const id = await benchReferral(pool, 'FITTED', i, serial);
      await sql(`INSERT INTO tag (serial, pool_code, status, referral_id) VALUES ($1, $2, 'FITTED', $3)`, [
        serial,
        pool,
        id,
      ]);
      ids.push(id);
      serials.push(serial);
    }
    await producer.connect();
    const eventIds: string[] = [];
    const kinds = ['LOW_BATTERY', 'CHARGER_ON', 'SIGNAL_LOSS', 'STRAP_OFF', 'ZONE'] as const;
    const t0 = Date.now();
    const BATCH = 50;
    for (let b = 0; b < EVENTS; b += BATCH) {
      const messages = [];
      for (let i = b; i < Math.min(EVENTS, b + BATCH); i++) {
        const deviceEventId = randomUUID();
        eventIds.push(deviceEventId);
        const serial = serials[i % TAGS];
        const event = buildEvent(
          Topics.tagDeviceEventReported,
          {
            aggregateId: serial,
            actor: { subject: 'buddi-platform', kind: ActorKind.EXTERNAL_SYSTEM },
            correlationId: `bench-${RUN}`,
            processing: Processing.COLLECTION,
          },
          {
            deviceEventId,
            tagSerial: serial,
            kind: kinds[i % kinds.length],
            observedAt: new Date().toISOString(),
          },
        );
        messages.push({
          key: serial,
          value: encodeEvent(Topics.tagDeviceEventReported, event),
          headers: eventHeaders(event),
        });
      }
      await producer.send({ topic: Topics.tagDeviceEventReported.name, messages });
    }
    const published = Date.now() - t0;
    const deadline = Date.now() + 90_000;
    let rows: Array<{ ms: number; at: Date }> = [];
    while (Date.now() < deadline) {
      rows = await sql<{ ms: number; at: Date }>(
        `SELECT extract(epoch FROM (received_at - observed_at)) * 1000 AS ms, received_at AS at
           FROM device_event WHERE id = ANY($1::uuid[])`,
        [eventIds],
      );
      if (rows.length >= EVENTS) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const last = Math.max(...rows.map((r) => r.at.getTime()));
    const lat = rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
    const [tasks] = await sql<{ n: number }>(
      `SELECT count(DISTINCT task_id)::int AS n FROM device_event WHERE id = ANY($1::uuid[])`,
      [eventIds],
    );
    return {
      part: '3. device events Kafka → tasks',
      events: EVENTS,
      committed: rows.length,
      'publish ms': published,
      'events/s': +((rows.length / Math.max(1, last - t0)) * 1000).toFixed(1),
      'p50 ms': Math.round(pct(lat, 50)),
      'p99 ms': Math.round(pct(lat, 99)),
      'review tasks': tasks.n,
    };
  } finally {
    await producer.disconnect().catch(() => undefined);
    await cleanUp(pool, ids);
  }
}

/** p50/p99 of `READS` list reads through the gateway, 4 connections. */
async function readLatency(auth: string) {
  const r = await autocannon({
    url: GATEWAY,
    connections: 4,
    amount: READS,
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          method: 'GET',
          path: '/api/tag-referrals/referrals?limit=20',
          headers: { authorization: auth },
        }),
      },
    ],
  });
  return {
    'req/s': +(r.requests.total / r.duration).toFixed(1),
    'p50 ms': r.latency.p50,
    'p99 ms': r.latency.p99,
    failed: r.errors + r.timeouts + r.non2xx,
  };
}

const uptime = () => {
  try {
    return execSync('uptime').toString().trim();
  } catch {
    return `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`;
  }
};

async function openWorkflows() {
  const auth = `Bearer ${await token('vru.sam')}`;
  const temporal = await connectTemporalClient({ address: SHARED_TEMPORAL_ADDRESS, namespace: 'default' });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const plus = (d: string, n: number) => {
    const x = new Date(`${d}T12:00:00Z`);
    x.setUTCDate(x.getUTCDate() + n);
    return x.toISOString().slice(0, 10);
  };
  const ids = Array.from({ length: WORKFLOWS }, (_, i) => `tag-episode-bench-${RUN}-${i}`);
  const rows: Array<Record<string, unknown>> = [];
  const started: string[] = [];
  try {
    rows.push({ phase: 'idle', ...(await readLatency(auth)), uptime: uptime() });
    // Start them (20 at a time) while reading: the API's latency under the start burst.
    const t0 = performance.now();
    const starting = (async () => {
      for (let b = 0; b < ids.length; b += 20)
        await Promise.all(
          ids.slice(b, b + 20).map(async (workflowId, k) => {
            await temporal.workflow.start('tagEpisodeWorkflow', {
              workflowId,
              taskQueue: 'tag-referrals',
              args: [
                {
                  referralId: randomUUID(),
                  reference: `BENCH-${RUN}-${b + k}`,
                  fittedOn: today,
                  plannedEnd: plus(today, 42),
                  riskLevel: 'MEDIUM',
                  contactEveryDays: 3,
                  plannedEndReminderDays: 7,
                  removalOverdueDays: 3,
                  followUpMonths: [3, 6, 9],
                  correlationId: `bench-${RUN}`,
                },
              ],
              memo: { bench: RUN },
            });
            started.push(workflowId);
          }),
        );
    })();
    const during = await readLatency(auth);
    await starting;
    const startMs = performance.now() - t0;
    rows.push({ phase: `while starting ${WORKFLOWS}`, ...during, uptime: uptime() });
    // Every workflow has run its first task (and sleeps on its timer) once the last ones started have: wait for the
    // worker to get through the burst (history: started, task scheduled/started/completed, timer started).
    const drained = performance.now();
    const sample = started.slice(-20);
    while (performance.now() - drained < 180_000) {
      const lengths = await Promise.all(
        sample.map((id) =>
          temporal.workflow
            .getHandle(id)
            .describe()
            .then((d) => d.historyLength),
        ),
      );
      if (lengths.every((n) => n >= 5)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    rows.push({ phase: `${started.length} open`, ...(await readLatency(auth)), uptime: uptime() });
    console.log(
      `[bench] 4. started ${started.length} episode workflows in ${Math.round(startMs)} ms (${(
        (started.length / startMs) *
        1000
      ).toFixed(0)}/s); first tasks drained ${Math.round(performance.now() - drained)} ms after`,
    );
    return rows;
  } finally {
    let terminated = 0;
    for (let b = 0; b < started.length; b += 50)
      await Promise.all(
        started.slice(b, b + 50).map((id) =>
          temporal.workflow
            .getHandle(id)
            .terminate(`bench ${RUN} clean-up`)
            .then(() => terminated++)
            .catch(() => undefined),
        ),
      );
    console.log(`[bench] 4. terminated ${terminated} of ${started.length} bench episode workflows`);
    await temporal.connection.close();
  }
}

async function main() {
  console.log(
    `[bench] tag-referrals, ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (the machine is shared: figures are indicative)`,
  );
  if (PARTS.includes('1')) console.table([await intake()]);
  if (PARTS.includes('2')) {
    const c = await contention();
    console.table([c]);
    if (c['over-allocated'] !== 0) {
      console.error('[bench] OVER-ALLOCATION: the pool held more than its capacity');
      process.exit(1);
    }
  }
  if (PARTS.includes('3')) console.table([await deviceEvents()]);
  if (PARTS.includes('4')) console.table(await openWorkflows());
}

main().catch((err) => {
  console.error(`[bench] failed: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
