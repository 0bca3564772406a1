import { waitFor } from '@oversight/testing';
import { api, query, rowCounts, validApplication } from '../support';

/**
 * Missing validity items (domain.md 1.2.6 [U], 1.5.4): a request for information by letter with its
 * own clock, the answer re-assessed, or a recorded decision to proceed without it. Never a rejection.
 */
const BASE = '/api/complaint-reviews';

async function incomplete(): Promise<string> {
  const res = await api('POST', `${BASE}/applications`, {
    as: 'reviewer.amara',
    body: validApplication({ complaintDate: undefined }),
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

const caseOf = async (id: string) =>
  (
    await api('GET', `${BASE}/applications/${id}`, {
      as: 'reviewer.amara',
      headers: { 'x-access-reason': 'e2e: validity checks' },
    })
  ).body;

describe('missing validity items', () => {
  it('requests the information by letter, runs its clock, and re-assesses when it arrives', async () => {
    const id = await incomplete();
    expect((await caseOf(id)).assessment.validity.missing).toEqual([
      'COMPLAINT_DATE',
      'APPROPRIATE_AUTHORITY',
    ]);
    const res = await api('POST', `${BASE}/applications/${id}/information-request`, { as: 'reviewer.amara' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      items: ['COMPLAINT_DATE', 'APPROPRIATE_AUTHORITY'],
      respondBy: expect.any(String),
    });
    expect(
      (await api('POST', `${BASE}/applications/${id}/information-request`, { as: 'reviewer.amara' })).status,
    ).toBe(409);
    const clock = await waitFor(
      'the information-request clock',
      async () =>
        (
          await query(
            'complaint_reviews',
            `SELECT status, to_char(due_on, 'YYYY-MM-DD') AS due FROM review_clock WHERE application_id = $1 AND kind = 'INFORMATION_REQUEST'`,
            [id],
          )
        )[0],
      (row) => row !== undefined,
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(clock).toEqual({ status: 'RUNNING', due: res.body.respondBy });
    await waitFor(
      'the information-request letter to be sent',
      async () =>
        (
          await query(
            'complaint_reviews',
            `SELECT status FROM letter WHERE application_id = $1 AND template_key = 'complaint-review.information-request'`,
            [id],
          )
        )[0],
      (row) => row?.status === 'SENT',
      { timeoutMs: 30_000, intervalMs: 250 },
    );

    const received = await api('POST', `${BASE}/applications/${id}/information-received`, {
      as: 'reviewer.amara',
      body: { complaintDate: '2026-06-01', appropriateAuthority: 'Chief Constable of Kent Police' },
    });
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({ missing: [], eligibility: 'REVIEW' });
    const c = await caseOf(id);
    expect(c.assessment.eligibility.route).toBe('REVIEW');
    expect(c.complaintDate).toBe('2026-06-01');
    await waitFor(
      'the information clock to be met',
      async () =>
        (
          await query(
            'complaint_reviews',
            `SELECT status FROM review_clock WHERE application_id = $1 AND kind = 'INFORMATION_REQUEST'`,
            [id],
          )
        )[0],
      (row) => row?.status === 'MET',
    );
  });

  it('lets the reviewer proceed despite missing items with a recorded reason', async () => {
    const id = await incomplete();
    const before = await rowCounts();
    const blank = await api('POST', `${BASE}/applications/${id}/proceed-despite-missing-items`, {
      as: 'reviewer.amara',
      body: { reason: '' },
    });
    expect(blank.status).toBe(400);
    expect(blank.body.fields.map((f: any) => f.field)).toContain('reason');
    expect(await rowCounts()).toEqual(before);
    const res = await api('POST', `${BASE}/applications/${id}/proceed-despite-missing-items`, {
      as: 'reviewer.amara',
      body: { reason: 'The PSD file gives the complaint date and the authority.' },
    });
    expect(res.status).toBe(201);
    expect(res.body.waived).toEqual(['COMPLAINT_DATE', 'APPROPRIATE_AUTHORITY']);
    const c = await caseOf(id);
    expect(c.assessment.validity.proceedDespiteMissingReason).toBe(
      'The PSD file gives the complaint date and the authority.',
    );
    expect(c.decisionLog.at(-1)).toMatchObject({
      action: 'PROCEEDING_DESPITE_MISSING_ITEMS',
      actor: 'reviewer.amara',
    });
  });
});
