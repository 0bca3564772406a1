// The SQL floor of an intake write (issue 14 §5): the statements POST /applications runs, sent
// straight from a pg pool at the same concurrency, with no HTTP, gateway, Nest or validation around
// them. npm run bench divides the intake rate through the gateway by this one.
//
//   node -r ./tools/register.js tools/bench/intake-sql-baseline.ts [--requests 1500] [--concurrency 16]
//
// The statements are the service's own (apps/complaint-reviews/src/applications/use-cases/record-intake.ts,
// imported, not copied): `SELECT nextval('review_reference_seq')` and the one intake statement (person,
// application, decision-log entry and outbox row in data-modifying CTEs, then NOTIFY), each its own
// implicit transaction, as the service sends them. They run in a scratch database with the live
// complaint_reviews schema (pg_dump --schema-only), dropped afterwards: the rows are real intakes, and in
// the live database the relay would publish their events and the consumers would start their clocks.
import { ApplicationChannel, buildEvent, Processing, Topics } from '@oversight/contracts';
import { outboxRow } from '@oversight/messaging';
import { databaseUrl } from '@oversight/testing';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import {
  IntakeRecord,
  nextReference,
  recordIntake,
} from '../../apps/complaint-reviews/src/applications/use-cases/record-intake';
import { numberArg, pct } from './bench-support';

export interface SqlBaselineResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  firstError?: string;
}

/** What the service writes for the benchmark's application (run-bench.ts, intake-write-cost.ts). */
function benchIntake(i: number, runId: string, reference: string, receivedOn: string): IntakeRecord {
  const id = randomUUID();
  const complainantId = randomUUID();
  const forceComplaintReference = `BENCH/${runId.slice(0, 8)}/${i}`;
  const event = buildEvent(
    Topics.reviewApplicationReceived,
    {
      aggregateId: id,
      actor: { subject: 'reviewer.amara', roles: [], team: 'opcc-reviews-east' },
      correlationId: randomUUID(),
      processing: Processing.COLLECTION,
    },
    {
      applicationId: id,
      reference,
      forceComplaintReference,
      channel: ApplicationChannel.EMAIL,
      receivedOn,
      team: 'opcc-reviews-east',
      complainantPersonId: complainantId,
    },
  );
  return {
    id,
    reference,
    team: 'opcc-reviews-east',
    restricted: false,
    channel: 'EMAIL',
    receivedOn,
    forceComplaintReference,
    handling: 'INVESTIGATED',
    grounds: 'Benchmark application.',
    complainant: {
      id: complainantId,
      fullName: `Bench Person ${i}`,
      contactPreference: 'EMAIL',
      email: `bench${i}@example.org`,
    },
    representative: null,
    iopcInvestigation: 'NONE',
    inWriting: true,
    eligibilityRoute: 'ELIGIBLE',
    eligibilityGates: '[{"gate":"SCHEDULE_3","outcome":"PASS"}]',
    timeLimitStatus: 'IN_TIME',
    timeLimitDeadline: receivedOn,
    daysLate: null,
    timeLimitAssessment: '{"deadline":"' + receivedOn + '"}',
    timeliness: 'IN_TIME',
    validityMissing: [],
    validityAssessment: '{"missing":[]}',
    createdBy: 'reviewer.amara',
    attachments: [],
    decisionLog: {
      action: 'INTAKE_ASSESSED',
      actor: 'reviewer.amara',
      reason: 'eligibility ELIGIBLE; time limit IN_TIME; validity complete',
      details: '{"eligibilityRoute":"ELIGIBLE","timeLimitStatus":"IN_TIME","validityMissing":[]}',
    },
    outbox: outboxRow(Topics.reviewApplicationReceived, event),
  };
}

/** A scratch database with the live complaint_reviews schema; returns its URL and a way to drop it. */
export async function scratchDatabase(
  prefix = 'intake_sql_baseline',
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomUUID().slice(0, 8)}`;
  const schema = execFileSync(
    'pg_dump',
    ['--schema-only', '--no-owner', '--no-privileges', databaseUrl('complaint_reviews')],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  )
    .split('\n')
    .filter((line) => !line.startsWith('\\')) // psql meta-commands (\restrict) are not SQL
    .join('\n');
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = databaseUrl(name);
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query(schema);
  await c.end();
  return {
    url,
    drop: async () => {
      const a = new Client({ connectionString: databaseUrl('postgres') });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** n intake writes as the service sends them (2 statements each), `concurrency` at a time. */
export async function runIntakeSqlBaseline(opts: {
  requests: number;
  concurrency: number;
  warmup?: number;
}): Promise<SqlBaselineResult> {
  const db = await scratchDatabase();
  // As many connections as writers: the floor, not the service's pool of 10.
  const pool = new Pool({ connectionString: db.url, max: opts.concurrency });
  pool.on('error', () => undefined);
  const runId = randomUUID();
  const receivedOn = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const load = async (n: number, offset: number): Promise<SqlBaselineResult> => {
    const latencies: number[] = [];
    let next = 0;
    let errors = 0;
    let firstError: string | undefined;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: opts.concurrency }, async () => {
        while (next < n) {
          const i = offset + next++;
          const t0 = performance.now();
          try {
            const reference = await nextReference(pool, receivedOn);
            await recordIntake(pool, benchIntake(i, runId, reference, receivedOn));
          } catch (err) {
            errors++;
            firstError ??= (err as Error).message;
          }
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      requests: n,
      perSecond: n / seconds,
      p50: pct(latencies, 50),
      p99: pct(latencies, 99),
      errors,
      firstError,
    };
  };
  try {
    await load(opts.warmup ?? 100, 10_000_000);
    return await load(opts.requests, 0);
  } finally {
    await pool.end();
    await db.drop();
  }
}

if (require.main === module) {
  const requests = numberArg('requests', 1500);
  const concurrency = numberArg('concurrency', 16);
  runIntakeSqlBaseline({ requests, concurrency })
    .then((r) =>
      console.log(
        `intake SQL (nextval + the intake statement), ${r.requests} writes at concurrency ${concurrency}: ` +
          `${r.perSecond.toFixed(0)}/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, errors ${r.errors}` +
          (r.firstError ? ` (first: ${r.firstError})` : ''),
      ),
    )
    .catch((err) => {
      console.error(`intake-sql-baseline failed: ${(err as Error).message}`);
      process.exitCode = 1;
    });
}
