import { databaseUrl, REPO_ROOT } from '@oversight/testing';
import { Role } from '@oversight/auth';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';

import { Client } from 'pg';
import { ComplaintReviewsEnv } from '../../src/config/complaint-reviews.env';
import { PrismaService } from '../../src/infrastructure/prisma.service';
import { QueuesService } from '../../src/queues/queues.service';
import { ReportsService } from '../../src/reports/reports.service';

/**
 * The queue and report queries against 100,000 reviews, in a scratch database of their own (created,
 * migrated, seeded in SQL and dropped here), so the shared database is untouched. Measures the
 * services' SQL, which is where the time goes; the HTTP hop is measured by `npm run bench`.
 */
const N = 100_000;
const dbName = `complaint_reviews_bench_${randomUUID().slice(0, 8)}`;
const adminUrl = databaseUrl('complaint_reviews');
const benchUrl = adminUrl.replace(/\/complaint_reviews$/, `/${dbName}`);

async function sql(url: string, text: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

async function timed<T>(fn: () => Promise<T>, runs = 5): Promise<{ p50: number; max: number; result: T }> {
  let result!: T;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(runs / 2)], max: ms[runs - 1], result };
}

describe(`queues and reports with ${N.toLocaleString('en-GB')} reviews`, () => {
  let prisma: PrismaService;
  let queues: QueuesService;
  let reports: ReportsService;
  const env = Object.assign(new ComplaintReviewsEnv(), { DUE_SOON_DAYS: 5 });
  const reviewer = {
    subject: 'reviewer.amara',
    roles: [Role.OpccReviewer],
    team: 'opcc-reviews-east',
  } as never;
  const manager = { subject: 'manager.priya', roles: [Role.OpccManager], team: 'opcc-reviews-east' } as never;

  beforeAll(async () => {
    await sql(adminUrl, `CREATE DATABASE ${dbName}`);
    execFileSync(
      'npx',
      ['prisma', 'migrate', 'deploy', '--config', 'apps/complaint-reviews/prisma.config.ts'],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, DATABASE_URL: benchUrl },
        stdio: 'ignore',
      },
    );
    // Spread over three years and four teams; a fifth decided, some passed to the IOPC or withdrawn.
    await sql(
      benchUrl,
      `INSERT INTO person (id, full_name, contact_preference)
         SELECT md5('p' || g)::uuid, 'Person ' || g, 'EMAIL' FROM generate_series(1, ${N}) g;
       INSERT INTO review_application (id, reference, team, restricted, status, channel, received_on,
           force_complaint_reference, handling, grounds, complainant_id, created_by, updated_at,
           assigned_to, decided_on, outcome, forwarded_to_iopc_on, withdrawn_on)
         SELECT md5('a' || g)::uuid, 'CR-B-' || g, 'opcc-reviews-' || (ARRAY['east', 'west', 'north', 'south'])[1 + g % 4], g % 10 = 0,
           (CASE WHEN g % 5 = 0 THEN 'DECIDED' WHEN g % 23 = 0 THEN 'PASSED_TO_IOPC' WHEN g % 29 = 0 THEN 'WITHDRAWN' ELSE 'UNDER_REVIEW' END)::"ApplicationStatus",
           'EMAIL', current_date - (g % 1000), 'PSD/' || g, 'INVESTIGATED', 'grounds', md5('p' || g)::uuid, 'seed', now(),
           CASE WHEN g % 3 = 0 THEN NULL WHEN g % 12 = 1 THEN 'reviewer.amara' ELSE 'reviewer.' || (g % 12) END,
           CASE WHEN g % 5 = 0 THEN current_date - (g % 1000) + (g % 60) END,
           (CASE WHEN g % 5 = 0 THEN (ARRAY['UPHELD','NOT_UPHELD','NOT_UPHELD_WITH_FEEDBACK'])[1 + g % 3] END)::"ReviewOutcome",
           CASE WHEN g % 5 <> 0 AND g % 23 = 0 THEN current_date - (g % 1000) + 3 END,
           CASE WHEN g % 5 <> 0 AND g % 23 <> 0 AND g % 29 = 0 THEN current_date - (g % 1000) + 5 END
         FROM generate_series(1, ${N}) g;
       INSERT INTO review_clock (id, application_id, kind, status, due_on, workflow_id)
         SELECT md5('c' || g)::uuid, md5('a' || g)::uuid, 'ACKNOWLEDGEMENT',
           (CASE WHEN g % 1000 < 10 THEN 'RUNNING' ELSE 'MET' END)::"ClockStatus", current_date - (g % 1000) + 7, 'bench-' || g
         FROM generate_series(1, ${N}) g;
       ANALYZE;`,
    );
    prisma = new PrismaService(benchUrl);
    queues = new QueuesService(prisma, env);
    reports = new ReportsService(prisma, env);
  }, 240_000);

  afterAll(async () => {
    await prisma?.$disconnect();
    await sql(adminUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  });

  it.each(['unassigned', 'mine', 'team', 'on-hold', 'due-soon', 'overdue', undefined] as const)(
    'queue view %s answers within 500 ms (p50)',
    async (view) => {
      const { p50, max, result } = await timed(() => queues.list(reviewer, { view, limit: 50 }));
      console.log(
        `queue ${view ?? '(all)'}: p50 ${p50.toFixed(0)} ms, max ${max.toFixed(0)} ms, ${result.length} rows`,
      );
      expect(p50).toBeLessThan(500);
    },
  );

  it('workload answers within 500 ms (p50)', async () => {
    const { p50, max, result } = await timed(() => queues.workload());
    console.log(`workload: p50 ${p50.toFixed(0)} ms, max ${max.toFixed(0)} ms, ${result.length} rows`);
    expect(p50).toBeLessThan(500);
  });

  it('the summary report for a year answers within 2.5 s (p50)', async () => {
    const { p50, max, result } = await timed(
      () => reports.summary({ from: '2025-04-01', to: '2026-03-31' }),
      3,
    );
    console.log(
      `report (year): p50 ${p50.toFixed(0)} ms, max ${max.toFixed(0)} ms; received ${result.counts.received}`,
    );
    expect(result.counts.received).toBeGreaterThan(30_000);
    expect(p50).toBeLessThan(2500);
  });

  it('uses manager visibility without error', async () => {
    expect((await queues.list(manager, { view: 'overdue', limit: 10 })).length).toBeLessThanOrEqual(10);
  });
});
