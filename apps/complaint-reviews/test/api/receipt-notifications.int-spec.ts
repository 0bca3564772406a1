import { waitFor } from '@oversight/testing';
import { api, daysAgo, query, rowCounts, validApplication, NO_IOPC_CRITERION } from '../support';

/**
 * Notifications on receipt (domain.md 1.4.1 [P], 1.5.7) and the clock on the force's response to
 * recommendations (1.4.5 [U], 1.5.9), on the real stack: gateway → complaint-reviews → Kafka →
 * notifications (local sink) → back, and the audit trail.
 */
const BASE = '/api/complaint-reviews';
const REASON = { 'x-access-reason': 'e2e: receipt notifications' };

async function createApplication(overrides: Record<string, unknown> = {}, as = 'reviewer.amara') {
  const res = await api('POST', `${BASE}/applications`, {
    as,
    body: validApplication({ appropriateAuthority: 'Chief Constable of Kent Police', ...overrides }),
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; reference: string };
}

const getCase = async (id: string, as = 'reviewer.amara') => {
  const res = await api('GET', `${BASE}/applications/${id}`, { as, headers: REASON });
  expect(res.status).toBe(200);
  return res.body;
};

const notify = (id: string, body: unknown, as = 'reviewer.amara') =>
  api('POST', `${BASE}/applications/${id}/receipt-notifications`, { as, body });

const officer = {
  kind: 'PERSON_COMPLAINED_AGAINST',
  name: 'PC Rowan Ellesmere',
  role: 'PC 4471, Maidstone',
  email: 'r.ellesmere@kent-police.example.gov.uk',
};
const mother = {
  kind: 'INTERESTED_PERSON',
  name: 'Bronwen Arkwright',
  role: "the complainant's mother",
  postalAddress: '12 Heol y Castell\nAberteifi\nSA43 1AA',
  language: 'WELSH',
};
const untraced = {
  kind: 'INTERESTED_PERSON',
  name: 'A witness named in the complaint',
  withheld: {
    ground: 'CANNOT_BE_TRACED',
    reason: 'No address was recorded by the force and none could be found.',
  },
};

async function lettersOf(id: string, count: number) {
  return waitFor(
    `${count} letters sent`,
    () =>
      query(
        'complaint_reviews',
        `SELECT id, template_key, recipient_kind, language::text AS language, status::text AS status
           FROM letter WHERE application_id = $1 ORDER BY requested_at, recipient_kind`,
        [id],
      ),
    (rows) => rows.length === count && rows.every((r: any) => r.status === 'SENT'),
    { timeoutMs: 30_000, intervalMs: 250 },
  );
}

describe('notifying the force, interested persons and the person complained against on receipt', () => {
  let id: string;
  beforeAll(async () => {
    ({ id } = await createApplication());
  });

  it('sends each notification as a letter and records the one withheld with its ground and reasons', async () => {
    const res = await notify(id, { parties: [{ kind: 'APPROPRIATE_AUTHORITY' }, officer, mother, untraced] });
    expect(res.status).toBe(201);
    expect(res.body.parties.map((p: any) => [p.kind, p.decision, !!p.letterId])).toEqual([
      ['APPROPRIATE_AUTHORITY', 'NOTIFIED', true],
      ['PERSON_COMPLAINED_AGAINST', 'NOTIFIED', true],
      ['INTERESTED_PERSON', 'NOTIFIED', true],
      ['INTERESTED_PERSON', 'WITHHELD', false],
    ]);

    const letters = await lettersOf(id, 3);
    expect(letters.map((l: any) => [l.template_key, l.recipient_kind, l.language]).sort()).toEqual([
      ['complaint-review.receipt-force', 'FORCE', 'ENGLISH'],
      ['complaint-review.receipt-notice', 'INTERESTED_PERSON', 'WELSH'],
      ['complaint-review.receipt-notice', 'PERSON_COMPLAINED_AGAINST', 'ENGLISH'],
    ]);

    const c = await getCase(id);
    expect(c.notifiedParties).toEqual([
      expect.objectContaining({
        kind: 'APPROPRIATE_AUTHORITY',
        decision: 'NOTIFIED',
        email: 'psd@kent-police.example.gov.uk',
      }),
      expect.objectContaining({
        kind: 'PERSON_COMPLAINED_AGAINST',
        name: 'PC Rowan Ellesmere',
        decision: 'NOTIFIED',
      }),
      expect.objectContaining({ kind: 'INTERESTED_PERSON', name: 'Bronwen Arkwright', decision: 'NOTIFIED' }),
      expect.objectContaining({
        kind: 'INTERESTED_PERSON',
        decision: 'WITHHELD',
        withheldGround: 'CANNOT_BE_TRACED',
        withheldReason: expect.stringContaining('No address'),
        letterId: null,
        recordedBy: 'reviewer.amara',
      }),
    ]);
    const actions = c.decisionLog.map((e: any) => e.action);
    expect(actions.filter((a: string) => a === 'NOTIFIED_OF_APPLICATION')).toHaveLength(3);
    expect(c.decisionLog.find((e: any) => e.action === 'NOTIFICATION_WITHHELD')).toMatchObject({
      actor: 'reviewer.amara',
      reason: expect.stringContaining('CANNOT_BE_TRACED'),
    });
  });

  it('writes to each person in their language, naming why they are told', async () => {
    const letters = await lettersOf(id, 3);
    const welsh = letters.find((l: any) => l.recipient_kind === 'INTERESTED_PERSON');
    const officerLetter = letters.find((l: any) => l.recipient_kind === 'PERSON_COMPLAINED_AGAINST');
    const read = async (letterId: string) => {
      const r = await api('GET', `/api/notifications/notifications/${letterId}`, {
        as: 'reviewer.amara',
        headers: REASON,
      });
      expect(r.status).toBe(200);
      return r.body;
    };
    const cy = await read(welsh.id);
    expect(JSON.stringify(cy)).toContain('Annwyl Bronwen Arkwright');
    expect(JSON.stringify(cy)).toContain('Mae gennych hawl i gael gwybod');
    const en = await read(officerLetter.id);
    expect(JSON.stringify(en)).toContain('You are the person the complaint was made about.');
    expect(JSON.stringify(en)).toContain('PSD/2026/04417');
  });

  it('records each notification sent as a disclosure in the audit trail', async () => {
    const [letter] = await query(
      'complaint_reviews',
      `SELECT id FROM letter WHERE application_id = $1 AND recipient_kind = 'PERSON_COMPLAINED_AGAINST'`,
      [id],
    );
    const entry: any = await waitFor(
      'the disclosure entry of the notification to the officer',
      async () => {
        const r = await api('GET', `/api/audit/entries?recordId=${letter.id}`, {
          as: 'auditor.ruth',
          headers: { 'x-access-reason': 'e2e: receipt notifications are logged' },
        });
        return (r.body as any[]).find((e) => e.eventType === 'platform.notification-requested');
      },
      Boolean,
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(entry).toMatchObject({ actorSubject: 'reviewer.amara', processing: 'DISCLOSURE' });
  });

  it('refuses to notify the force twice, and writes nothing', async () => {
    const before = await rowCounts();
    const res = await notify(id, { parties: [{ kind: 'APPROPRIATE_AUTHORITY' }] });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('ONE_APPROPRIATE_AUTHORITY');
    expect(await rowCounts()).toEqual(before);
  });

  it('adds a person found later', async () => {
    const res = await notify(id, {
      parties: [{ kind: 'INTERESTED_PERSON', name: 'Idris Arkwright', email: 'idris@example.org' }],
    });
    expect(res.status).toBe(201);
    expect((await getCase(id)).notifiedParties).toHaveLength(5);
  });
});

describe('receipt notifications: bad input and wrong callers change nothing', () => {
  let id: string;
  beforeAll(async () => {
    ({ id } = await createApplication());
  });

  it.each<[string, unknown, string]>([
    [
      'an unknown field',
      { parties: [{ kind: 'APPROPRIATE_AUTHORITY', favouriteColour: 'blue' }] },
      'favouriteColour',
    ],
    [
      'an unknown party kind',
      { parties: [{ kind: 'NEIGHBOUR', name: 'x', email: 'x@example.org' }] },
      'kind',
    ],
    [
      'a malformed email',
      { parties: [{ kind: 'APPROPRIATE_AUTHORITY' }, { ...officer, email: 'not-an-email' }] },
      'email',
    ],
    [
      'a person without a name',
      { parties: [{ kind: 'APPROPRIATE_AUTHORITY' }, { ...officer, name: '' }] },
      'name',
    ],
    [
      'withheld without reasons',
      {
        parties: [
          { kind: 'APPROPRIATE_AUTHORITY' },
          { ...officer, withheld: { ground: 'SAFETY_OF_A_PERSON', reason: '' } },
        ],
      },
      'reason',
    ],
    [
      'withheld on a ground not configured',
      {
        parties: [
          { kind: 'APPROPRIATE_AUTHORITY' },
          { ...officer, withheld: { ground: 'INCONVENIENT', reason: 'x' } },
        ],
      },
      'UNKNOWN_WITHHOLDING_GROUND',
    ],
    ['the force left out', { parties: [officer] }, 'APPROPRIATE_AUTHORITY_REQUIRED'],
    [
      'silent on the person complained against',
      { parties: [{ kind: 'APPROPRIATE_AUTHORITY' }] },
      'PERSON_COMPLAINED_AGAINST_UNSETTLED',
    ],
    [
      'a person to notify with no address',
      {
        parties: [
          { kind: 'APPROPRIATE_AUTHORITY' },
          { kind: 'PERSON_COMPLAINED_AGAINST', name: 'PC Unknown' },
        ],
      },
      'parties.1.email',
    ],
    [
      'the force withheld',
      {
        parties: [
          { kind: 'APPROPRIATE_AUTHORITY', withheld: { ground: 'SAFETY_OF_A_PERSON', reason: 'x' } },
          officer,
        ],
      },
      'APPROPRIATE_AUTHORITY_NOT_WITHHELD',
    ],
  ])('%s → 400 naming it', async (_name, body, named) => {
    const before = await rowCounts();
    const res = await notify(id, body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(named);
    expect(await rowCounts()).toEqual(before);
  });

  it('is refused to roles outside the OPCC and to another team on a restricted case', async () => {
    const restricted = await createApplication({ restricted: true });
    const before = await rowCounts();
    const body = { parties: [{ kind: 'APPROPRIATE_AUTHORITY' }, officer] };
    expect((await notify(id, body, 'cjops.dan')).status).toBe(403);
    expect((await notify(restricted.id, body, 'reviewer.tom')).status).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });

  it('accepts "no individual complained against" with its reason', async () => {
    const res = await notify(id, {
      parties: [{ kind: 'APPROPRIATE_AUTHORITY' }],
      noPersonComplainedAgainst: { reason: 'The complaint is about the force policy on vehicle recovery.' },
    });
    expect(res.status).toBe(201);
    const c = await getCase(id);
    expect(c.decisionLog.find((e: any) => e.action === 'NO_PERSON_COMPLAINED_AGAINST')).toMatchObject({
      reason: expect.stringContaining('vehicle recovery'),
    });
    const again = await notify(id, { parties: [officer] });
    expect(again.status).toBe(201); // an officer identified later is still told
  });
});

describe("the clock on the force's response to recommendations", () => {
  let id: string;
  let decidedOn: string;
  beforeAll(async () => {
    ({ id } = await createApplication());
    const lpb = await api('POST', `${BASE}/applications/${id}/review-body-assessment`, {
      as: 'reviewer.amara',
      body: NO_IOPC_CRITERION,
    });
    expect(lpb.status).toBe(201);
    expect(lpb.body.status).toBe('UNDER_REVIEW');
    decidedOn = daysAgo(0);
    const decided = await api('POST', `${BASE}/applications/${id}/decision`, {
      as: 'reviewer.amara',
      body: {
        outcome: 'UPHELD',
        rationale: 'The force did not explain why the search was necessary.',
        recommendations: [
          { kind: 'APOLOGY', text: 'Apologise for the search.' },
          { kind: 'LEARNING', text: 'Brief the team on recording grounds for a search.' },
        ],
      },
    });
    expect(decided.status).toBe(201);
  });

  const responseClock = (): Promise<{ status: string; due_on: string }> =>
    waitFor(
      'the recommendation-response clock',
      async () =>
        (
          await query<{ status: string; due_on: string }>(
            'complaint_reviews',
            `SELECT status::text AS status, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM review_clock
              WHERE application_id = $1 AND kind = 'RECOMMENDATION_RESPONSE'`,
            [id],
          )
        )[0],
      Boolean,
      { timeoutMs: 30_000, intervalMs: 250 },
    );

  it('starts when the review is decided, due after the configured period (default 56 days)', async () => {
    const clock = await responseClock();
    const due = new Date(Date.parse(`${decidedOn}T00:00:00Z`) + 56 * 86_400_000).toISOString().slice(0, 10);
    expect(clock).toEqual({ status: 'RUNNING', due_on: due });
    const c = await getCase(id);
    expect(c.clocks).toEqual(
      expect.arrayContaining([{ kind: 'RECOMMENDATION_RESPONSE', status: 'RUNNING', dueOn: due }]),
    );
  });

  it('keeps running until the last recommendation has its response, then is met', async () => {
    const c = await getCase(id);
    const [first, second] = c.recommendations;
    const r1 = await api('POST', `${BASE}/recommendations/${first.id}/force-response`, {
      as: 'reviewer.amara',
      body: { response: 'ACCEPTED', steps: 'Apology sent.' },
    });
    expect(r1.body).toMatchObject({ status: 'RESPONDED', awaitingResponses: 1 });
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await responseClock()).status).toBe('RUNNING');
    const r2 = await api('POST', `${BASE}/recommendations/${second.id}/force-response`, {
      as: 'reviewer.amara',
      body: { response: 'PARTLY_ACCEPTED', steps: 'Briefing planned for the next training day.' },
    });
    expect(r2.body).toMatchObject({ status: 'RESPONDED', awaitingResponses: 0 });
    await waitFor('the clock to be met', responseClock, (clock: any) => clock.status === 'MET', {
      timeoutMs: 30_000,
      intervalMs: 250,
    });
  });
});
