import { waitFor } from '@oversight/testing';
import { api, daysAgo, query, rowCounts, validApplication, NO_IOPC_CRITERION } from '../support';

/**
 * Reviews from application to outcome on the real stack (gateway → complaint-reviews → Kafka →
 * notifications → back): intake assessment, extension, passing to the IOPC, withdrawal, decision with
 * recommendations and the force's response; letters requested and recorded as sent; nothing written
 * when a request is refused.
 */
const BASE = '/api/complaint-reviews';

const REASON = { 'x-access-reason': 'e2e: review lifecycle' };

async function createApplication(
  overrides: Record<string, unknown> = {},
  as = 'reviewer.amara',
): Promise<string> {
  const res = await api('POST', `${BASE}/applications`, {
    as,
    body: validApplication({ appropriateAuthority: 'Chief Constable of Kent Police', ...overrides }),
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function getCase(id: string, as = 'reviewer.amara') {
  const res = await api('GET', `${BASE}/applications/${id}`, { as, headers: REASON });
  expect(res.status).toBe(200);
  return res.body;
}

async function lettersSent(id: string, count: number) {
  return waitFor(
    `${count} letters sent`,
    async () =>
      query(
        'complaint_reviews',
        `SELECT template_key, status, to_char(sent_on, 'YYYY-MM-DD') AS sent_on FROM letter WHERE application_id = $1 ORDER BY requested_at`,
        [id],
      ),
    (rows) => rows.length === count && rows.every((r: any) => r.status === 'SENT'),
    { timeoutMs: 30_000, intervalMs: 250 },
  );
}

const outboxTopics = async (id: string) =>
  (
    await query('complaint_reviews', `SELECT topic FROM outbox_message WHERE message_key = $1 ORDER BY seq`, [
      id,
    ])
  ).map((r) => r.topic);

/**
 * Each named change of the case reached the audit trail: its review-status-changed event (found in the
 * outbox by its action) has an audit entry (by source event id) with the actor and the processing.
 */
async function expectAudited(id: string, actions: string[], actor = 'reviewer.amara') {
  const events = await query<{ id: string; payload: string }>(
    'complaint_reviews',
    `SELECT id, payload FROM outbox_message WHERE message_key = $1 AND topic = 'complaints.review-status-changed.v1'`,
    [id],
  );
  const byAction = new Map(events.map((e) => [JSON.parse(e.payload).action as string, e.id]));
  for (const action of actions) {
    const eventId = byAction.get(action);
    expect({ action, event: !!eventId }).toEqual({ action, event: true });
    const entry: any = await waitFor(
      `the audit entry of ${action}`,
      async () => {
        const r = await api('GET', `/api/audit/entries?recordId=${id}`, {
          as: 'auditor.ruth',
          headers: { 'x-access-reason': 'e2e: review changes are audited' },
        });
        return (r.body as any[]).find((e) => e.sourceEventId === eventId);
      },
      Boolean,
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(entry).toMatchObject({
      eventType: 'complaints.review-status-changed',
      processing: 'ALTERATION',
      actorSubject: actor,
      recordType: 'complaint-review',
    });
  }
}

describe('a valid review, upheld with recommendations, and the force responds', () => {
  let id: string;
  beforeAll(async () => {
    id = await createApplication({
      representative: {
        fullName: 'Marguerite Oyelaran',
        email: 'm.oyelaran@example.org',
        contactPreference: 'EMAIL',
        authority: 'WRITTEN_CONSENT',
        authorityNote: 'Signed consent dated the same day',
      },
      attachments: [{ fileName: 'outcome-letter.pdf', mediaType: 'application/pdf', sizeBytes: 120344 }],
    });
  });

  it('records the intake assessment with its reasons (eligible, in time, nothing missing)', async () => {
    const c = await getCase(id);
    expect(c.assessment.eligibility.route).toBe('REVIEW');
    expect(c.assessment.eligibility.gates).toHaveLength(3);
    expect(c.assessment.eligibility.gates.every((g: any) => g.passed && g.rule && g.message)).toBe(true);
    expect(c.assessment.timeLimit).toMatchObject({
      status: 'IN_TIME',
      deadline: expect.any(String),
      daysLate: 0,
    });
    expect(c.assessment.timeliness).toBe('IN_TIME');
    expect(c.assessment.validity.missing).toEqual([]);
    expect(c.representative).toMatchObject({ fullName: 'Marguerite Oyelaran', authority: 'WRITTEN_CONSENT' });
    expect(c.attachments).toEqual([
      expect.objectContaining({ fileName: 'outcome-letter.pdf', sizeBytes: 120344 }),
    ]);
    expect(c.decisionLog.map((e: any) => e.action)).toEqual(['INTAKE_ASSESSED']);
  });

  it('acknowledges at once (clock started or not): the letter is requested once, sent, and the clock met', async () => {
    // Straight after intake the acknowledgement clock may not have started yet: the answer is the same,
    // and the clock's starter meets it from the ACKNOWLEDGED entry.
    const first = await api('POST', `${BASE}/applications/${id}/acknowledgement`, { as: 'reviewer.amara' });
    expect(first.status).toBe(202);
    expect(first.body.letterRequested).toBe(true);
    const again = await api('POST', `${BASE}/applications/${id}/acknowledgement`, { as: 'reviewer.amara' });
    expect(again.status).toBe(202);
    expect(again.body.letterRequested).toBe(false);
    const [letter] = await lettersSent(id, 1);
    expect(letter).toMatchObject({ template_key: 'complaint-review.acknowledgement', status: 'SENT' });
    expect(letter.sent_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await waitFor(
      'the acknowledgement clock to be met',
      () =>
        query(
          'complaint_reviews',
          `SELECT status::text AS status FROM review_clock WHERE application_id = $1 AND kind = 'ACKNOWLEDGEMENT'`,
          [id],
        ),
      (rows) => rows[0]?.status === 'MET',
      { timeoutMs: 30_000, intervalMs: 250 },
    );
  });

  it('confirms the OPCC as the review body when every checklist answer is no', async () => {
    const res = await api('POST', `${BASE}/applications/${id}/review-body-assessment`, {
      as: 'reviewer.amara',
      body: NO_IOPC_CRITERION,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      reviewBody: 'LOCAL_POLICING_BODY',
      status: 'UNDER_REVIEW',
      reasons: [],
    });
  });

  it('refuses an upheld decision without a recommendation, naming the field, and writes nothing', async () => {
    const before = await rowCounts();
    const res = await api('POST', `${BASE}/applications/${id}/decision`, {
      as: 'reviewer.amara',
      body: { outcome: 'UPHELD', rationale: 'The search complaint was not addressed.' },
    });
    expect(res.status).toBe(400);
    expect(res.body.violations).toEqual([
      expect.objectContaining({ rule: 'UPHELD_WITHOUT_RECOMMENDATION', field: 'recommendations' }),
    ]);
    expect(await rowCounts()).toEqual(before);
  });

  it('records the decision, the recommendations and both outcome letters', async () => {
    const res = await api('POST', `${BASE}/applications/${id}/decision`, {
      as: 'reviewer.amara',
      body: {
        outcome: 'UPHELD',
        rationale: 'The outcome letter did not deal with the search of the car.',
        recommendations: [
          { kind: 'APOLOGY', text: 'Apologise for not addressing the search.' },
          { kind: 'FURTHER_STEPS_TO_RESOLVE', text: 'Answer the complaint about the search.' },
        ],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.recommendations).toHaveLength(2);
    const c = await getCase(id);
    expect(c).toMatchObject({
      status: 'DECIDED',
      decision: { outcome: 'UPHELD', decidedBy: 'reviewer.amara' },
    });
    expect(
      c.recommendations.every((r: any) => r.status === 'AWAITING_FORCE_RESPONSE' && r.responseDueOn),
    ).toBe(true);
    const letters = await lettersSent(id, 3);
    expect(letters.map((l: any) => l.template_key)).toEqual([
      'complaint-review.acknowledgement',
      'complaint-review.outcome-complainant',
      'complaint-review.outcome-force',
    ]);
    expect(await outboxTopics(id)).toEqual(
      expect.arrayContaining([
        'complaints.review-application-received.v1',
        'complaints.review-status-changed.v1',
        'complaints.review-decided.v1',
      ]),
    );
  });

  it('closes each recommendation when the force responds', async () => {
    const c = await getCase(id);
    const rec = c.recommendations[0];
    const res = await api('POST', `${BASE}/recommendations/${rec.id}/force-response`, {
      as: 'reviewer.amara',
      body: { response: 'ACCEPTED', steps: 'Apology letter sent to the complainant.' },
    });
    expect(res.status).toBe(201);
    const again = await api('POST', `${BASE}/recommendations/${rec.id}/force-response`, {
      as: 'reviewer.amara',
      body: { response: 'ACCEPTED' },
    });
    expect(again.status).toBe(409);
    const after = await getCase(id);
    expect(after.recommendations.find((r: any) => r.id === rec.id)).toMatchObject({
      status: 'RESPONDED',
      forceResponse: 'ACCEPTED',
    });
    expect(after.decisionLog.map((e: any) => e.action)).toEqual(
      expect.arrayContaining([
        'INTAKE_ASSESSED',
        'ACKNOWLEDGED',
        'REVIEW_BODY_CONFIRMED_LPB',
        'DECIDED_UPHELD',
        'RECOMMENDATION_RESPONSE_RECORDED',
      ]),
    );
    await expectAudited(id, [
      'REVIEW_BODY_CONFIRMED_LPB',
      'DECIDED_UPHELD',
      'RECOMMENDATION_RESPONSE_RECORDED',
    ]);
  });

  it('sends the letters to the representative and records each request in the audit trail', async () => {
    const letters = await query('complaint_reviews', `SELECT id FROM letter WHERE application_id = $1`, [id]);
    const entry: any = await waitFor(
      'the disclosure entry of the outcome letter',
      async () => {
        const r = await api('GET', `/api/audit/entries?recordId=${letters[1].id}`, {
          as: 'auditor.ruth',
          headers: { 'x-access-reason': 'e2e: letters are logged' },
        });
        return (r.body as any[]).find((e) => e.eventType === 'platform.notification-requested');
      },
      Boolean,
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(entry).toMatchObject({
      actorSubject: 'reviewer.amara',
      recordType: 'notification',
      processing: 'DISCLOSURE',
    });
  });
});

describe('an application out of time goes to an extension decision, never an automatic refusal', () => {
  let id: string;
  beforeAll(async () => {
    id = await createApplication({
      outcomeInformationProvidedOn: daysAgo(40),
      complaintDate: daysAgo(120),
      receivedOn: daysAgo(2),
    });
  });

  it('is recorded as out of time with the days late, awaiting a decision', async () => {
    const c = await getCase(id);
    expect(c.status).toBe('RECEIVED');
    expect(c.assessment.timeLimit).toMatchObject({ status: 'OUT_OF_TIME', daysLate: 10 });
    expect(c.assessment.timeliness).toBe('OUT_OF_TIME_AWAITING_EXTENSION_DECISION');
  });

  it('cannot be decided before the extension decision', async () => {
    const res = await api('POST', `${BASE}/applications/${id}/decision`, {
      as: 'reviewer.amara',
      body: { outcome: 'NOT_UPHELD', rationale: 'x' },
    });
    expect(res.status).toBe(400);
    // Late and not yet routed: both earlier steps are named (domain.md 1.2.5, 1.3.1).
    expect(res.body.violations.map((v: any) => v.rule)).toEqual([
      'AWAITING_EXTENSION_DECISION',
      'REVIEW_BODY_NOT_ASSESSED',
    ]);
    expect(res.body.violations[0].message).toContain('1.2.5');
  });

  it('refuses an extension decision without reasons, naming the field, and writes nothing', async () => {
    const before = await rowCounts();
    const res = await api('POST', `${BASE}/applications/${id}/extension-decision`, {
      as: 'reviewer.amara',
      body: { outcome: 'EXTENDED', reasons: ' ' },
    });
    expect(res.status).toBe(400);
    expect(res.body.violations).toEqual([
      expect.objectContaining({ rule: 'REASONS_REQUIRED', field: 'reasons' }),
    ]);
    expect(await rowCounts()).toEqual(before);
  });

  it('records the extension with its reasons and who decided, then the review goes on', async () => {
    const res = await api('POST', `${BASE}/applications/${id}/extension-decision`, {
      as: 'manager.priya',
      body: { outcome: 'EXTENDED', reasons: 'The complainant was in hospital for the whole period.' },
    });
    expect(res.status).toBe(201);
    const c = await getCase(id);
    expect(c.assessment.timeliness).toBe('OUT_OF_TIME_EXTENDED');
    expect(c.extensionDecision).toMatchObject({ outcome: 'EXTENDED', decidedBy: 'manager.priya' });
    const twice = await api('POST', `${BASE}/applications/${id}/extension-decision`, {
      as: 'manager.priya',
      body: { outcome: 'REFUSED', reasons: 'x' },
    });
    expect(twice.status).toBe(409);
    const routed = await api('POST', `${BASE}/applications/${id}/review-body-assessment`, {
      as: 'reviewer.amara',
      body: NO_IOPC_CRITERION,
    });
    expect(routed.status).toBe(201);
    const decided = await api('POST', `${BASE}/applications/${id}/decision`, {
      as: 'reviewer.amara',
      body: {
        outcome: 'NOT_UPHELD_WITH_FEEDBACK',
        rationale: 'Reasonable and proportionate.',
        feedbackToPsd: 'Explain search powers in letters.',
      },
    });
    expect(decided.status).toBe(201);
    await expectAudited(id, ['EXTENSION_GRANTED'], 'manager.priya'); // the manager decided the extension
    await expectAudited(id, ['REVIEW_BODY_CONFIRMED_LPB', 'DECIDED_NOT_UPHELD_WITH_FEEDBACK']);
    const topics = (
      await query('complaint_reviews', `SELECT DISTINCT topic FROM outbox_message WHERE message_key = $1`, [
        id,
      ])
    ).map((r) => r.topic);
    expect(topics).toEqual(
      expect.arrayContaining([
        'complaints.review-application-received.v1',
        'complaints.review-status-changed.v1',
        'complaints.review-decided.v1',
      ]),
    );
  });
});

describe('an application for the IOPC is passed to the IOPC and the applicant told', () => {
  it('forwards it, records the date and the reasons, and sends the passed-to-IOPC letter', async () => {
    const id = await createApplication();
    const forwardedOn = daysAgo(0);
    const res = await api('POST', `${BASE}/applications/${id}/review-body-assessment`, {
      as: 'reviewer.amara',
      body: {
        officerRanks: ['CONSTABLE', 'ASSISTANT_CHIEF_CONSTABLE'],
        couldNotRuleOutProceedingsOrArticle2Or3: false,
        referredOrMustBeReferredToIopc: false,
        treatedAsReferredByIopc: false,
        sameIncidentAsIopcComplaint: false,
        anyPartWithinIopcCriteria: false,
        appropriateAuthorityIsLocalPolicingBody: false,
        forwardedOn,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'PASSED_TO_IOPC',
      reviewBody: 'IOPC',
      reasons: [expect.objectContaining({ rule: '1.3.1(a) [P]' })],
    });
    const c = await getCase(id);
    expect(c).toMatchObject({ status: 'PASSED_TO_IOPC', forwardedToIopcOn: forwardedOn });
    const [letter] = await lettersSent(id, 1);
    expect(letter.template_key).toBe('complaint-review.passed-to-iopc');
    await expectAudited(id, ['PASSED_TO_IOPC']);
    const decided = await api('POST', `${BASE}/applications/${id}/decision`, {
      as: 'reviewer.amara',
      body: { outcome: 'NOT_UPHELD', rationale: 'x' },
    });
    expect(decided.status).toBe(409);
  });

  it('refuses an incomplete checklist, naming the unanswered question', async () => {
    const id = await createApplication();
    const before = await rowCounts();
    const res = await api('POST', `${BASE}/applications/${id}/review-body-assessment`, {
      as: 'reviewer.amara',
      body: { concernsSeniorOfficer: true },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: any) => f.field)).toContain('anyPartWithinIopcCriteria');
    expect(await rowCounts()).toEqual(before);
  });
});

describe('withdrawal', () => {
  it('records the withdrawal with its reason and closes the case to further decisions', async () => {
    const id = await createApplication();
    const res = await api('POST', `${BASE}/applications/${id}/withdrawal`, {
      as: 'reviewer.amara',
      body: { reason: 'The complainant no longer wishes to continue.' },
    });
    expect(res.status).toBe(201);
    const c = await getCase(id);
    expect(c.status).toBe('WITHDRAWN');
    expect(c.withdrawnOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(c.decisionLog.at(-1)).toMatchObject({
      action: 'WITHDRAWN',
      actor: 'reviewer.amara',
      reason: 'The complainant no longer wishes to continue.',
    });
    const log = await query(
      'complaint_reviews',
      `SELECT topic, payload FROM outbox_message WHERE message_key = $1 AND topic = 'complaints.review-status-changed.v1'`,
      [id],
    );
    expect(JSON.parse(log[0].payload)).toMatchObject({ action: 'WITHDRAWN', toStatus: 'WITHDRAWN' });
    await expectAudited(id, ['WITHDRAWN']);
    const decided = await api('POST', `${BASE}/applications/${id}/decision`, {
      as: 'reviewer.amara',
      body: { outcome: 'NOT_UPHELD', rationale: 'x' },
    });
    expect(decided.status).toBe(409);
  });
});

describe('decisions not to act', () => {
  it('are recorded in the decision log with what was considered and why, and audited', async () => {
    const id = await createApplication();
    const bad = await api('POST', `${BASE}/applications/${id}/decision-not-to-act`, {
      as: 'reviewer.amara',
      body: { considered: 'Requesting the PSD case file' },
    });
    expect(bad.status).toBe(400);
    const res = await api('POST', `${BASE}/applications/${id}/decision-not-to-act`, {
      as: 'reviewer.amara',
      body: {
        considered: 'Requesting the PSD case file',
        reason: 'The outcome letter and the complaint record supplied with the application are enough.',
      },
    });
    expect(res.status).toBe(201);
    const c = await getCase(id);
    expect(c.decisionLog.at(-1)).toMatchObject({
      action: 'DECIDED_NOT_TO_ACT',
      actor: 'reviewer.amara',
      reason: expect.stringContaining('Requesting the PSD case file: The outcome letter'),
    });
    await expectAudited(id, ['DECIDED_NOT_TO_ACT']);
  });
});

describe('restricted cases of another team', () => {
  let id: string;
  let recommendationId: string;
  beforeAll(async () => {
    // A restricted case of reviewer.amara's team, decided with a recommendation the force can answer.
    id = await createApplication({ restricted: true });
    const routed = await api('POST', `${BASE}/applications/${id}/review-body-assessment`, {
      as: 'reviewer.amara',
      body: NO_IOPC_CRITERION,
    });
    expect(routed.status).toBe(201);
    const decided = await api('POST', `${BASE}/applications/${id}/decision`, {
      as: 'reviewer.amara',
      body: {
        outcome: 'UPHELD',
        rationale: 'Not reasonable.',
        recommendations: [{ kind: 'APOLOGY', text: 'Apologise.' }],
      },
    });
    expect(decided.status).toBe(201);
    recommendationId = decided.body.recommendations[0].id;
  });

  // Every route that reads or changes one case, each with a body that passes validation, so that the
  // refusal comes from the case's restriction (domain.md 4.4: roles only see what their job needs).
  const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  const document = {
    documentId: 'PSD-DOC-1',
    title: 'File',
    mediaType: 'application/pdf',
    sizeBytes: 10,
    checksumSha256: sha,
  };
  const actions: Array<[string, unknown]> = [
    ['acknowledgement', undefined],
    ['assignment', {}],
    ['clock-stop', { reason: 'AWAITING_PSD_FILE' }],
    ['clock-restart', undefined],
    ['information-request', undefined],
    ['information-received', { inWriting: true }],
    ['proceed-despite-missing-items', { reason: 'x' }],
    ['extension-decision', { outcome: 'EXTENDED', reasons: 'x' }],
    ['review-body-assessment', NO_IOPC_CRITERION],
    ['withdrawal', { reason: 'x' }],
    ['decision', { outcome: 'NOT_UPHELD', rationale: 'x' }],
    ['receipt-notifications', { parties: [{ kind: 'APPROPRIATE_AUTHORITY' }] }],
    ['closure', { reason: 'NOT_ELIGIBLE', note: 'x' }],
    ['case-file-request', { requestedItems: ['Complaint record'] }],
    ['case-file', { documents: [document] }],
    ['decision-not-to-act', { considered: 'x', reason: 'x' }],
  ];

  it.each(actions)('POST %s by a reviewer of another team → 403, nothing written', async (action, body) => {
    const before = await rowCounts();
    const res = await api('POST', `${BASE}/applications/${id}/${action}`, { as: 'reviewer.tom', body });
    expect(res.status).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });

  it('cannot be read, nor its recommendations answered, by a reviewer of another team', async () => {
    const before = await rowCounts();
    expect(
      (await api('GET', `${BASE}/applications/${id}`, { as: 'reviewer.tom', headers: REASON })).status,
    ).toBe(403);
    const answer = await api('POST', `${BASE}/recommendations/${recommendationId}/force-response`, {
      as: 'reviewer.tom',
      body: { response: 'ACCEPTED', steps: 'x' },
    });
    expect(answer.status).toBe(403);
    // Nothing changed; the refused read itself is recorded for the audit trail (one gateway access record).
    expect(await rowCounts()).toEqual({
      ...before,
      'gateway.outbox_message': before['gateway.outbox_message'] + 1,
    });
  });

  it('is open to its own team and to managers', async () => {
    expect(
      (await api('GET', `${BASE}/applications/${id}`, { as: 'reviewer.amara', headers: REASON })).status,
    ).toBe(200);
    expect(
      (await api('GET', `${BASE}/applications/${id}`, { as: 'manager.priya', headers: REASON })).status,
    ).toBe(200);
  });
});

describe('intake', () => {
  it('flags a complaint made before 1 February 2020 to the legacy appeal route instead of rejecting it', async () => {
    const id = await createApplication({ complaintDate: '2019-11-04' });
    const c = await getCase(id);
    expect(c.status).toBe('RECEIVED');
    expect(c.assessment.eligibility.route).toBe('LEGACY_APPEAL');
    expect(c.assessment.eligibility.gates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          gate: 'REVIEW_REGIME_APPLIES',
          outcome: 'REFER',
          reasonCode: 'LEGACY_APPEAL_ROUTE',
        }),
      ]),
    );
  });

  it('records missing validity items without rejecting the application', async () => {
    const id = await createApplication({
      channel: 'PHONE',
      appropriateAuthority: undefined,
      complaintDate: undefined,
    });
    const c = await getCase(id);
    expect(c.assessment.validity.missing).toEqual(['IN_WRITING', 'COMPLAINT_DATE', 'APPROPRIATE_AUTHORITY']);
    expect(c.assessment.eligibility.route).toBe('NOT_ASSESSED');
  });

  it.each([
    [
      'representative without authority',
      { representative: { fullName: 'A B', email: 'a@example.org', contactPreference: 'EMAIL' } },
      'representative.authority',
    ],
    [
      'attachment with a negative size',
      { attachments: [{ fileName: 'a.pdf', mediaType: 'application/pdf', sizeBytes: -1 }] },
      'attachments[0].sizeBytes',
    ],
    ['unknown IOPC investigation', { iopcInvestigation: 'MAYBE' }, 'iopcInvestigation'],
  ])('%s → 400 naming the field', async (_name, override, field) => {
    const before = await rowCounts();
    const r = await api('POST', `${BASE}/applications`, {
      as: 'reviewer.amara',
      body: validApplication(override),
    });
    expect(r.status).toBe(400);
    expect(r.body.fields.map((f: any) => f.field)).toContain(field);
    expect(await rowCounts()).toEqual(before);
  });
});
