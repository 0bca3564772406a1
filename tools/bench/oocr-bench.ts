// Benchmark of the out-of-court resolutions service (not a test): prints figures for apps/oocr/README.md.
// Run against the system started by scripts/start-services.sh:
//   node -r ./tools/register.js tools/bench/oocr-bench.ts [--only ingest,cautions,reports,cleanup] [--crs 2000]
//        [--cautions 10000] [--concurrency 16] [--issue-rate 0] [--query-sample 200] [--reads 200] [--timeout-min 30]
//        [--report-rows 500000]
//
//  1. CR ingestion, Kafka → review queue: field-app events published as fast as the producer can, until every
//     one has a review row; throughput and event → queue latency (p50/p99).
//  2. Conditional caution workflows (tools/bench/oocr-caution-workflows.ts): --cautions issued through the gateway,
//     each starting its workflow on the local Temporal, then all held open together: issue and workflow start
//     rates, time until all run, oocr (worker) and Temporal server memory before / during / open / after, read
//     latency idle / during the burst / with all open, live state queries of a sample; the workflows are
//     terminated at the end (Ctrl-C terminates those started so far; `--only cleanup` any bench workflow still
//     running, e.g. started by the consumer after an interrupted run).
//  3. Reports at 100× Kent's volume: a database of its own (oocr_bench) filled with --report-rows disposals over
//     one year (a tenth of them conditional cautions with two conditions each), and each Scrutiny Panel report
//     timed over the whole year.
//
// Rows of parts 1 and 2 stay in the oocr database (district swale, officer pc.bench, names "Bench …").
import {
  ActorKind,
  AdmissionStatus,
  buildEvent,
  encodeEvent,
  eventHeaders,
  OffenceClassification,
  PoliceRank,
  Processing,
  Topics,
  VictimAgreement,
  VictimViewsOutcome,
} from '@oversight/contracts';
import { createKafka } from '@oversight/messaging';
import { freshDatabase, REPO_ROOT, SHARED_KAFKA_BROKERS } from '@oversight/testing';
import { Partitioners } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { OocrSettings } from '../../apps/oocr/src/config/oocr-settings';
import { PrismaService } from '../../apps/oocr/src/infrastructure/prisma.service';
import { ReportsService } from '../../apps/oocr/src/reports/reports.service';
import { ms, pct, sql, today, waitUntil } from './oocr-bench-support';
import { benchCautionWorkflows, cleanUpBenchWorkflows } from './oocr-caution-workflows';

const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const only = (() => {
  const i = args.indexOf('--only');
  return i >= 0 ? args[i + 1].split(',') : ['ingest', 'cautions', 'reports'];
})();
const CRS = arg('crs', 2000);
const CAUTIONS = arg('cautions', 10_000);
const QUERY_SAMPLE = arg('query-sample', 200);
const READS = arg('reads', 200);
const TIMEOUT_MIN = arg('timeout-min', 30);
const CONCURRENCY = arg('concurrency', 16);
/** Cautions issued per second in the burst (0: as fast as the API answers at --concurrency). */
const ISSUE_RATE = arg('issue-rate', 0);
const REPORT_ROWS = arg('report-rows', 500_000);

// --- 1. CR ingestion ---

async function benchIngestion(): Promise<void> {
  const producer = createKafka('oocr-bench', SHARED_KAFKA_BROKERS).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const ids: string[] = [];
  const started = Date.now();
  for (let batch = 0; batch < CRS; batch += 200) {
    const messages = [];
    for (let i = batch; i < Math.min(CRS, batch + 200); i++) {
      const resolutionId = randomUUID();
      ids.push(resolutionId);
      const event = buildEvent(
        Topics.communityResolutionIssued,
        {
          aggregateId: resolutionId,
          actor: { subject: 'pc.bench', kind: ActorKind.EXTERNAL_SYSTEM },
          correlationId: `bench-${resolutionId}`,
          processing: Processing.COLLECTION,
        },
        {
          resolutionId,
          issuedOn: today(),
          district: 'swale',
          offender: {
            fullName: `Bench Offender ${i}`,
            dateOfBirth: '1999-01-01',
            gender: i % 2 ? 'MALE' : 'FEMALE',
            ethnicity: 'W1',
            addressLines: [],
          },
          offence: {
            code: '49/1',
            description: 'Theft from a shop',
            classification: OffenceClassification.EITHER_WAY,
            offenceDate: today(),
            offenceGroup: 'THEFT',
          },
          issuingOfficer: { id: 'pc.bench' },
          authoriser: { id: 'ps.bench', rank: PoliceRank.SERGEANT },
          admission: AdmissionStatus.ADMITTED,
          agreedActions: ['Apology'],
          victims: [
            {
              soughtOn: today(),
              method: 'in person',
              outcome: VictimViewsOutcome.VIEWS_GIVEN,
              views: 'Agrees',
              agreement: VictimAgreement.AGREED,
            },
          ],
          acknowledgements: [],
        },
      );
      messages.push({
        key: resolutionId,
        value: encodeEvent(Topics.communityResolutionIssued, event),
        headers: eventHeaders(event),
      });
    }
    await producer.send({ topic: Topics.communityResolutionIssued.name, messages });
  }
  const published = Date.now();
  await producer.disconnect();
  await waitUntil(
    'every CR in the review queue',
    async () =>
      (
        await sql(
          'oocr',
          'SELECT count(*)::int AS n FROM resolution_review WHERE disposal_id = ANY($1::uuid[])',
          [ids],
        )
      )[0].n === CRS,
  );
  const rows = await sql<{ lat: number; at: number }>(
    'oocr',
    `SELECT extract(epoch FROM r.queued_at) * 1000 AS at FROM resolution_review r WHERE r.disposal_id = ANY($1::uuid[]) ORDER BY 1`,
    [ids],
  );
  const last = Number(rows[rows.length - 1].at);
  // Each event was published in [started, published]; its latency is measured from the end of its batch's send at worst.
  const spread = rows.map((r) => Number(r.at) - started).sort((a, b) => a - b);
  console.log(
    `CR ingestion Kafka → review queue: ${CRS} events published in ${ms(published - started)}, all queued after ${ms(last - started)}`,
  );
  console.log(
    `  throughput ${Math.round(CRS / ((last - started) / 1000))} CRs/s end to end; queue time since first publish p50 ${ms(pct(spread, 50))}, p99 ${ms(pct(spread, 99))}`,
  );
  console.log(
    `  (a year of Kent CRs, ~5,000, would take ${(((5000 / CRS) * (last - started)) / 1000).toFixed(1)} s)\n`,
  );
}

// --- 3. reports at 100× volume ---

const FILL = (rows: number) => `
INSERT INTO offender (id, full_name, date_of_birth, address_lines)
SELECT ('10000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'Bench ' || i, DATE '1990-01-01' + (i % 9000), '{}' FROM generate_series(1, ${rows}) i;
INSERT INTO offender_special_category (offender_id, gender, ethnicity)
SELECT ('10000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, (ARRAY['MALE','FEMALE','MALE','NOT_STATED'])[1 + i % 4],
       (ARRAY['W1','W1','W1','W2','W4','M1','A1','A2','B1','B2','O2','NS'])[1 + i % 12] FROM generate_series(1, ${rows}) i WHERE i % 20 <> 0;
INSERT INTO disposal (id, reference, source, disposal_type, outcome_group, district, issue_date, offender_id, age_at_issue, offence_code,
  offence_description, offence_class, offence_group, offence_date, issuing_officer_id, admission, created_by, updated_at)
SELECT ('20000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'BENCH-' || i, 'FIELD_APP',
       CASE WHEN i % 10 = 0 THEN 'ADULT_CONDITIONAL_CAUTION' WHEN i % 10 = 1 THEN 'YOUTH_CAUTION' WHEN i % 10 = 2 THEN 'OUTCOME_22_DIVERSION' ELSE 'COMMUNITY_RESOLUTION' END,
       'OUT_OF_COURT_INFORMAL',
       (ARRAY['ashford','canterbury','dartford','dover','folkestone-and-hythe','gravesham','maidstone','medway','sevenoaks','swale','thanet','tonbridge-and-malling','tunbridge-wells'])[1 + i % 13],
       DATE '2026-01-01' + (i % 365), ('10000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 10 + (i * 7) % 70, '49/1', 'Bench offence',
       (ARRAY['SUMMARY_ONLY','EITHER_WAY','EITHER_WAY'])[1 + i % 3],
       (ARRAY['THEFT','THEFT','CRIMINAL_DAMAGE_AND_ARSON','VIOLENCE_AGAINST_THE_PERSON','PUBLIC_ORDER_OFFENCES','DRUG_OFFENCES'])[1 + i % 6],
       DATE '2026-01-01' + (i % 365) - 3, 'pc.bench', 'ADMITTED', 'bench', now()
FROM generate_series(1, ${rows}) i;
INSERT INTO resolution_review (id, disposal_id, status, queued_at)
SELECT ('30000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, ('20000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
       (ARRAY['COMPLIANT','COMPLIANT','COMPLIANT','PENDING','REFERRED_BACK','ACTIONS_DONE','ESCALATED'])[1 + i % 7], now()
FROM generate_series(1, ${rows}) i WHERE i % 10 >= 3;
INSERT INTO caution (disposal_id, workflow_id, status, original_completion_due, completion_due_date, completed_on, state_version, updated_at)
SELECT ('20000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'bench-' || i,
       (ARRAY['COMPLETED','COMPLETED','COMPLETED','COMPLETED','ACTIVE','BREACH_ASSESSMENT','CEASED','CLOSED_NO_FURTHER_ACTION'])[1 + (i / 10) % 8],
       DATE '2026-01-01' + (i % 365) + 112, DATE '2026-01-01' + (i % 365) + 112 + CASE WHEN i % 70 = 0 THEN 28 ELSE 0 END,
       CASE WHEN (i / 10) % 8 < 4 THEN DATE '2026-01-01' + (i % 365) + 60 + (i % 70) END, 3, now()
FROM generate_series(1, ${rows}) i WHERE i % 10 = 0;
INSERT INTO condition (id, caution_id, seq, purpose, kind, description, due_date, status)
SELECT ('40000000-0000-4000-8000-' || lpad(to_hex(i * 2 + k), 12, '0'))::uuid, ('20000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, k + 1,
       (ARRAY['REHABILITATIVE','REPARATIVE','PUNITIVE','RESTRICTIVE'])[1 + (i + k) % 4], 'COURSE', 'Bench', DATE '2026-01-01' + (i % 365) + 60,
       CASE WHEN (i / 10) % 8 < 4 THEN 'COMPLETED' WHEN (i / 10) % 8 = 5 THEN 'MISSED' ELSE 'PENDING' END
FROM generate_series(1, ${rows}) i, generate_series(0, 1) k WHERE i % 10 = 0;
INSERT INTO breach (id, caution_id, detected_on, missed_items, status, decision)
SELECT ('50000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, ('20000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
       DATE '2026-01-01' + (i % 365) + 61, '[]', CASE WHEN (i / 10) % 8 = 6 THEN 'DECIDED' ELSE 'AWAITING_DECISION' END,
       CASE WHEN (i / 10) % 8 = 6 THEN 'PROSECUTE_ORIGINAL_OFFENCE' END
FROM generate_series(1, ${rows}) i WHERE i % 10 = 0 AND (i / 10) % 8 IN (5, 6);
ANALYZE;`;

async function benchReports(): Promise<void> {
  const migrations = join(REPO_ROOT, 'apps/oocr/prisma/migrations');
  const schema = readdirSync(migrations)
    .filter((d) => /^\d+_/.test(d))
    .sort()
    .map((d) => readFileSync(join(migrations, d, 'migration.sql'), 'utf8'))
    .join('\n');
  const url = await freshDatabase('oocr_bench', schema);
  const t0 = performance.now();
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query(FILL(REPORT_ROWS));
  await c.end();
  console.log(
    `Reports at 100× volume: ${REPORT_ROWS.toLocaleString('en-GB')} disposals in one year (${(REPORT_ROWS / 10).toLocaleString('en-GB')} cautions), loaded in ${ms(performance.now() - t0)}`,
  );
  const prisma = new PrismaService(url, 4);
  const reports = new ReportsService(prisma, OocrSettings.defaults());
  const period = { from: '2026-01-01', to: '2026-12-31' };
  const quarter = { from: '2026-04-01', to: '2026-06-30' };
  const runs: Array<[string, () => Promise<unknown>]> = [
    ['counts (type, district, offence group, month), year', () => reports.counts(period)],
    ['counts, one quarter', () => reports.counts(quarter)],
    ['review outcomes, year', () => reports.reviewOutcomes(period)],
    ['caution outcomes and rates, year', () => reports.cautionOutcomes(period)],
    ['conditions by purpose, year', () => reports.conditionsByPurpose(period)],
    ['disproportionality (ethnicity, gender, age), year', () => reports.disproportionality(period)],
    ['CSV export counts-by-month, year', () => reports.csv('counts-by-month', period)],
  ];
  for (const [label, run] of runs) {
    await run(); // warm
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      await run();
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    console.log(`  ${label.padEnd(52)} median ${ms(times[2]).padStart(7)}   max ${ms(times[4]).padStart(7)}`);
  }
  await prisma.onModuleDestroy(); // also ends the pg pool PrismaService now owns
  console.log('');
}

async function main() {
  console.log(
    `OOCR benchmark — ${new Date().toISOString()}, ${cpus().length} cores, parts: ${only.join(', ')}\n`,
  );
  if (only.includes('ingest')) await benchIngestion();
  if (only.includes('cleanup')) await cleanUpBenchWorkflows();
  if (only.includes('cautions'))
    await benchCautionWorkflows({
      cautions: CAUTIONS,
      concurrency: CONCURRENCY,
      issueRate: ISSUE_RATE,
      querySample: QUERY_SAMPLE,
      reads: READS,
      timeoutMs: TIMEOUT_MIN * 60_000,
    });
  if (only.includes('reports')) await benchReports();
}

main().catch((err) => {
  console.error(`oocr benchmark failed: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
