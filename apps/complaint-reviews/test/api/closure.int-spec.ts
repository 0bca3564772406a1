import { randomUUID } from 'node:crypto';
import { waitFor } from '@oversight/testing';
import { api, daysAgo, query, rowCounts, validApplication } from '../support';

/**
 * Closing an application without a review decision (insufficient information, not eligible, the
 * appeal route), only where the record supports it, and a decision never taking a shortcut past the
 * earlier checks. On the real stack; its own team so the report figures are this file's alone.
 */
const BASE = '/api/complaint-reviews';
const team = `e2e-closure-${randomUUID().slice(0, 8)}`;
const REASON = { 'x-access-reason': 'e2e: closures' };

async function create(overrides: Record<string, unknown> = {}) {
  const res = await api('POST', `${BASE}/applications`, {
    as: 'reviewer.amara',
    body: validApplication({ team, appropriateAuthority: 'Chief Constable of Kent Police', ...overrides }),
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
const close = (id: string, body: unknown) =>
  api('POST', `${BASE}/applications/${id}/closure`, { as: 'reviewer.amara', body });
const getCase = async (id: string) =>
  (await api('GET', `${BASE}/applications/${id}`, { as: 'reviewer.amara', headers: REASON })).body;

describe('closing for insufficient information', () => {
  let id: string;
  beforeAll(async () => {
    id = await create({ complaintDate: undefined }); // the complaint date is missing
  });

  it('refuses a decision while the item is neither supplied nor waived, nor the review body assessed', async () => {
    const before = await rowCounts();
    const res = await api('POST', `${BASE}/applications/${id}/decision`, {
      as: 'reviewer.amara',
      body: { outcome: 'NOT_UPHELD', rationale: 'x' },
    });
    expect(res.status).toBe(400);
    expect(res.body.violations.map((v: any) => v.rule)).toEqual([
      'REVIEW_BODY_NOT_ASSESSED',
      'VALIDITY_UNRESOLVED',
    ]);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses to close before the applicant was asked, and writes nothing', async () => {
    const before = await rowCounts();
    const res = await close(id, { reason: 'INSUFFICIENT_INFORMATION', note: 'Nothing came back.' });
    expect(res.status).toBe(400);
    expect(res.body.violations).toEqual([
      expect.objectContaining({ rule: 'INFORMATION_NOT_REQUESTED', field: 'reason' }),
    ]);
    expect(await rowCounts()).toEqual(before);
  });

  it('closes once asked: CLOSED with the reason and date, the clocks ended, the applicant told', async () => {
    expect(
      (await api('POST', `${BASE}/applications/${id}/information-request`, { as: 'reviewer.amara' })).status,
    ).toBe(201);
    // Closing for want of information waits for the reply date (issue 10 item 3): before it, refused.
    const early = await close(id, {
      reason: 'INSUFFICIENT_INFORMATION',
      note: 'We did not receive the date of your complaint by the date we gave.',
    });
    expect(early.status).toBe(400);
    expect(early.body.violations.map((v: any) => v.rule)).toEqual(['REPLY_DATE_NOT_PASSED']);
    // The reply date passes (the request's record moved back: the test cannot wait 28 days).
    await query(
      'complaint_reviews',
      `UPDATE decision_log_entry SET details = jsonb_set(details, '{respondBy}', to_jsonb($2::text))
        WHERE application_id = $1 AND action = 'INFORMATION_REQUESTED'`,
      [id, daysAgo(1)],
    );
    const res = await close(id, {
      reason: 'INSUFFICIENT_INFORMATION',
      note: 'We did not receive the date of your complaint by the date we gave.',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'CLOSED',
      closureReason: 'INSUFFICIENT_INFORMATION',
      closedOn: daysAgo(0),
    });
    const c = await getCase(id);
    expect(c).toMatchObject({ status: 'CLOSED', closureReason: 'INSUFFICIENT_INFORMATION' });
    expect(c.decisionLog.find((e: any) => e.action === 'CLOSED_INSUFFICIENT_INFORMATION')).toMatchObject({
      actor: 'reviewer.amara',
      reason: expect.stringContaining('date of your complaint'),
    });
    await waitFor(
      'the closure letter to be sent',
      () =>
        query(
          'complaint_reviews',
          `SELECT status::text AS status FROM letter WHERE application_id = $1 AND template_key = 'complaint-review.closed'`,
          [id],
        ),
      (rows) => rows[0]?.status === 'SENT',
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const clocks = await query(
      'complaint_reviews',
      `SELECT kind::text AS kind, status::text AS status FROM review_clock WHERE application_id = $1`,
      [id],
    );
    expect(clocks.every((k: any) => k.status !== 'RUNNING')).toBe(true);
    // A closed case takes no more actions.
    expect((await close(id, { reason: 'INSUFFICIENT_INFORMATION', note: 'again' })).status).toBe(409);
  });

  it('is counted as insufficient information in the period it was closed', async () => {
    const res = await api('GET', `${BASE}/reports/summary?from=${daysAgo(0)}&to=${daysAgo(0)}&team=${team}`, {
      as: 'manager.priya',
    });
    expect(res.status).toBe(200);
    expect(res.body.counts.insufficientInformation).toBe(1);
  });
});

describe('closing an application that is not eligible, or for the appeal route', () => {
  it('closes one the gates found not eligible, and refuses the appeal route for it', async () => {
    const id = await create({ handling: 'NOT_UNDER_SCHEDULE_3' });
    const wrong = await close(id, { reason: 'LEGACY_APPEAL_ROUTE', note: 'x' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.violations[0].rule).toBe('NOT_LEGACY');
    const decided = await api('POST', `${BASE}/applications/${id}/decision`, {
      as: 'reviewer.amara',
      body: { outcome: 'NOT_UPHELD', rationale: 'x' },
    });
    // The lifecycle table refuses a decision on an ineligible application (issue 10 item 2): 409 with the rule.
    expect(decided.status).toBe(409);
    expect(decided.body.message).toContain('NOT_ELIGIBLE_FOR_REVIEW');
    const res = await close(id, {
      reason: 'NOT_ELIGIBLE',
      note: 'The complaint was not handled under Schedule 3.',
    });
    expect(res.status).toBe(201);
    expect((await getCase(id)).closureReason).toBe('NOT_ELIGIBLE');
  });

  it('closes a pre-2020 complaint to the appeal route', async () => {
    const id = await create({ complaintDate: '2019-11-02', outcomeInformationProvidedOn: daysAgo(10) });
    const res = await close(id, { reason: 'LEGACY_APPEAL_ROUTE', note: 'Made in November 2019.' });
    expect(res.status).toBe(201);
  });

  it('refuses to close an eligible application as not eligible', async () => {
    const id = await create();
    const before = await rowCounts();
    const res = await close(id, { reason: 'NOT_ELIGIBLE', note: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.violations[0].rule).toBe('ELIGIBLE');
    expect(await rowCounts()).toEqual(before);
  });

  it.each<[string, unknown, string]>([
    ['an unknown reason', { reason: 'BORED', note: 'x' }, 'reason'],
    ['no note', { reason: 'NOT_ELIGIBLE' }, 'note'],
    ['an unknown field', { reason: 'NOT_ELIGIBLE', note: 'x', closedOn: '2026-01-01' }, 'closedOn'],
  ])('%s → 400 naming the field', async (_name, body, field) => {
    const id = await create();
    const before = await rowCounts();
    const res = await close(id, body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(field);
    expect(await rowCounts()).toEqual(before);
  });

  it('is refused to another team on a restricted case and to other roles', async () => {
    const id = await create({ restricted: true, handling: 'NOT_UNDER_SCHEDULE_3' });
    const body = { reason: 'NOT_ELIGIBLE', note: 'x' };
    expect(
      (await api('POST', `${BASE}/applications/${id}/closure`, { as: 'reviewer.tom', body })).status,
    ).toBe(403);
    expect((await api('POST', `${BASE}/applications/${id}/closure`, { as: 'cjops.dan', body })).status).toBe(
      403,
    );
  });
});
