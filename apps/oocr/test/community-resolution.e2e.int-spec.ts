// A community resolution from the officers' field app, on the real stack: Kafka → oocr consumer → CJ Ops review
// queue → referred back (follow-up workflow on Temporal) → actions done → compliant; through the gateway, with
// the audit trail, special-category access control and bad input checked on the way.
import {
  AdmissionStatus,
  OffenceClassification,
  PoliceRank,
  Topics,
  VictimAgreement,
  VictimViewsOutcome,
} from '@oversight/contracts';
import { connectTemporalClient } from '@oversight/temporal';
import { SHARED_TEMPORAL_ADDRESS, waitFor } from '@oversight/testing';
import { Client as TemporalClient } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { referralWorkflowId } from '../src/workflows/referral.types';
import {
  api,
  auditEntries,
  daysFrom,
  ExternalPublisher,
  externalEvent,
  oocrState,
  query,
  today,
} from './support';

const OFFICER = 'cjops.dan';
const SUPERVISOR = 'cjops.sgt.lena';
const REASON = 'reviewing the community resolution';

function fieldAppResolution(
  resolutionId: string,
  name: string,
  over: { authoriserRank?: PoliceRank; victimless?: boolean } = {},
) {
  return externalEvent(
    Topics.communityResolutionIssued,
    { aggregateId: resolutionId, subject: 'pc.4471', correlationId: `e2e-cr-${resolutionId}` },
    {
      resolutionId,
      crimeReference: '46/55012/26',
      issuedOn: today(),
      district: 'dartford',
      offender: {
        fullName: name,
        dateOfBirth: '2004-05-17',
        gender: 'FEMALE',
        ethnicity: 'B2',
        phone: '07700 900781',
        addressLines: [],
      },
      offence: over.victimless
        ? {
            code: '92D/1',
            description: 'Possession of cannabis',
            classification: OffenceClassification.EITHER_WAY,
            offenceDate: daysFrom(-1),
            offenceGroup: 'DRUG_OFFENCES',
          }
        : {
            code: '49/1',
            description: 'Theft from a shop',
            classification: OffenceClassification.EITHER_WAY,
            offenceDate: daysFrom(-1),
            offenceGroup: 'THEFT',
          },
      issuingOfficer: { id: 'pc.4471', name: 'PC Hale' },
      authoriser: { id: 'ps.2210', name: 'PS Owusu', rank: over.authoriserRank ?? PoliceRank.SERGEANT },
      admission: AdmissionStatus.ACCEPTS_RESPONSIBILITY,
      agreedActions: over.victimless
        ? ['Drug education session']
        : ['Written apology to the shop', 'Pay £12 for the goods'],
      victims: over.victimless
        ? []
        : [
            {
              soughtOn: today(),
              method: 'in person',
              outcome: VictimViewsOutcome.VIEWS_GIVEN,
              views: 'Happy with an apology and payment',
              agreement: VictimAgreement.AGREED,
            },
          ],
      noIdentifiableVictim: over.victimless ?? false,
      appropriateAdultPresent: false,
      acknowledgements: [],
      fieldAppVersion: '3.4.1',
    },
  );
}

describe('a community resolution from the field app is reviewed by CJ Operations', () => {
  const publisher = new ExternalPublisher();
  let temporal: TemporalClient;
  const resolutionId = randomUUID();
  const offenderName = `Tamsin Orley-${resolutionId.slice(0, 8)}`;
  let review: any;

  beforeAll(async () => {
    temporal = await connectTemporalClient({ address: SHARED_TEMPORAL_ADDRESS, namespace: 'default' });
    await publisher.publish(Topics.communityResolutionIssued, fieldAppResolution(resolutionId, offenderName));
  });

  afterAll(async () => {
    await publisher.close();
    await temporal.connection.close();
  });

  it('reaches the review queue (oldest first), with no personal data in the queue', async () => {
    review = await waitFor('the resolution in the review queue', async () => {
      const r = await api('GET', `/api/oocr/reviews?status=PENDING&disposalId=${resolutionId}`, {
        as: OFFICER,
      });
      return (r.body as any[]).find((x) => x.disposalId === resolutionId);
    });
    expect(review).toMatchObject({
      status: 'PENDING',
      district: 'dartford',
      offenceGroup: 'THEFT',
      issuingOfficerId: 'pc.4471',
      validationIssues: [],
      assignedTo: null,
    });
    expect(review.reference).toMatch(/^OOCR-\d{4}-\d{6}$/);
    expect(JSON.stringify(review)).not.toContain(offenderName);
    const queue = (await api('GET', '/api/oocr/reviews?limit=200', { as: OFFICER })).body as any[];
    const ages = queue.map((x) => x.queuedAt);
    expect(ages).toEqual([...ages].sort());
  });

  it('shows the record to CJ Ops with a reason, never with gender or ethnicity', async () => {
    const noReason = await api('GET', `/api/oocr/disposals/${resolutionId}`, { as: OFFICER });
    expect(noReason.status).toBe(400);
    const r = await api('GET', `/api/oocr/disposals/${resolutionId}`, { as: OFFICER, reason: REASON });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      source: 'FIELD_APP',
      disposalType: 'COMMUNITY_RESOLUTION',
      homeOfficeOutcomeCode: 8,
      offender: { fullName: offenderName },
      review: { status: 'PENDING' },
    });
    expect(r.text).not.toMatch(/FEMALE|"B2"|ethnicity|gender/);
    for (const as of [OFFICER, SUPERVISOR]) {
      const body = (await api('GET', `/api/oocr/disposals/${resolutionId}`, { as, reason: REASON })).text;
      expect(body).not.toMatch(/ethnicity|gender/);
    }
  });

  it('keeps gender and ethnicity from officers (403, logged) and gives them to a supervisor with a reason, logged twice', async () => {
    const before = await oocrState();
    const refused = await api('GET', `/api/oocr/disposals/${resolutionId}/special-category`, {
      as: OFFICER,
      reason: REASON,
    });
    expect(refused.status).toBe(403);
    expect(refused.text).not.toMatch(/FEMALE|B2/);
    expect(await oocrState()).toEqual(before);

    const r = await api('GET', `/api/oocr/disposals/${resolutionId}/special-category`, {
      as: SUPERVISOR,
      reason: 'scrutiny panel disproportionality check',
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ disposalId: resolutionId, gender: 'FEMALE', ethnicity: 'B2' });

    const entries = await waitFor(
      'the special-category reads in the audit trail',
      () => auditEntries(resolutionId),
      (es) => es.filter((e) => e.recordType === 'oocr-special-category').length >= 3,
    );
    const sc = entries.filter((e) => e.recordType === 'oocr-special-category');
    expect(sc).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actorSubject: OFFICER, allowed: false, processing: 'CONSULTATION' }),
        expect.objectContaining({
          actorSubject: SUPERVISOR,
          allowed: true,
          justification: 'scrutiny panel disproportionality check',
        }),
      ]),
    );
    // One entry from the gateway, one from the service itself, for the supervisor's read.
    expect(sc.filter((e) => e.actorSubject === SUPERVISOR && e.allowed).length).toBe(2);
  });

  it('records the collection in the audit trail: the field app issuing it and the service storing it', async () => {
    const entries = await waitFor(
      'the collection entries',
      () => auditEntries(resolutionId),
      (es) => es.filter((e) => e.processing === 'COLLECTION').length >= 2,
    );
    const collections = entries.filter((e) => e.processing === 'COLLECTION');
    expect(collections.map((e) => e.eventType).sort()).toEqual([
      'oocr.community-resolution-issued',
      'oocr.disposal-recorded',
    ]);
    expect(collections.find((e) => e.eventType === 'oocr.disposal-recorded').dataSubjectId).toMatch(
      /^[0-9a-f-]{36}$/,
    );
  });

  it('refuses bad input and wrong roles with clear 4xx, changing nothing', async () => {
    const before = await oocrState();
    const bad = await api('POST', `/api/oocr/reviews/${review.id}/outcome`, {
      as: OFFICER,
      body: { outcome: 'MAYBE' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/outcome/);
    const noActions = await api('POST', `/api/oocr/reviews/${review.id}/outcome`, {
      as: OFFICER,
      body: { outcome: 'REFER_BACK' },
    });
    expect(noActions.status).toBe(400);
    expect(noActions.body.violations.map((v: any) => v.rule)).toEqual(['OOCR_REFERRAL_ACTIONS_REQUIRED']);
    const notMine = await api('POST', `/api/oocr/reviews/${review.id}/assignment`, {
      as: OFFICER,
      body: { assignee: 'cjops.someone' },
    });
    expect(notMine.status).toBe(403);
    const wrongRole = await api('POST', `/api/oocr/reviews/${review.id}/outcome`, {
      as: 'reviewer.amara',
      body: { outcome: 'COMPLIANT' },
    });
    expect(wrongRole.status).toBe(403);
    const unknown = await api('POST', `/api/oocr/reviews/${randomUUID()}/outcome`, {
      as: OFFICER,
      body: { outcome: 'COMPLIANT' },
    });
    expect(unknown.status).toBe(404);
    const stale = await api('POST', `/api/oocr/reviews/${review.id}/outcome`, {
      as: OFFICER,
      body: { outcome: 'COMPLIANT', expectedVersion: review.version + 5 },
    });
    expect(stale.status).toBe(409);
    expect(await oocrState()).toEqual(before);
  });

  it('is assigned, referred back with required actions, and followed up on Temporal', async () => {
    const assigned = await api('POST', `/api/oocr/reviews/${review.id}/assignment`, {
      as: OFFICER,
      body: { assignee: OFFICER, expectedVersion: review.version },
    });
    expect(assigned.status).toBe(200);
    const r = await api('POST', `/api/oocr/reviews/${review.id}/outcome`, {
      as: OFFICER,
      body: {
        outcome: 'REFER_BACK',
        notes: 'Victim contact details missing',
        requiredActions: ['Record the victim contact details', 'Attach the signed agreement'],
        actionsDueOn: daysFrom(10),
      },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'REFERRED_BACK', actionsDueOn: daysFrom(10) });
    review.referralId = r.body.referralId;

    const description = await waitFor('the referral follow-up workflow', () =>
      temporal.workflow.getHandle(referralWorkflowId(review.referralId)).describe(),
    );
    expect(description.status.name).toBe('RUNNING');
    const queue = (
      await api('GET', `/api/oocr/reviews?status=REFERRED_BACK&assignedTo=me&disposalId=${resolutionId}`, {
        as: OFFICER,
      })
    ).body as any[];
    expect(queue.find((x) => x.id === review.id)).toMatchObject({
      openReferral: { id: review.referralId, dueOn: daysFrom(10) },
    });

    const early = await api('POST', `/api/oocr/reviews/${review.id}/outcome`, {
      as: OFFICER,
      body: { outcome: 'COMPLIANT' },
    });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/still open/);
  });

  it('returns to the queue when the actions are done; the follow-up ends; then it is found compliant', async () => {
    const one = await api(
      'POST',
      `/api/oocr/reviews/${review.id}/referrals/${review.referralId}/actions/1/done`,
      { as: OFFICER, body: { note: 'Added' } },
    );
    expect(one.body).toEqual({ reviewId: review.id, referralStatus: 'OPEN', openActions: 1 });
    const again = await api(
      'POST',
      `/api/oocr/reviews/${review.id}/referrals/${review.referralId}/actions/1/done`,
      { as: OFFICER, body: {} },
    );
    expect(again.status).toBe(409);
    const two = await api(
      'POST',
      `/api/oocr/reviews/${review.id}/referrals/${review.referralId}/actions/2/done`,
      { as: OFFICER, body: {} },
    );
    expect(two.body).toEqual({ reviewId: review.id, referralStatus: 'DONE', openActions: 0 });

    const finished = await waitFor(
      'the follow-up to finish',
      async () =>
        (await temporal.workflow.getHandle(referralWorkflowId(review.referralId)).describe()).status.name,
      (s) => s === 'COMPLETED',
    );
    expect(finished).toBe('COMPLETED');
    const back = (
      (await api('GET', `/api/oocr/reviews?disposalId=${resolutionId}`, { as: OFFICER })).body as any[]
    ).find((x) => x.id === review.id);
    expect(back).toMatchObject({ status: 'ACTIONS_DONE', openReferral: null });

    const done = await api('POST', `/api/oocr/reviews/${review.id}/outcome`, {
      as: OFFICER,
      body: { outcome: 'COMPLIANT', notes: 'Actions completed' },
    });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('COMPLIANT');
    const record = await api('GET', `/api/oocr/disposals/${resolutionId}`, { as: OFFICER, reason: REASON });
    expect(record.body.review).toMatchObject({
      status: 'COMPLIANT',
      outcomeBy: OFFICER,
      referrals: [{ status: 'DONE', actions: [{ status: 'DONE' }, { status: 'DONE' }] }],
    });

    const alterations = await waitFor(
      'the review entries in the audit trail',
      () => auditEntries(resolutionId),
      (es) => es.filter((e) => e.eventType === 'oocr.resolution-reviewed').length >= 3,
    );
    expect(
      alterations
        .filter((e) => e.eventType === 'oocr.resolution-reviewed')
        .every((e) => e.processing === 'ALTERATION' && e.actorSubject === OFFICER),
    ).toBe(true);
  });

  it('counts it in the review outcomes report', async () => {
    const r = await api('GET', `/api/oocr/reports/review-outcomes?from=${today()}&to=${today()}`, {
      as: SUPERVISOR,
    });
    expect(r.status).toBe(200);
    const compliant = (r.body.byStatus as any[]).find((x) => x.status === 'COMPLIANT');
    expect(compliant.count).toBeGreaterThanOrEqual(1);
    expect(compliant.everReferredBack).toBeGreaterThanOrEqual(1);
  });

  it('takes in a field-app resolution that breaks a rule, showing the problem in the queue', async () => {
    const id = randomUUID();
    await publisher.publish(
      Topics.communityResolutionIssued,
      fieldAppResolution(id, `Ned Varga-${id.slice(0, 6)}`, { authoriserRank: PoliceRank.CONSTABLE }),
    );
    const item = await waitFor('the flawed resolution in the queue', async () =>
      ((await api('GET', `/api/oocr/reviews?disposalId=${id}`, { as: OFFICER })).body as any[]).find(
        (x) => x.disposalId === id,
      ),
    );
    expect(item.validationIssues).toEqual(['OOCR_AUTHORISER_RANK_TOO_LOW']);
    const bulk = await api('POST', '/api/oocr/reviews/bulk', {
      as: OFFICER,
      body: { reviewIds: [item.id], action: 'COMPLIANT' },
    });
    expect(bulk.status).toBe(400);
    expect(bulk.body.violations[0]).toMatchObject({
      rule: 'OOCR_BULK_ITEM_NOT_ELIGIBLE',
      field: 'reviewIds[0]',
    });
    const assign = await api('POST', '/api/oocr/reviews/bulk', {
      as: SUPERVISOR,
      body: { reviewIds: [item.id], action: 'ASSIGN', assignee: OFFICER },
    });
    expect(assign.body).toEqual({ action: 'ASSIGN', updated: 1 });
  });

  it('parks a field-app message that cannot be stored, for an operator, without blocking the queue', async () => {
    const id = randomUUID();
    const broken = fieldAppResolution(id, 'x');
    broken.issuedOn = '21/11/2026';
    await publisher.publish(Topics.communityResolutionIssued, broken);
    const parked = await waitFor(
      'the parked message',
      async () =>
        (await query('oocr', `SELECT reason, error FROM parked_message WHERE message_key = $1`, [id]))[0],
    );
    expect(parked.reason).toBe('PERMANENT_FAILURE');
    expect(parked.error).toMatch(/issued_on must be a date/);
    const list = await api('GET', '/api/oocr/operations/parked-messages', { as: 'admin.kit' });
    expect(list.status).toBe(200);
    expect((await query('oocr', 'SELECT count(*)::int AS n FROM disposal WHERE id = $1', [id]))[0].n).toBe(0);
  });
  const inQueue = (id: string, status = 'OPEN') =>
    waitFor(`resolution ${id} in the queue`, async () =>
      (
        (await api('GET', `/api/oocr/reviews?status=${status}&disposalId=${id}`, { as: OFFICER }))
          .body as any[]
      ).find((x) => x.disposalId === id),
    );

  it('takes in victimless resolutions the officer marked so with no issue, and finds them compliant in bulk', async () => {
    const [a, b, unsaid] = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of [a, b])
      await publisher.publish(
        Topics.communityResolutionIssued,
        fieldAppResolution(id, `Rory Quint-${id.slice(0, 6)}`, { victimless: true }),
      );
    // No victims and no statement: the officer did not say, so the victim's views are missing (2.4.2).
    const noStatement = fieldAppResolution(unsaid, `Mo Pell-${unsaid.slice(0, 6)}`, { victimless: true });
    noStatement.noIdentifiableVictim = false;
    await publisher.publish(Topics.communityResolutionIssued, noStatement);

    const [ra, rb, ru] = [await inQueue(a), await inQueue(b), await inQueue(unsaid)];
    expect(ra).toMatchObject({ status: 'PENDING', offenceGroup: 'DRUG_OFFENCES', validationIssues: [] });
    expect(rb.validationIssues).toEqual([]);
    expect(ru.validationIssues).toEqual(['OOCR_VICTIM_VIEWS_REQUIRED']);

    const before = await oocrState();
    const refused = await api('POST', '/api/oocr/reviews/bulk', {
      as: OFFICER,
      body: { reviewIds: [ra.id, ru.id, rb.id], action: 'COMPLIANT' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.violations).toEqual([
      expect.objectContaining({ rule: 'OOCR_BULK_ITEM_NOT_ELIGIBLE', field: 'reviewIds[1]' }),
    ]);
    expect(await oocrState()).toEqual(before);

    const bulk = await api('POST', '/api/oocr/reviews/bulk', {
      as: OFFICER,
      body: { reviewIds: [ra.id, rb.id], action: 'COMPLIANT', notes: 'Drug education arranged' },
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body).toEqual({ action: 'COMPLIANT', updated: 2 });
    for (const id of [a, b]) {
      const record = await api('GET', `/api/oocr/disposals/${id}`, { as: OFFICER, reason: REASON });
      expect(record.body.review).toMatchObject({ status: 'COMPLIANT', outcomeBy: OFFICER });
    }
    expect(await inQueue(a, 'COMPLIANT')).toMatchObject({ status: 'COMPLIANT', version: ra.version + 1 });
    const reviewed = await waitFor(
      'the bulk outcome in the audit trail',
      () => auditEntries(a),
      (es) => es.some((e) => e.eventType === 'oocr.resolution-reviewed'),
    );
    expect(reviewed.find((e) => e.eventType === 'oocr.resolution-reviewed')).toMatchObject({
      processing: 'ALTERATION',
      actorSubject: OFFICER,
    });
    // Once decided, not again.
    const again = await api('POST', '/api/oocr/reviews/bulk', {
      as: OFFICER,
      body: { reviewIds: [ra.id], action: 'COMPLIANT' },
    });
    expect(again.status).toBe(400);
    expect(again.body.violations[0].message).toMatch(/already complete/);
  });

  it('escalates a resolution to the supervisors: their task, out of the officer’s hands, decided by a supervisor', async () => {
    const id = randomUUID();
    await publisher.publish(
      Topics.communityResolutionIssued,
      fieldAppResolution(id, `Ari Dunn-${id.slice(0, 6)}`),
    );
    const item = await inQueue(id);

    const noNotes = await api('POST', `/api/oocr/reviews/${item.id}/outcome`, {
      as: OFFICER,
      body: { outcome: 'ESCALATE' },
    });
    expect(noNotes.status).toBe(400);
    expect(noNotes.body.violations).toEqual([
      expect.objectContaining({ rule: 'OOCR_REVIEW_NOTES_REQUIRED', field: 'notes' }),
    ]);

    const escalated = await api('POST', `/api/oocr/reviews/${item.id}/outcome`, {
      as: OFFICER,
      body: {
        outcome: 'ESCALATE',
        notes: 'Second CR for this offender in a month',
        expectedVersion: item.version,
      },
    });
    expect(escalated.status).toBe(200);
    expect(escalated.body).toEqual({ id: item.id, status: 'ESCALATED', version: item.version + 1 });
    // Still in the open queue, as ESCALATED.
    const open = (await api('GET', `/api/oocr/reviews?disposalId=${id}`, { as: OFFICER })).body as any[];
    expect(open).toEqual([expect.objectContaining({ id: item.id, status: 'ESCALATED' })]);

    // A task in the supervisors' queue, which officers do not see.
    const tasks = (await api('GET', `/api/oocr/tasks?disposalId=${id}`, { as: SUPERVISOR })).body as any[];
    expect(tasks).toEqual([
      expect.objectContaining({ kind: 'REVIEW_ESCALATED', assignee: 'CJ_OPS_SUPERVISOR', doneAt: null }),
    ]);
    expect(tasks[0].summary).not.toContain('Ari Dunn');
    expect((await api('GET', `/api/oocr/tasks?disposalId=${id}`, { as: OFFICER })).body).toEqual([]);

    const before = await oocrState();
    const officerDecides = await api('POST', `/api/oocr/reviews/${item.id}/outcome`, {
      as: OFFICER,
      body: { outcome: 'COMPLIANT', notes: 'fine' },
    });
    expect(officerDecides.status).toBe(403);
    const officerTakes = await api('POST', `/api/oocr/reviews/${item.id}/assignment`, {
      as: OFFICER,
      body: { assignee: OFFICER },
    });
    expect(officerTakes.status).toBe(403);
    const officerBulk = await api('POST', '/api/oocr/reviews/bulk', {
      as: OFFICER,
      body: { reviewIds: [item.id], action: 'COMPLIANT' },
    });
    expect(officerBulk.status).toBe(400);
    expect(officerBulk.body.violations[0].message).toMatch(/supervisor/);
    expect(await oocrState()).toEqual(before);

    const decided = await api('POST', `/api/oocr/reviews/${item.id}/outcome`, {
      as: SUPERVISOR,
      body: { outcome: 'COMPLIANT', notes: 'Proportionate; first CR for this offence' },
    });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('COMPLIANT');
    const record = await api('GET', `/api/oocr/disposals/${id}`, { as: SUPERVISOR, reason: REASON });
    expect(record.body.review).toMatchObject({ status: 'COMPLIANT', outcomeBy: SUPERVISOR });
    // The supervisors' task is done with the decision.
    const after = (await api('GET', `/api/oocr/tasks?disposalId=${id}&state=all`, { as: SUPERVISOR }))
      .body as any[];
    expect(after).toEqual([
      expect.objectContaining({ kind: 'REVIEW_ESCALATED', doneAt: expect.any(String) }),
    ]);

    const trail = await waitFor(
      'the escalation and the decision in the audit trail',
      () => auditEntries(id),
      (es) => es.filter((e) => e.eventType === 'oocr.resolution-reviewed').length >= 2,
    );
    expect(
      trail
        .filter((e) => e.eventType === 'oocr.resolution-reviewed')
        .map((e) => e.actorSubject)
        .sort(),
    ).toEqual([OFFICER, SUPERVISOR].sort());
  });
});
