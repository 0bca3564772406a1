import { defaultEnglandAndWalesCalendar, workingDaysBetween } from '@oversight/working-days';
import { randomUUID } from 'node:crypto';
import { api, daysAgo, validApplication } from '../support';

/**
 * The summary report on the real stack, on cases of a team of their own so other tests' cases do not
 * change the figures: counts per outcome, upheld rate, days to complete against the benchmarks, CSV.
 */
const BASE = '/api/complaint-reviews';
const team = `e2e-report-${randomUUID().slice(0, 8)}`;
const today = daysAgo(0);
const calendar = defaultEnglandAndWalesCalendar();
const NO_IOPC = {
  concernsSeniorOfficer: false,
  couldNotRuleOutProceedingsOrArticle2Or3: false,
  referredOrMustBeReferredToIopc: false,
  treatedAsReferredByIopc: false,
  sameIncidentAsIopcComplaint: false,
  anyPartWithinIopcCriteria: false,
  appropriateAuthorityIsLocalPolicingBody: false,
};

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
    await post(`/applications/${upheld}/decision`, {
      outcome: 'UPHELD',
      rationale: 'Not reasonable.',
      recommendations: [{ kind: 'LEARNING', text: 'Brief officers on search records.' }],
    });
    const feedback = await create({ receivedOn: daysAgo(4), outcomeInformationProvidedOn: daysAgo(14) });
    await post(`/applications/${feedback}/decision`, {
      outcome: 'NOT_UPHELD_WITH_FEEDBACK',
      rationale: 'Reasonable.',
      feedbackToPsd: 'Explain the outcome more plainly.',
    });
    const iopc = await create();
    await post(`/applications/${iopc}/review-body-assessment`, {
      ...NO_IOPC,
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
    await create(); // still open
  });

  it('counts each outcome in the period, with the upheld rate and days to complete', async () => {
    const res = await api('GET', `${BASE}/reports/summary?from=${daysAgo(30)}&to=${today}&team=${team}`, {
      as: 'manager.priya',
    });
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.counts).toEqual({
      received: 6,
      valid: 2,
      upheld: 1,
      notUpheld: 0,
      notUpheldWithFeedback: 1,
      passedToIopc: 1,
      outOfTime: 1,
      insufficientInformation: 0,
      withdrawn: 1,
    });
    expect(r.upheldRate).toBe(0.5);
    expect(r.daysToComplete.calendar).toEqual({ mean: 7, median: 7 });
    const working = [
      workingDaysBetween(daysAgo(10), today, calendar),
      workingDaysBetween(daysAgo(4), today, calendar),
    ];
    expect(r.daysToComplete.working.median).toBe((working[0] + working[1]) / 2);
    expect(r.daysToComplete.benchmarks).toEqual({
      mostSimilarGroupCalendarDays: 46,
      nationalCalendarDays: 48,
    });
    expect(r.sla).toMatchObject({
      completionTargetWorkingDays: 28,
      completedWithinTarget: 2,
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
        'count_received,6',
        'count_upheld,1',
        'upheld_rate,0.5',
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
});
