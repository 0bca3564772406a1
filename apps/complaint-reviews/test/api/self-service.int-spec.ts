import { waitFor } from '@oversight/testing';
import { api, daysAgo, query, rowCounts, validApplication } from '../support';

/**
 * A complainant applies for a review themselves through the API (signed in as a member of the
 * public), follows its progress, and sees nothing of anyone else's or of the reviewers' working.
 */
const BASE = '/api/complaint-reviews';
const SELF = `${BASE}/self-service/applications`;
const APPLICANT = 'applicant.delphine';

/** What a complainant fills in: the staff intake fields, less channel, date received, team. */
function ownApplication(overrides: Record<string, unknown> = {}) {
  const { channel: _c, receivedOn: _r, ...fields } = validApplication();
  return { ...fields, declaration: true, ...overrides };
}

describe('self-service application by the complainant', () => {
  let reference: string;

  it('is accepted, received today through the API, and goes into the intake team’s queue', async () => {
    const res = await api('POST', SELF, { as: APPLICANT, body: ownApplication() });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      reference: expect.stringMatching(/^CR-\d{4}-\d{6}$/),
      receivedOn: daysAgo(0),
      status: 'RECEIVED',
      acknowledgedOn: null,
      forwardedToIopcOn: null,
      decidedOn: null,
      outcome: null,
    });
    reference = res.body.reference;
    const [row] = await query(
      'complaint_reviews',
      `SELECT id, channel::text AS channel, team, created_by, submitted_by, time_limit_status
         FROM review_application WHERE reference = $1`,
      [reference],
    );
    expect(row).toMatchObject({
      channel: 'API',
      team: 'opcc-reviews-east',
      created_by: APPLICANT,
      submitted_by: APPLICANT,
      time_limit_status: 'IN_TIME',
    });
    // The same intake as staff-recorded applications: the acknowledgement clock starts.
    await waitFor(
      'the acknowledgement clock',
      () => query('complaint_reviews', `SELECT status FROM review_clock WHERE application_id = $1`, [row.id]),
      (rows) => rows.length === 1,
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    // Unassigned, open, in the intake team: a reviewer of that team has it in the unassigned queue.
    const staffView = await api('GET', `${BASE}/applications/${row.id}`, {
      as: 'reviewer.amara',
      headers: { 'x-access-reason': 'e2e: self-service intake' },
    });
    expect(staffView.status).toBe(200);
    expect(staffView.body).toMatchObject({ status: 'RECEIVED', assignedTo: null, team: 'opcc-reviews-east' });
  });

  it('shows the applicant their own applications only, with the acknowledgement once sent', async () => {
    const [row] = await query('complaint_reviews', `SELECT id FROM review_application WHERE reference = $1`, [
      reference,
    ]);
    const ack = await waitFor(
      'the acknowledgement',
      () => api('POST', `${BASE}/applications/${row.id}/acknowledgement`, { as: 'reviewer.amara' }),
      (r) => r.status === 202,
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(ack.status).toBe(202);
    const mine = await waitFor(
      'the acknowledgement to show',
      () => api('GET', SELF, { as: APPLICANT }),
      (r) => r.body.find((a: any) => a.reference === reference)?.acknowledgedOn,
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(mine.status).toBe(200);
    expect(mine.body.find((a: any) => a.reference === reference)).toMatchObject({
      status: 'RECEIVED',
      acknowledgedOn: daysAgo(0),
    });
    // Only what this applicant submitted: never staff-recorded cases, never other people's.
    const [{ own }] = await query(
      'complaint_reviews',
      `SELECT count(*)::int AS own FROM review_application WHERE submitted_by = $1`,
      [APPLICANT],
    );
    expect(mine.body).toHaveLength(Math.min(own, 100));
    expect(Object.keys(mine.body[0]).sort()).toEqual(
      [
        'acknowledgedOn',
        'decidedOn',
        'forwardedToIopcOn',
        'outcome',
        'receivedOn',
        'reference',
        'status',
      ].sort(),
    );
  });

  it('records a representative with the authority they act under', async () => {
    const res = await api('POST', SELF, {
      as: APPLICANT,
      body: ownApplication({
        representative: {
          fullName: 'Marguerite Oyelaran',
          email: 'm.oyelaran@example.org',
          contactPreference: 'EMAIL',
          authority: 'WRITTEN_CONSENT',
          authorityNote: 'Signed consent form attached',
        },
      }),
    });
    expect(res.status).toBe(201);
    const [row] = await query(
      'complaint_reviews',
      `SELECT representative_authority::text AS authority FROM review_application WHERE reference = $1`,
      [res.body.reference],
    );
    expect(row.authority).toBe('WRITTEN_CONSENT');
  });
});

describe('self-service withdrawal', () => {
  it('lets the applicant withdraw their own application, with a reason, and nobody else’s', async () => {
    const mine = await api('POST', SELF, { as: APPLICANT, body: ownApplication() });
    expect(mine.status).toBe(201);
    const empty = await api('POST', `${SELF}/${mine.body.reference}/withdrawal`, {
      as: APPLICANT,
      body: { reason: '' },
    });
    expect(empty.status).toBe(400);
    const res = await api('POST', `${SELF}/${mine.body.reference}/withdrawal`, {
      as: APPLICANT,
      body: { reason: 'The force has now apologised.' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ reference: mine.body.reference, status: 'WITHDRAWN' });
    const [row] = await query(
      'complaint_reviews',
      `SELECT d.actor, d.reason FROM decision_log_entry d JOIN review_application a ON a.id = d.application_id
        WHERE a.reference = $1 AND d.action = 'WITHDRAWN'`,
      [mine.body.reference],
    );
    expect(row).toEqual({ actor: APPLICANT, reason: 'The force has now apologised.' });
    // A staff-recorded application (not theirs) is "not found", as an unknown reference is.
    const staff = await api('POST', `${BASE}/applications`, {
      as: 'reviewer.amara',
      body: validApplication(),
    });
    const before = await rowCounts();
    for (const reference of [staff.body.reference, 'CR-2026-999999'])
      expect(
        (await api('POST', `${SELF}/${reference}/withdrawal`, { as: APPLICANT, body: { reason: 'x' } }))
          .status,
      ).toBe(404);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('self-service: what the applicant may not do', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['no declaration', { declaration: false }, 'declaration'],
    ['a staff-only field (team)', { team: 'opcc-reviews-west' }, 'team'],
    ['a staff-only field (restricted)', { restricted: true }, 'restricted'],
    ['choosing the date received', { receivedOn: daysAgo(30) }, 'receivedOn'],
    ['an impossible date', { outcomeInformationProvidedOn: '2026-02-30' }, 'outcomeInformationProvidedOn'],
    ['a future date', { complaintDate: '2099-01-01' }, 'complaintDate'],
    ['a malformed force reference', { forceComplaintReference: '<script>' }, 'forceComplaintReference'],
    ['empty grounds', { grounds: '' }, 'grounds'],
  ])('%s → 400 naming the field, nothing written', async (_name, overrides, field) => {
    const before = await rowCounts();
    const res = await api('POST', SELF, { as: APPLICANT, body: ownApplication(overrides) });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(field);
    expect(await rowCounts()).toEqual(before);
  });

  it('cannot reach the reviewers’ routes', async () => {
    const staffCase = await api('POST', `${BASE}/applications`, {
      as: 'reviewer.amara',
      body: validApplication(),
    });
    expect(staffCase.status).toBe(201);
    for (const [method, path] of [
      ['GET', `${BASE}/applications`],
      ['GET', `${BASE}/applications/${staffCase.body.id}`],
      ['POST', `${BASE}/applications`],
      ['GET', `${BASE}/reports/summary?from=2026-01-01&to=2026-03-31`],
    ] as const)
      expect(
        (await api(method, path, { as: APPLICANT, body: method === 'POST' ? validApplication() : undefined }))
          .status,
      ).toBe(403);
  });

  it('is closed to staff, who record applications through the intake route', async () => {
    expect((await api('POST', SELF, { as: 'reviewer.amara', body: ownApplication() })).status).toBe(403);
    expect((await api('GET', SELF, { as: 'reviewer.amara' })).status).toBe(403);
    expect((await api('GET', SELF, {})).status).toBe(401);
  });
});
