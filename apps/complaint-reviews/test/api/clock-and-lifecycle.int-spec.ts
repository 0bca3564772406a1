import { randomUUID } from 'node:crypto';
import { waitFor } from '@oversight/testing';
import { api, caseRows, daysAgo, NO_IOPC_CRITERION, query, validApplication } from '../support';

/**
 * Issue 10 (items 1–4) and issue 9 item 3 on the real stack, through the gateway: one definition of the
 * completion clock that the clock and the report share (back-dated intake included); the lifecycle table
 * refusing what the eligibility gates forbid; closing for insufficient information only after the reply
 * date (or with a logged reason); the reply-by date and its rule on the letter; acting on a case needs
 * it to be yours. Each case is in this file's own team, so the report's figures are this file's alone.
 */
const BASE = '/api/complaint-reviews';
const team = `e2e-clock-${randomUUID().slice(0, 8)}`;
const REASON = { 'x-access-reason': 'e2e: clock and lifecycle' };

async function create(overrides: Record<string, unknown> = {}, as = 'reviewer.amara') {
  const res = await api('POST', `${BASE}/applications`, {
    as,
    body: validApplication({ team, appropriateAuthority: 'Chief Constable of Kent Police', ...overrides }),
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
const completionClock = (id: string) =>
  waitFor<{ status: string; due_on: string } | undefined>(
    'the completion clock row',
    async () =>
      (
        await query(
          'complaint_reviews',
          `SELECT status::text, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM review_clock
            WHERE application_id = $1 AND kind = 'COMPLETION'`,
          [id],
        )
      )[0],
    (row) => row !== undefined,
    { timeoutMs: 30_000, intervalMs: 250 },
  );
const clockStatus = (id: string, status: string) =>
  waitFor(
    `the completion clock ${status}`,
    async () =>
      (
        await query<{ status: string }>(
          'complaint_reviews',
          `SELECT status::text FROM review_clock WHERE application_id = $1 AND kind = 'COMPLETION'`,
          [id],
        )
      )[0]?.status,
    (s) => s === status,
    { timeoutMs: 60_000, intervalMs: 250 },
  );

describe('the completion clock and the report agree (issue 10 item 1)', () => {
  const cases: Record<string, string> = {};

  it('counts a back-dated review from receipt: accepted today, it is already late and breaches', async () => {
    // Received about 14 weeks ago (more than 28 working days), recorded and accepted today.
    const id = await create({
      receivedOn: daysAgo(100),
      outcomeInformationProvidedOn: daysAgo(110),
      complaintDate: daysAgo(200),
    });
    cases.late = id;
    const assessed = await api('POST', `${BASE}/applications/${id}/review-body-assessment`, {
      as: 'reviewer.amara',
      body: NO_IOPC_CRITERION,
    });
    expect(assessed.status).toBe(201);
    const clock = await completionClock(id);
    expect(clock!.due_on < daysAgo(0)).toBe(true); // due 28 working days after receipt, already past
    await clockStatus(id, 'BREACHED');
    const decided = await api('POST', `${BASE}/applications/${id}/decision`, {
      as: 'reviewer.amara',
      body: { outcome: 'NOT_UPHELD', rationale: 'The outcome was reasonable and proportionate.' },
    });
    expect(decided.status).toBe(201);
  });

  it('meets the clock of a review received yesterday and decided today', async () => {
    const id = await create();
    cases.onTime = id;
    expect(
      (
        await api('POST', `${BASE}/applications/${id}/review-body-assessment`, {
          as: 'reviewer.amara',
          body: NO_IOPC_CRITERION,
        })
      ).status,
    ).toBe(201);
    expect((await completionClock(id))!.status).toBe('RUNNING');
    const decided = await api('POST', `${BASE}/applications/${id}/decision`, {
      as: 'reviewer.amara',
      body: { outcome: 'NOT_UPHELD', rationale: 'The outcome was reasonable and proportionate.' },
    });
    expect(decided.status).toBe(201);
    await clockStatus(id, 'MET');
  });

  it('reports exactly what the clocks say, on the same cases', async () => {
    const shown = await Promise.all(
      Object.values(cases).map(
        async (id) =>
          (await api('GET', `${BASE}/applications/${id}`, { as: 'manager.priya', headers: REASON })).body,
      ),
    );
    const met = shown.filter((c) => c.clocks.find((k: any) => k.kind === 'COMPLETION')?.status === 'MET');
    expect(met.map((c) => c.id)).toEqual([cases.onTime]);
    const report = await api(
      'GET',
      `${BASE}/reports/summary?team=${team}&from=${daysAgo(120)}&to=${daysAgo(0)}`,
      {
        as: 'manager.priya',
      },
    );
    expect(report.status).toBe(200);
    expect(report.body.counts.valid).toBe(2);
    expect(report.body.sla.completedWithinTarget).toBe(met.length);
  });
});

describe('the lifecycle refuses what the eligibility gates forbid (issue 10 item 2)', () => {
  it.each([
    [
      'not eligible (handled outside Schedule 3)',
      { handling: 'NOT_UNDER_SCHEDULE_3' },
      'NOT_ELIGIBLE_FOR_REVIEW',
    ],
    [
      'on the legacy appeal route (complaint before 1 February 2020)',
      { complaintDate: '2019-11-04' },
      'LEGACY_APPEAL_ROUTE',
    ],
  ])('%s: no review-body assessment, no decision, no completion clock', async (_label, overrides, code) => {
    const id = await create(overrides);
    const before = await caseRows(id);
    const assessed = await api('POST', `${BASE}/applications/${id}/review-body-assessment`, {
      as: 'reviewer.amara',
      body: NO_IOPC_CRITERION,
    });
    expect(assessed.status).toBe(409);
    expect(assessed.body.message).toContain(code);
    const decided = await api('POST', `${BASE}/applications/${id}/decision`, {
      as: 'reviewer.amara',
      body: { outcome: 'NOT_UPHELD', rationale: 'x' },
    });
    expect(decided.status).toBe(409);
    expect(await caseRows(id)).toEqual(before);
    const shown = (await api('GET', `${BASE}/applications/${id}`, { as: 'reviewer.amara', headers: REASON }))
      .body;
    expect(shown.status).toBe('RECEIVED');
    expect(shown.clocks.filter((k: any) => k.kind === 'COMPLETION')).toEqual([]);
  });
});

describe('closing for insufficient information waits for the reply date (issue 10 items 3 and 4)', () => {
  let id: string;
  let respondBy: string;
  beforeAll(async () => {
    id = await create({ complaintDate: undefined });
    const asked = await api('POST', `${BASE}/applications/${id}/information-request`, {
      as: 'reviewer.amara',
    });
    expect(asked.status).toBe(201);
    respondBy = asked.body.respondBy;
  });

  it('gives a reply-by date that is a working day (the Welsh letter test checks the wording)', async () => {
    expect([0, 6]).not.toContain(new Date(`${respondBy}T12:00:00Z`).getUTCDay());
  });

  it('refuses to close before the reply date without a reason, naming the field, writing nothing', async () => {
    const before = await caseRows(id);
    const res = await api('POST', `${BASE}/applications/${id}/closure`, {
      as: 'reviewer.amara',
      body: { reason: 'INSUFFICIENT_INFORMATION', note: 'Nothing came back.' },
    });
    expect(res.status).toBe(400);
    expect(res.body.violations).toEqual([
      expect.objectContaining({ rule: 'REPLY_DATE_NOT_PASSED', field: 'earlyCloseReason' }),
    ]);
    expect(res.body.violations[0].message).toContain(respondBy);
    expect(await caseRows(id)).toEqual(before);
  });

  it('closes early with a reason to close early, and logs that reason', async () => {
    const res = await api('POST', `${BASE}/applications/${id}/closure`, {
      as: 'reviewer.amara',
      body: {
        reason: 'INSUFFICIENT_INFORMATION',
        note: 'We cannot review without the complaint date.',
        earlyCloseReason: 'The applicant phoned to say they have nothing more to send.',
      },
    });
    expect(res.status).toBe(201);
    const [entry] = await query<{ reason: string; details: Record<string, unknown> }>(
      'complaint_reviews',
      `SELECT reason, details FROM decision_log_entry WHERE application_id = $1 AND action = 'CLOSED_INSUFFICIENT_INFORMATION'`,
      [id],
    );
    expect(entry.reason).toContain(
      'Closed early: The applicant phoned to say they have nothing more to send.',
    );
    expect(entry.details).toMatchObject({
      closedBeforeReplyDate: respondBy,
      earlyCloseReason: 'The applicant phoned to say they have nothing more to send.',
    });
  });
});

describe('acting on a case needs it to be yours (issue 9 item 3)', () => {
  // reviewer.tom is in another team than reviewer.amara; the case is unrestricted and assigned to amara.
  let id: string;
  beforeAll(async () => {
    id = await create();
    expect(
      (await api('POST', `${BASE}/applications/${id}/assignment`, { as: 'reviewer.amara', body: {} })).status,
    ).toBe(200);
  });

  it('lets a reviewer of another team read it', async () => {
    expect(
      (await api('GET', `${BASE}/applications/${id}`, { as: 'reviewer.tom', headers: REASON })).status,
    ).toBe(200);
  });

  it.each([
    ['decision-not-to-act', { considered: 'Requesting the PSD case file', reason: 'Not needed' }],
    ['acknowledgement', undefined],
    ['information-request', undefined],
    ['withdrawal', { reason: 'Applicant withdrew by phone' }],
  ])('refuses %s by a reviewer who is not the assignee (403, nothing written)', async (action, body) => {
    const before = await caseRows(id);
    const res = await api('POST', `${BASE}/applications/${id}/${action}`, { as: 'reviewer.tom', body });
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/assigned to/);
    expect(await caseRows(id)).toEqual(before);
  });

  it('lets the assignee and a manager act', async () => {
    const body = { considered: 'Requesting the PSD case file', reason: 'Not needed' };
    expect(
      (await api('POST', `${BASE}/applications/${id}/decision-not-to-act`, { as: 'reviewer.amara', body }))
        .status,
    ).toBe(201);
    expect(
      (await api('POST', `${BASE}/applications/${id}/decision-not-to-act`, { as: 'manager.priya', body }))
        .status,
    ).toBe(201);
  });
});

describe('routing from facts: the officer’s rank decides 1.3.1(a) (issue 10 item 5)', () => {
  const assess = (id: string, body: Record<string, unknown>) =>
    api('POST', `${BASE}/applications/${id}/review-body-assessment`, {
      as: 'reviewer.amara',
      body: { ...NO_IOPC_CRITERION, ...body },
    });

  it('routes a complaint about a commander to the IOPC, citing the rule and the rank', async () => {
    const id = await create();
    const res = await assess(id, { officerRanks: ['SERGEANT', 'COMMANDER'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'PASSED_TO_IOPC',
      reasons: [expect.objectContaining({ criterion: 'concernsSeniorOfficer', rule: '1.3.1(a) [P]' })],
    });
    expect(res.body.derivations[0]).toMatchObject({
      criterion: 'concernsSeniorOfficer',
      source: 'FACTS',
      value: true,
      explanation: expect.stringContaining('COMMANDER is a rank above chief superintendent'),
    });
  });

  it('keeps a chief superintendent with the local policing body (not above chief superintendent)', async () => {
    const id = await create();
    const res = await assess(id, { officerRanks: ['CHIEF_SUPERINTENDENT'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'UNDER_REVIEW', reviewBody: 'LOCAL_POLICING_BODY' });
  });

  it('refuses a yes/no answer without ranks, or one that contradicts them, unless a reason is given; logs the reason', async () => {
    const id = await create();
    const before = await caseRows(id);
    const { officerRanks: _omit, ...noRanks } = NO_IOPC_CRITERION;
    const bare = await api('POST', `${BASE}/applications/${id}/review-body-assessment`, {
      as: 'reviewer.amara',
      body: { ...noRanks, concernsSeniorOfficer: false },
    });
    expect(bare.status).toBe(400);
    expect(bare.body.violations).toEqual([
      expect.objectContaining({ rule: 'OFFICER_RANK_REQUIRED', field: 'seniorOfficerOverrideReason' }),
    ]);
    const contradicting = await assess(id, {
      officerRanks: ['CHIEF_SUPERINTENDENT'],
      concernsSeniorOfficer: true,
    });
    expect(contradicting.status).toBe(400);
    expect(contradicting.body.violations).toEqual([
      expect.objectContaining({
        rule: 'SENIOR_OFFICER_CONTRADICTS_RANKS',
        field: 'seniorOfficerOverrideReason',
      }),
    ]);
    expect(await caseRows(id)).toEqual(before);
    const why = 'Acting assistant chief constable on the day of the incident';
    const overridden = await assess(id, {
      officerRanks: ['CHIEF_SUPERINTENDENT'],
      concernsSeniorOfficer: true,
      seniorOfficerOverrideReason: why,
    });
    expect(overridden.status).toBe(201);
    expect(overridden.body.status).toBe('PASSED_TO_IOPC');
    const [entry] = await query<{ reason: string }>(
      'complaint_reviews',
      `SELECT reason FROM decision_log_entry WHERE application_id = $1 AND action = 'PASSED_TO_IOPC'`,
      [id],
    );
    expect(entry.reason).toContain(`Override of 1.3.1(a) [P]: ${why}`);
  });
});
