import { Role } from '@oversight/auth';
import { todayInLondon } from '@oversight/nest-platform';
import { addCalendarDays } from '@oversight/working-days';
import { ComplaintReviewsEnv } from '../../src/config/complaint-reviews.env';
import { PrismaService } from '../../src/infrastructure/prisma.service';
import { QueuesService } from '../../src/queues/queues.service';
import { ReportsService } from '../../src/reports/reports.service';
import { createScratchDatabase, ScratchDatabase, seedReviews, SeedSummary } from './seed-reviews';

/**
 * The queue and report queries against 100,000 reviews, in a scratch database of their own (created,
 * migrated, seeded in SQL by ./seed-reviews and dropped here), so the shared database is untouched.
 * Measures the services' SQL, which is where the time goes; the HTTP endpoints are measured by
 * tools/bench/complaint-reviews-bench.ts.
 */
const N = 100_000;

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

  let db: ScratchDatabase;
  let seeded: SeedSummary;

  beforeAll(async () => {
    db = await createScratchDatabase();
    seeded = await seedReviews(db.url, N);
    prisma = new PrismaService(db.url);
    queues = new QueuesService(prisma, env);
    reports = new ReportsService(prisma, env);
  }, 240_000);

  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  it.each(['unassigned', 'mine', 'team', 'on-hold', 'due-soon', 'overdue', undefined] as const)(
    // About 10-50 ms on a quiet machine; the listing without a view reads deadline clocks in due order.
    'queue view %s answers within 250 ms (p50)',
    async (view) => {
      const { p50, max, result } = await timed(() => queues.list(reviewer, { view, limit: 50 }));
      console.log(
        `queue ${view ?? '(all)'}: p50 ${p50.toFixed(0)} ms, max ${max.toFixed(0)} ms, ${result.length} rows`,
      );
      expect(p50).toBeLessThan(250);
      // The seed puts open cases in every view, some of them the demo reviewer's own.
      expect(result.length).toBeGreaterThan(0);
    },
  );

  it('workload answers within 250 ms (p50)', async () => {
    const { p50, max, result } = await timed(() => queues.workload());
    console.log(`workload: p50 ${p50.toFixed(0)} ms, max ${max.toFixed(0)} ms, ${result.length} rows`);
    expect(p50).toBeLessThan(250);
  });

  it('the summary report for a year answers within 1 s (p50)', async () => {
    const to = todayInLondon();
    const from = addCalendarDays(to, -364);
    const { p50, max, result } = await timed(() => reports.summary({ from, to }), 3);
    console.log(
      `report (year): p50 ${p50.toFixed(0)} ms, max ${max.toFixed(0)} ms; received ${result.counts.received}`,
    );
    // Received evenly over seeded.spanDays days, the newest today: a year holds 365/spanDays of them.
    expect(Math.abs(result.counts.received - (N * 365) / seeded.spanDays)).toBeLessThan(200);
    expect(result.counts.valid).toBeGreaterThan(result.counts.received / 2);
    expect(p50).toBeLessThan(1000);
  });

  it('uses manager visibility without error', async () => {
    expect((await queues.list(manager, { view: 'overdue', limit: 10 })).length).toBeLessThanOrEqual(10);
  });
});
