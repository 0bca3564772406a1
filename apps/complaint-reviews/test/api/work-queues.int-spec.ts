import { waitFor } from '@oversight/testing';
import { api, daysAgo, NO_IOPC_CRITERION, query, rowCounts, validApplication } from '../support';

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

/** A view returns one page of at most 200 rows, and has no paging. */
const PAGE = 200;

interface QueueRow {
  id: string;
  reference: string;
  team: string;
  receivedOn: string;
  assignedTo: string | null;
  nextDeadline: string | null;
}

/**
 * The order of every queue as one comparable string: nearest deadline first (none last), then the
 * received date, then the reference (dates are fixed-width; the database collates bytewise, as JS does).
 */
const sortKey = (r: Pick<QueueRow, 'nextDeadline' | 'receivedOn' | 'reference'>) =>
  `${r.nextDeadline ?? '9999-12-31'}|${r.receivedOn}|${r.reference}`;

/** Where one of this test's own cases belongs in a queue, from what is stored about it. */
async function storedSortKey(id: string): Promise<string> {
  const [row] = await query(
    'complaint_reviews',
    `SELECT a.reference, to_char(a.received_on, 'YYYY-MM-DD') AS "receivedOn",
            (SELECT to_char(min(c.due_on), 'YYYY-MM-DD') FROM review_clock c
              WHERE c.application_id = a.id AND c.status IN ('RUNNING', 'BREACHED')
                AND NOT (c.kind = 'COMPLETION' AND EXISTS (SELECT 1 FROM clock_stop s
                  WHERE s.application_id = a.id AND s.to_date IS NULL))) AS "nextDeadline"
       FROM review_application a WHERE a.id = $1`,
    [id],
  );
  return sortKey(row);
}

/** A view's first page, checked to be in queue order whatever else the shared database holds. */
const queue = async (view: string, as = 'reviewer.amara'): Promise<QueueRow[]> => {
  const res = await api('GET', `${BASE}/applications?view=${view}&limit=${PAGE}`, { as });
  expect(res.status).toBe(200);
  const rows = res.body as QueueRow[];
  expect(rows.length).toBeLessThanOrEqual(PAGE);
  const keys = rows.map(sortKey);
  expect(keys).toEqual([...keys].sort());
  return rows;
};

/**
 * The shared database may hold thousands of open reviews (after `npm run bench`, or other tests), so a
 * case of this test can rightly fall beyond the first page. It counts as listed when it is on the page,
 * or when the page is full and every row on it comes before the case in queue order; a case missing
 * from a page that has room for it, or that should sort onto the page, fails.
 */
async function expectListed(rows: QueueRow[], id: string): Promise<void> {
  if (rows.some((r) => r.id === id)) return;
  const own = await storedSortKey(id);
  expect({ id, missingFromPageOf: rows.length }).toEqual({ id, missingFromPageOf: PAGE });
  expect({ id, lastOnPage: sortKey(rows[rows.length - 1]) < own }).toEqual({ id, lastOnPage: true });
}

/**
 * Not listed. The absence is observable only where the case would sort within the page (or the page has
 * room), which is why the tests check it on a case received earlier than the crowd of the same days; a
 * case that would sort beyond a full page cannot be seen either way through a 200-row view.
 */
function expectNotListed(rows: QueueRow[], id: string): void {
  expect(rows.map((r) => r.id)).not.toContain(id);
}

/** Position on the page; beyond it (Infinity) only when expectListed has shown it belongs there. */
async function position(rows: QueueRow[], id: string): Promise<number> {
  await expectListed(rows, id);
  const i = rows.findIndex((r) => r.id === id);
  return i >= 0 ? i : Infinity;
}

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
    const [o, n] = [await position(rows, older), await position(rows, newer)];
    // Received earlier, so due earlier: older first. When both fall beyond a full page of earlier
    // cases their order is not observable through the API, but their stored deadlines still decide it.
    if (o < Infinity) expect(o).toBeLessThan(n);
    expect((await storedSortKey(older)) < (await storedSortKey(newer))).toBe(true);
    expect(rows.every((r) => r.assignedTo === null)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('Delphine');
  });

  it('puts an application awaiting an extension decision on hold', async () => {
    const rows = await queue('on-hold');
    await expectListed(rows, late);
    // In time and complete: never on hold (older sorts before the other cases of its days).
    expectNotListed(rows, older);
    expectNotListed(rows, newer);
  });

  it('puts a review whose completion clock is stopped on hold (awaiting the complainant)', async () => {
    const held = await create({ receivedOn: daysAgo(2) });
    const routed = await api('POST', `${BASE}/applications/${held}/review-body-assessment`, {
      as: 'reviewer.amara',
      body: NO_IOPC_CRITERION,
    });
    expect(routed.status).toBe(201);
    const stop = await waitFor(
      'the completion clock to start and stop',
      () =>
        api('POST', `${BASE}/applications/${held}/clock-stop`, {
          as: 'reviewer.amara',
          body: { reason: 'AWAITING_COMPLAINANT', note: 'Asked for the letter they mention' },
        }),
      (r) => r.status === 201,
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(stop.status).toBe(201);
    await expectListed(await queue('on-hold'), held);
  });

  it('lets a reviewer claim an unassigned review, which then shows in "mine"', async () => {
    const res = await api('POST', `${BASE}/applications/${older}/assignment`, {
      as: 'reviewer.amara',
      body: {},
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ assignedTo: 'reviewer.amara', changed: true });
    const mine = await queue('mine');
    await expectListed(mine, older);
    expect(mine.every((r) => r.assignedTo === 'reviewer.amara')).toBe(true);
    const unassigned = await queue('unassigned');
    expectNotListed(unassigned, older);
    expect(unassigned.every((r) => r.assignedTo === null)).toBe(true);
    const team = await queue('team');
    await expectListed(team, older);
    expect(team.every((r) => r.team === 'opcc-reviews-east')).toBe(true);
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
