import { defaultEnglandAndWalesCalendar, workingDaysBetween } from '@oversight/working-days';
import { randomUUID } from 'node:crypto';
import { api, daysAgo, validApplication, NO_IOPC_CRITERION } from '../support';

/**
 * The summary report on the real stack, on cases of a team of their own so other tests' cases do not
 * change the figures: counts per outcome, upheld rate, days to complete against the benchmarks, CSV.
 */
const BASE = '/api/complaint-reviews';
const team = `e2e-report-${randomUUID().slice(0, 8)}`;
const today = daysAgo(0);
const calendar = defaultEnglandAndWalesCalendar();

async function create(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await api('POST', `${BASE}/applications`, {
    as: 'reviewer.amara',
    body: validApplication({ team, appropriateAuthority: 'Chief Constable of Kent Police', ...overrides }),
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function post(path: string, body: unknown, as = 'reviewer.amara') {
  const res = await api('POST', `${BASE}${path}`, { as, body });
  expect(res.status).toBeLessThan(300);
  return res.body;
}

describe('summary report', () => {
  beforeAll(async () => {
    const upheld = await create({ receivedOn: daysAgo(10), outcomeInformationProvidedOn: daysAgo(20) });
    await post(`/applications/${upheld}/review-body-assessment`, NO_IOPC_CRITERION);
    await post(`/applications/${upheld}/decision`, {
      outcome: 'UPHELD',
      rationale: 'Not reasonable.',
      recommendations: [{ kind: 'LEARNING', text: 'Brief officers on search records.' }],
    });
    const feedback = await create({ receivedOn: daysAgo(4), outcomeInformationProvidedOn: daysAgo(14) });
    await post(`/applications/${feedback}/review-body-assessment`, NO_IOPC_CRITERION);
    await post(`/applications/${feedback}/decision`, {
      outcome: 'NOT_UPHELD_WITH_FEEDBACK',
      rationale: 'Reasonable.',
      feedbackToPsd: 'Explain the outcome more plainly.',
    });
    const iopc = await create();
    await post(`/applications/${iopc}/review-body-assessment`, {
      ...NO_IOPC_CRITERION,
      anyPartWithinIopcCriteria: true,
    });
    const withdrawn = await create();
    await post(`/applications/${withdrawn}/withdrawal`, { reason: 'No longer wishes to continue.' });
    const late = await create({ outcomeInformationProvidedOn: daysAgo(60), complaintDate: daysAgo(120) });
    await post(
      `/applications/${late}/extension-decision`,
      { outcome: 'REFUSED', reasons: 'No special circumstances given.' },
      'manager.priya',
    );
    // Late, extended for special circumstances, then reviewed: a valid review like any other.
    const extended = await create({
      receivedOn: daysAgo(7),
      outcomeInformationProvidedOn: daysAgo(60),
      complaintDate: daysAgo(120),
    });
    await post(
      `/applications/${extended}/extension-decision`,
      { outcome: 'EXTENDED', reasons: 'In hospital throughout the period.' },
      'manager.priya',
    );
    await post(`/applications/${extended}/review-body-assessment`, NO_IOPC_CRITERION);
    await post(`/applications/${extended}/decision`, { outcome: 'NOT_UPHELD', rationale: 'Reasonable.' });
    await create(); // still open
  });

  it('counts each outcome in the period, with the upheld rate and days to complete', async () => {
    const res = await api('GET', `${BASE}/reports/summary?from=${daysAgo(30)}&to=${today}&team=${team}`, {
      as: 'manager.priya',
    });
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.counts).toEqual({
      received: 7,
      valid: 3,
      upheld: 1,
      notUpheld: 1,
      notUpheldWithFeedback: 1,
      passedToIopc: 1,
      outOfTime: 1,
      insufficientInformation: 0,
      withdrawn: 1,
    });
    expect(r.upheldRate).toBeCloseTo(1 / 3, 3); // of valid reviews: upheld, not upheld, not upheld with feedback
    expect(r.daysToComplete.calendar).toEqual({ mean: 7, median: 7 }); // 10, 4 and 7 days
    const working = [10, 4, 7]
      .map((n) => workingDaysBetween(daysAgo(n), today, calendar))
      .sort((a, b) => a - b);
    expect(r.daysToComplete.working.median).toBe(working[1]);
    expect(r.daysToComplete.benchmarks).toEqual({
      mostSimilarGroupCalendarDays: 46,
      nationalCalendarDays: 48,
    });
    expect(r.sla).toMatchObject({
      completionTargetWorkingDays: 28,
      completedWithinTarget: 3,
      completionCompliance: 1,
    });
    expect(r.backlog).toMatchObject({ open: 1, over28Days: 0 });
  });

  it('leaves out what happened outside the period', async () => {
    const res = await api('GET', `${BASE}/reports/summary?from=2025-04-01&to=2026-03-31&team=${team}`, {
      as: 'manager.priya',
    });
    expect(res.body.counts.received).toBe(0);
    expect(res.body.upheldRate).toBeNull();
  });

  it('gives the same figures as CSV', async () => {
    const res = await api(
      'GET',
      `${BASE}/reports/summary?from=${daysAgo(30)}&to=${today}&team=${team}&format=csv`,
      { as: 'reviewer.amara' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = String(res.body).trim().split('\n');
    expect(lines[0]).toBe('metric,value');
    expect(lines).toEqual(
      expect.arrayContaining([
        'count_received,7',
        'count_upheld,1',
        'count_not_upheld,1',
        'benchmark_msg_calendar_days,46',
      ]),
    );
  });

  it('refuses a reversed period or a bad date, naming the field', async () => {
    const reversed = await api('GET', `${BASE}/reports/summary?from=${today}&to=2026-01-01`, {
      as: 'manager.priya',
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.violations[0].field).toBe('from');
    const bad = await api('GET', `${BASE}/reports/summary?from=2026-02-30`, { as: 'manager.priya' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: any) => f.field)).toContain('from');
  });

  describe('the quarterly table the OPCC publishes (domain.md 1.4.9)', () => {
    const fy = today.slice(5) >= '04-01' ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
    const COUNTS = [
      'received',
      'valid',
      'upheld',
      'notUpheld',
      'notUpheldWithFeedback',
      'passedToIopc',
      'outOfTime',
      'insufficientInformation',
      'withdrawn',
    ] as const;

    it('has a row per quarter so far and the year to date, which agree with each other and the summary', async () => {
      const res = await api('GET', `${BASE}/reports/quarterly?team=${team}`, { as: 'manager.priya' });
      expect(res.status).toBe(200);
      const { financialYear, rows } = res.body;
      expect(financialYear).toBe(fy);
      const quarters = rows.slice(0, -1);
      const toDate = rows[rows.length - 1];
      expect(quarters.map((q: any) => q.quarter)).toEqual(
        ['Q1', 'Q2', 'Q3', 'Q4']
          .slice(0, quarters.length)
          .map((q) => `${q} ${fy}/${String(fy + 1).slice(2)}`),
      );
      expect(quarters[0].from).toBe(`${fy}-04-01`);
      expect(quarters[quarters.length - 1].to).toBe(today);
      expect(toDate).toMatchObject({
        quarter: `${fy}/${String(fy + 1).slice(2)} to date`,
        from: `${fy}-04-01`,
        to: today,
      });
      for (const k of COUNTS)
        expect({ k, sum: quarters.reduce((n: number, q: any) => n + q[k], 0) }).toEqual({
          k,
          sum: toDate[k],
        });
      const summary = await api('GET', `${BASE}/reports/summary?from=${fy}-04-01&to=${today}&team=${team}`, {
        as: 'manager.priya',
      });
      for (const k of COUNTS) expect({ k, v: toDate[k] }).toEqual({ k, v: summary.body.counts[k] });
      expect(toDate.upheldRatePercent).toBeCloseTo(summary.body.upheldRate * 100, 1);
    });

    it('gives the same table as CSV, headed in words', async () => {
      const json = await api('GET', `${BASE}/reports/quarterly?team=${team}`, { as: 'reviewer.amara' });
      const res = await api('GET', `${BASE}/reports/quarterly?team=${team}&format=csv`, {
        as: 'reviewer.amara',
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = String(res.body).trim().split('\n');
      expect(lines[0]).toMatch(/^Quarter,From,To,Applications received,/);
      expect(lines).toHaveLength(json.body.rows.length + 1);
      const last = json.body.rows[json.body.rows.length - 1];
      expect(
        lines[lines.length - 1].startsWith(`${last.quarter},${last.from},${last.to},${last.received},`),
      ).toBe(true);
    });

    it('is empty for a year not begun and refuses a year that is not one, naming the field', async () => {
      const future = await api('GET', `${BASE}/reports/quarterly?financialYear=${fy + 1}`, {
        as: 'manager.priya',
      });
      expect(future.status).toBe(200);
      expect(future.body.rows).toEqual([]);
      for (const bad of ['twenty', '1999', '2026.5']) {
        const res = await api('GET', `${BASE}/reports/quarterly?financialYear=${bad}`, {
          as: 'manager.priya',
        });
        expect(res.status).toBe(400);
        expect(res.body.fields.map((f: any) => f.field)).toContain('financialYear');
      }
    });

    it('is not for roles outside the OPCC', async () => {
      expect((await api('GET', `${BASE}/reports/quarterly`, { as: 'cjops.dan' })).status).toBe(403);
    });
  });
});
