import { waitFor } from '@oversight/testing';
import { api, daysAgo, query, rowCounts, validApplication } from '../support';

/** Work queues, claiming and assigning, and the manager's workload view, on the real stack. */
const BASE = '/api/complaint-reviews';

async function create(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await api('POST', `${BASE}/applications`, {
    as: 'reviewer.amara',
    body: validApplication({ appropriateAuthority: 'Chief Constable of Kent Police', ...overrides }),
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

const queue = async (view: string, as = 'reviewer.amara') => {
  const res = await api('GET', `${BASE}/applications?view=${view}&limit=200`, { as });
  expect(res.status).toBe(200);
  return res.body as any[];
};

describe('work queues and assignment', () => {
  let older: string;
  let newer: string;
  let late: string;

  beforeAll(async () => {
    // Received earlier → acknowledgement due earlier → nearer the top.
    newer = await create({ receivedOn: daysAgo(1) });
    older = await create({ receivedOn: daysAgo(3), outcomeInformationProvidedOn: daysAgo(12) });
    late = await create({ outcomeInformationProvidedOn: daysAgo(45), complaintDate: daysAgo(120) });
    await waitFor(
      'the acknowledgement clocks',
      () =>
        query('complaint_reviews', `SELECT 1 FROM review_clock WHERE application_id = ANY($1::uuid[])`, [
          [older, newer, late],
        ]),
      (rows) => rows.length === 3,
    );
  });

  it('lists unassigned reviews by nearest deadline', async () => {
    const rows = await queue('unassigned');
    const ids = rows.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([older, newer]));
    expect(ids.indexOf(older)).toBeLessThan(ids.indexOf(newer));
    const deadlines = rows.map((r) => r.nextDeadline).filter(Boolean);
    expect([...deadlines].sort()).toEqual(deadlines);
    expect(rows.every((r) => r.assignedTo === null)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('Delphine');
  });

  it('puts an application awaiting an extension decision on hold', async () => {
    expect((await queue('on-hold')).map((r) => r.id)).toContain(late);
    expect((await queue('on-hold')).map((r) => r.id)).not.toContain(newer);
  });

  it('lets a reviewer claim an unassigned review, which then shows in "mine"', async () => {
    const res = await api('POST', `${BASE}/applications/${older}/assignment`, {
      as: 'reviewer.amara',
      body: {},
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ assignedTo: 'reviewer.amara', changed: true });
    expect((await queue('mine')).map((r) => r.id)).toContain(older);
    expect((await queue('unassigned')).map((r) => r.id)).not.toContain(older);
    expect((await queue('team')).map((r) => r.id)).toContain(older);
  });

  it('does not let another reviewer take it, and writes nothing', async () => {
    const before = await rowCounts();
    const res = await api('POST', `${BASE}/applications/${older}/assignment`, {
      as: 'reviewer.tom',
      body: {},
    });
    expect(res.status).toBe(403);
    const other = await api('POST', `${BASE}/applications/${newer}/assignment`, {
      as: 'reviewer.tom',
      body: { assignee: 'reviewer.amara' },
    });
    expect(other.status).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });

  it('lets a manager reassign with a reason (and refuses without one, naming the field)', async () => {
    const missing = await api('POST', `${BASE}/applications/${older}/assignment`, {
      as: 'manager.priya',
      body: { assignee: 'reviewer.tom' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.violations[0]).toMatchObject({ field: 'reason' });
    const res = await api('POST', `${BASE}/applications/${older}/assignment`, {
      as: 'manager.priya',
      body: { assignee: 'reviewer.tom', reason: 'Balancing workload' },
    });
    expect(res.status).toBe(200);
    const c = await api('GET', `${BASE}/applications/${older}`, {
      as: 'manager.priya',
      headers: { 'x-access-reason': 'e2e: checking the assignment log' },
    });
    expect(c.body.decisionLog.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['CLAIMED', 'REASSIGNED']),
    );
  });

  it('bulk-assigns all or nothing (managers only)', async () => {
    const byReviewer = await api('POST', `${BASE}/applications/assignments`, {
      as: 'reviewer.amara',
      body: { applicationIds: [newer], assignee: 'reviewer.amara' },
    });
    expect(byReviewer.status).toBe(403);
    const before = await rowCounts();
    const withUnknown = await api('POST', `${BASE}/applications/assignments`, {
      as: 'manager.priya',
      body: { applicationIds: [newer, '00000000-0000-4000-8000-000000000000'], assignee: 'reviewer.amara' },
    });
    expect(withUnknown.status).toBe(404);
    expect(await rowCounts()).toEqual(before);
    const bad = await api('POST', `${BASE}/applications/assignments`, {
      as: 'manager.priya',
      body: { applicationIds: ['x'], assignee: 'reviewer.amara' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: any) => f.field)).toContain('applicationIds');
    const ok = await api('POST', `${BASE}/applications/assignments`, {
      as: 'manager.priya',
      body: { applicationIds: [newer, late], assignee: 'reviewer.amara' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.assigned).toBe(2);
  });

  it('shows the manager the workload per reviewer', async () => {
    const res = await api('GET', `${BASE}/workload`, { as: 'manager.priya' });
    expect(res.status).toBe(200);
    const amara = (res.body as any[]).find((r) => r.assignee === 'reviewer.amara');
    const tom = (res.body as any[]).find((r) => r.assignee === 'reviewer.tom');
    expect(amara.open).toBeGreaterThanOrEqual(2);
    expect(amara.onHold).toBeGreaterThanOrEqual(1);
    expect(tom.open).toBeGreaterThanOrEqual(1);
    expect((await api('GET', `${BASE}/workload`, { as: 'reviewer.amara' })).status).toBe(403);
  });

  it('refuses an unknown view, naming the field', async () => {
    const res = await api('GET', `${BASE}/applications?view=everything`, { as: 'reviewer.amara' });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: any) => f.field)).toContain('view');
  });
});
