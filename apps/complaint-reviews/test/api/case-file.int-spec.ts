import {
  ActorKind,
  buildEvent,
  decodeEvent,
  encodeEvent,
  eventHeaders,
  EventOf,
  Processing,
  Topics,
} from '@oversight/contracts';
import { createKafka } from '@oversight/messaging';
import { connectTemporalClient } from '@oversight/temporal';
import { SHARED_KAFKA_BROKERS, SHARED_TEMPORAL_ADDRESS, waitFor } from '@oversight/testing';
import { Client as TemporalClient } from '@temporalio/client';
import { Consumer, Partitioners, Producer } from 'kafkajs';
import { createHash, randomUUID } from 'node:crypto';
import { caseFileDueDate } from '../../src/case-file/case-file.rules';
import { CompletionClockState } from '../../src/workflows/completion-clock.types';
import { api, query, validApplication, NO_IOPC_CRITERION } from '../support';

/**
 * The case-file request to the force PSD and its receipt, on the running stack through the gateway:
 * the request goes out as `complaints.case-file-requested.v1` (read back here as the PSD's system
 * would), the PSD answers on `psd.case-file-provided.v1` (published here as its system would), and
 * the manual upload does the same by hand. Refused input writes nothing; what cannot be matched is
 * parked for an operator.
 */
const BASE = '/api/complaint-reviews';
const AS = 'reviewer.amara';
const AUTHORITY = 'Chief Constable of Kent Police';
const ITEMS = ['Complaint record and handling plan', 'Outcome letter and decision rationale'];
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const documents = (prefix: string) => [
  {
    documentId: `${prefix}-001`,
    title: 'Complaint record',
    mediaType: 'application/pdf',
    sizeBytes: 120_344,
    checksumSha256: sha(`${prefix}-001`),
  },
  {
    documentId: `${prefix}-002`,
    title: 'Body-worn video extract',
    mediaType: 'video/mp4',
    sizeBytes: 3_400_000_000, // above 2^31: stored as a bigint
    checksumSha256: sha(`${prefix}-002`),
  },
];

/** Everything a case-file action could write for one review, to prove a refused one wrote nothing. */
async function caseState(id: string) {
  const [row] = await query(
    'complaint_reviews',
    `SELECT (SELECT count(*) FROM case_file_request WHERE application_id = $1)::int AS requests,
            (SELECT count(*) FROM case_file_request WHERE application_id = $1 AND status = 'RECEIVED')::int AS received,
            (SELECT count(*) FROM case_file_document d JOIN case_file_request r ON r.id = d.request_id
              WHERE r.application_id = $1)::int AS documents,
            (SELECT count(*) FROM decision_log_entry WHERE application_id = $1)::int AS log,
            (SELECT count(*) FROM outbox_message WHERE message_key = $1::text)::int AS outbox,
            (SELECT count(*) FROM clock_stop WHERE application_id = $1)::int AS stops,
            (SELECT version FROM review_application WHERE id = $1) AS version`,
    [id],
  );
  return row;
}

const clockRow = async (id: string) =>
  (
    await query(
      'complaint_reviews',
      `SELECT workflow_id, status, due_on::text AS due_on FROM review_clock
        WHERE application_id = $1 AND kind = 'CASE_FILE_REQUEST'`,
      [id],
    )
  )[0] as { workflow_id: string; status: string; due_on: string } | undefined;

const requestRow = async (requestId: string) =>
  (
    await query(
      'complaint_reviews',
      `SELECT status::text, received_via::text, received_on::text, sent_by, cancelled_reason
         FROM case_file_request WHERE id = $1`,
      [requestId],
    )
  )[0];

describe('case-file request to the force PSD and its receipt', () => {
  let temporal: TemporalClient;
  let producer: Producer;
  let collector: Consumer;
  const requested: Array<EventOf<typeof Topics.caseFileRequested>> = [];

  beforeAll(async () => {
    temporal = await connectTemporalClient({ address: SHARED_TEMPORAL_ADDRESS, namespace: 'default' });
    const kafka = createKafka('case-file-e2e', SHARED_KAFKA_BROKERS);
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    // What the PSD's system sees: every request on the topic (a fresh group reads from the start).
    collector = kafka.consumer({ groupId: `case-file-e2e-${randomUUID()}` });
    await collector.connect();
    await collector.subscribe({ topic: Topics.caseFileRequested.name, fromBeginning: true });
    await collector.run({
      eachMessage: async ({ message }) => {
        requested.push(decodeEvent(Topics.caseFileRequested, message.value));
      },
    });
  });

  afterAll(async () => {
    await collector?.disconnect();
    await producer?.disconnect();
    await temporal?.connection.close();
  });

  /** Publishes the PSD's answer as its system would: protobuf JSON, keyed, with the envelope headers. */
  async function psdProvides(
    payload: Parameters<typeof buildEvent<typeof Topics.caseFileProvided>>[2],
    eventId = randomUUID(),
  ) {
    const event = buildEvent(
      Topics.caseFileProvided,
      {
        eventId,
        aggregateId: payload.applicationId || payload.forceComplaintReference || 'unknown',
        actor: { subject: 'kent-police-psd-system', kind: ActorKind.EXTERNAL_SYSTEM },
        correlationId: randomUUID(),
        processing: Processing.COLLECTION,
      },
      payload,
    );
    await producer.send({
      topic: Topics.caseFileProvided.name,
      messages: [
        {
          key: event.metadata.aggregateId,
          value: encodeEvent(Topics.caseFileProvided, event),
          headers: eventHeaders(event),
        },
      ],
    });
    return event;
  }

  async function newCase(accepted: boolean): Promise<{ id: string; reference: string; force: string }> {
    const force = `PSD/2026/${Math.floor(Math.random() * 1e6)
      .toString()
      .padStart(6, '0')}`;
    const created = await api('POST', `${BASE}/applications`, {
      as: AS,
      body: validApplication({ appropriateAuthority: AUTHORITY, forceComplaintReference: force }),
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    if (accepted) {
      expect(
        (
          await api('POST', `${BASE}/applications/${id}/review-body-assessment`, {
            as: AS,
            body: NO_IOPC_CRITERION,
          })
        ).status,
      ).toBe(201);
      await waitFor(
        'the completion clock row',
        async () =>
          (
            await query(
              'complaint_reviews',
              `SELECT status FROM review_clock WHERE application_id = $1 AND kind = 'COMPLETION'`,
              [id],
            )
          )[0],
        (row) => row?.status === 'RUNNING',
      );
    }
    return { id, reference: created.body.reference, force };
  }

  const completionState = (id: string) =>
    temporal.workflow.getHandle(`review-clock-${id}-COMPLETION`).query<CompletionClockState>('state');

  const view = async (id: string) =>
    (
      await api('GET', `${BASE}/applications/${id}`, {
        as: AS,
        headers: { 'x-access-reason': 'e2e: case file' },
      })
    ).body;

  it('requests the file by Kafka, stops the completion clock, and records the PSD’s answer', async () => {
    const { id, reference, force } = await newCase(true);
    await waitFor(
      'the completion workflow',
      () => completionState(id),
      (s) => s.status === 'RUNNING',
    );

    const res = await api('POST', `${BASE}/applications/${id}/case-file-request`, {
      as: AS,
      body: { requestedItems: ITEMS, stopCompletionClock: true },
    });
    expect(res.status).toBe(201);
    const dueOn = caseFileDueDate(today(), 10); // CASE_FILE_RESPONSE_WORKING_DAYS default
    expect(res.body).toMatchObject({
      applicationId: id,
      status: 'REQUESTED',
      requestedItems: ITEMS,
      requestedOn: today(),
      dueOn,
      appropriateAuthority: AUTHORITY,
      completionClockStopped: true,
    });
    const requestId: string = res.body.id;

    // The request on Kafka, as the PSD's system reads it: a disclosure to the appropriate authority.
    const out = await waitFor(
      'the case-file-requested event',
      async () => requested.find((e) => e.requestId === requestId),
      Boolean,
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(out).toMatchObject({
      applicationId: id,
      reference,
      forceComplaintReference: force,
      appropriateAuthority: AUTHORITY,
      requestedItems: ITEMS,
      requestedOn: today(),
      dueOn,
      requestedBy: AS,
    });
    expect(out!.metadata.processing).toBe(Processing.DISCLOSURE);
    expect(out!.metadata.aggregateId).toBe(id);

    // Its clock, started by the consumer from that event, and the completion clock stopped for the file.
    const clock = await waitFor(
      'the case-file clock',
      () => clockRow(id),
      (c) => c?.status === 'RUNNING',
    );
    expect(clock!.due_on).toBe(dueOn);
    expect(clock!.workflow_id).toBe(`review-clock-${id}-CASE_FILE_REQUEST-${requestId}`);
    await waitFor(
      'the case-file workflow',
      () => temporal.workflow.getHandle(clock!.workflow_id).query<{ status: string; dueOn: string }>('state'),
      (s) => s.status === 'RUNNING' && s.dueOn === dueOn,
    );
    await waitFor(
      'the completion clock to stop',
      () => completionState(id),
      (s) => s.status === 'STOPPED',
    );
    const [stop] = await query(
      'complaint_reviews',
      `SELECT reason, to_date FROM clock_stop WHERE application_id = $1`,
      [id],
    );
    expect(stop).toMatchObject({ reason: 'AWAITING_PSD_FILE', to_date: null });

    // One outstanding request at a time.
    const before = await caseState(id);
    const again = await api('POST', `${BASE}/applications/${id}/case-file-request`, {
      as: AS,
      body: { requestedItems: ['Anything else'] },
    });
    expect(again.status).toBe(409);
    expect(await caseState(id)).toEqual(before);

    // The PSD's system answers.
    const answer = await psdProvides({
      applicationId: id,
      requestId,
      forceComplaintReference: force,
      receivedOn: today(),
      sentBy: 'PSD records unit',
      documents: documents('KAFKA').map((d) => ({ ...d, sizeBytes: BigInt(d.sizeBytes) })),
    });
    await waitFor(
      'the request to be received',
      () => requestRow(requestId),
      (r) => r.status === 'RECEIVED',
    );
    expect(await requestRow(requestId)).toMatchObject({
      received_via: 'KAFKA',
      received_on: today(),
      sent_by: 'PSD records unit',
    });
    const docs = await query(
      'complaint_reviews',
      `SELECT document_id, size_bytes::text, checksum_sha256 FROM case_file_document WHERE request_id = $1 ORDER BY document_id`,
      [requestId],
    );
    expect(docs).toEqual([
      { document_id: 'KAFKA-001', size_bytes: '120344', checksum_sha256: sha('KAFKA-001') },
      { document_id: 'KAFKA-002', size_bytes: '3400000000', checksum_sha256: sha('KAFKA-002') },
    ]);
    expect((await clockRow(id))!.status).toBe('MET');
    const ended = await waitFor(
      'the case-file workflow to end',
      () => temporal.workflow.getHandle(clock!.workflow_id).describe(),
      (d) => d.status.name !== 'RUNNING',
    );
    expect(ended.status.name).toBe('COMPLETED');
    // Stopped for the file, so restarted by it (same day: no working day lost).
    await waitFor(
      'the completion clock to restart',
      () => completionState(id),
      (s) => s.status === 'RUNNING' && s.stops === 1,
    );
    const [restarted] = await query(
      'complaint_reviews',
      `SELECT to_date::text, restarted_by FROM clock_stop WHERE application_id = $1`,
      [id],
    );
    expect(restarted).toEqual({ to_date: today(), restarted_by: 'kent-police-psd-system' });

    const v = await view(id);
    expect(v.caseFileRequests).toEqual([
      expect.objectContaining({
        id: requestId,
        status: 'RECEIVED',
        requestedItems: ITEMS,
        dueOn,
        requestedBy: AS,
        stoppedCompletionClock: true,
        receivedVia: 'KAFKA',
        receivedOn: today(),
        onTime: true,
        documents: documents('KAFKA'),
      }),
    ]);
    const actions = v.decisionLog.map((e: any) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'CASE_FILE_REQUESTED',
        'CLOCK_STOPPED',
        'CASE_FILE_RECEIVED',
        'CLOCK_RESTARTED',
      ]),
    );
    expect(actions.indexOf('CASE_FILE_RECEIVED')).toBeLessThan(actions.lastIndexOf('CLOCK_RESTARTED'));
    const received = v.decisionLog.find((e: any) => e.action === 'CASE_FILE_RECEIVED');
    expect(received).toMatchObject({
      actor: 'kent-police-psd-system',
      details: { requestId, via: 'KAFKA', documents: 2, onTime: true },
    });

    // The audit trail: the request as a disclosure to the appropriate authority, the PSD's file as a
    // collection, the changes as alterations.
    const trail = await waitFor(
      'the audit entries',
      async () => {
        const r = await api('GET', `/api/audit/entries?recordId=${id}&limit=200`, {
          as: 'auditor.ruth',
          headers: { 'x-access-reason': 'e2e: case-file audit check' },
        });
        return r.body as any[];
      },
      (rows) =>
        Array.isArray(rows) &&
        rows.some((r) => r.eventType === 'psd.case-file-provided') &&
        rows.filter((r) => r.eventType === 'complaints.review-status-changed').length >= 4,
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(trail.find((r) => r.eventType === 'complaints.case-file-requested')).toMatchObject({
      processing: 'DISCLOSURE',
      recipient: AUTHORITY,
      actorSubject: AS,
      recordType: 'complaint-review',
    });
    expect(trail.find((r) => r.eventType === 'psd.case-file-provided')).toMatchObject({
      processing: 'COLLECTION',
      actorSubject: 'kent-police-psd-system',
      sourceEventId: answer.metadata.eventId,
    });

    // The same answer again (a new event, not a redelivery): no request is outstanding, so it is parked.
    const late = await psdProvides({
      applicationId: id,
      forceComplaintReference: force,
      receivedOn: today(),
      sentBy: 'PSD records unit',
      documents: documents('LATE').map((d) => ({ ...d, sizeBytes: BigInt(d.sizeBytes) })),
    });
    const parked = await waitFor<any>(
      'the second answer to be parked',
      async () =>
        (
          await query(
            'complaint_reviews',
            `SELECT reason, error FROM parked_message WHERE topic = $1 AND payload LIKE $2`,
            [Topics.caseFileProvided.name, `%${late.metadata.eventId}%`],
          )
        )[0],
      Boolean,
    );
    expect(parked).toMatchObject({ reason: 'PERMANENT_FAILURE' });
    expect(parked.error).toMatch(/No case-file request is outstanding/);
    expect((await caseState(id)).documents).toBe(2);
  });

  it('records the file by manual upload; refuses bad input with the field named, writing nothing', async () => {
    const { id } = await newCase(true);
    const req = await api('POST', `${BASE}/applications/${id}/case-file-request`, {
      as: AS,
      body: { requestedItems: ['The complete complaint file'] },
    });
    expect(req.status).toBe(201);
    expect(req.body.completionClockStopped).toBe(false);
    const requestId: string = req.body.id;
    await waitFor(
      'the case-file clock',
      () => clockRow(id),
      (c) => c?.status === 'RUNNING',
    );

    const good = documents('MAN');
    const before = await caseState(id);
    const bad: Array<[string, unknown, string]> = [
      ['unknown field', { documents: good, channel: 'email' }, 'channel'],
      ['unknown document field', { documents: [{ ...good[0], url: 'https://x' }] }, 'documents[0].url'],
      ['wrong type', { documents: [{ ...good[0], sizeBytes: '120344' }] }, 'documents[0].sizeBytes'],
      ['negative size', { documents: [{ ...good[0], sizeBytes: -5 }] }, 'documents[0].sizeBytes'],
      ['impossible date', { documents: good, receivedOn: '2026-02-30' }, 'receivedOn'],
      ['bad checksum', { documents: [{ ...good[0], checksumSha256: 'abc' }] }, 'documents[0].checksumSha256'],
      ['no documents', { documents: [] }, 'documents'],
      ['documents not a list', { documents: 'all of them' }, 'documents'],
      ['request id not a UUID', { documents: good, requestId: '42' }, 'requestId'],
    ];
    for (const [label, body, field] of bad) {
      const r = await api('POST', `${BASE}/applications/${id}/case-file`, { as: AS, body });
      expect({ label, status: r.status }).toEqual({ label, status: 400 });
      expect({ label, fields: r.body.fields.map((f: any) => f.field) }).toEqual({
        label,
        fields: expect.arrayContaining([field]),
      });
    }
    // Checked by the service (rules): the same document twice, a date in the future, before the request.
    const ruled: Array<[string, unknown, string]> = [
      [
        'same document twice',
        { documents: [good[0], { ...good[0], title: 'Copy' }] },
        'documents[1].documentId',
      ],
      ['date in the future', { documents: good, receivedOn: '2099-01-01' }, 'receivedOn'],
      ['date before the request', { documents: good, receivedOn: '2020-01-01' }, 'receivedOn'],
      ['someone else’s request', { documents: good, requestId: randomUUID() }, 'requestId'],
    ];
    for (const [label, body, field] of ruled) {
      const r = await api('POST', `${BASE}/applications/${id}/case-file`, { as: AS, body });
      expect({ label, status: r.status }).toEqual({ label, status: 400 });
      expect({ label, fields: r.body.violations.map((f: any) => f.field) }).toEqual({
        label,
        fields: [field],
      });
    }
    const badRequest = await api('POST', `${BASE}/applications/${id}/case-file-request`, {
      as: AS,
      body: { requestedItems: [], stopCompletionClock: 'yes' },
    });
    expect(badRequest.status).toBe(400);
    expect(badRequest.body.fields.map((f: any) => f.field).sort()).toEqual([
      'requestedItems',
      'stopCompletionClock',
    ]);
    expect(await caseState(id)).toEqual(before);
    expect((await requestRow(requestId)).status).toBe('REQUESTED');

    const up = await api('POST', `${BASE}/applications/${id}/case-file`, {
      as: AS,
      body: { documents: good, sentBy: 'DS Carter, PSD' },
    });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      requestId,
      status: 'RECEIVED',
      receivedVia: 'MANUAL_UPLOAD',
      receivedOn: today(),
      documents: 2,
      onTime: true,
      completionClock: { restarted: false },
    });
    expect((await clockRow(id))!.status).toBe('MET');
    const v = await view(id);
    expect(v.caseFileRequests[0]).toMatchObject({
      status: 'RECEIVED',
      receivedVia: 'MANUAL_UPLOAD',
      receivedRecordedBy: AS,
      sentBy: 'DS Carter, PSD',
      documents: good,
    });
    expect(v.decisionLog.filter((e: any) => e.action === 'CASE_FILE_RECEIVED')).toHaveLength(1);
    expect(v.decisionLog.map((e: any) => e.action)).not.toContain('CLOCK_RESTARTED');
    const completion = await completionState(id);
    expect(completion).toMatchObject({ status: 'RUNNING', stops: 0 });

    // Nothing outstanding any more: a second upload is a conflict.
    const twice = await api('POST', `${BASE}/applications/${id}/case-file`, {
      as: AS,
      body: { documents: documents('MAN2') },
    });
    expect(twice.status).toBe(409);

    // A further request is allowed once the first is answered; its clock takes over the review's row
    // (ending the first request's run if it were still going: here it has completed, which is kept).
    const firstRun = temporal.workflow.getHandle(`review-clock-${id}-CASE_FILE_REQUEST-${requestId}`);
    await waitFor(
      'the first clock to complete',
      () => firstRun.describe(),
      (d) => d.status.name === 'COMPLETED',
    );
    const second = await api('POST', `${BASE}/applications/${id}/case-file-request`, {
      as: AS,
      body: { requestedItems: ['Officer accounts'] },
    });
    expect(second.status).toBe(201);
    const next = await waitFor(
      'the second request’s clock',
      () => clockRow(id),
      (c) => c?.workflow_id.endsWith(second.body.id) === true && c.status === 'RUNNING',
    );
    expect((await firstRun.describe()).status.name).toBe('COMPLETED');
    expect(
      (await temporal.workflow.getHandle(next!.workflow_id).query<{ status: string }>('state')).status,
    ).toBe('RUNNING');
  });

  it('refuses a request the case cannot take, writing nothing', async () => {
    // Not yet accepted: no completion clock to stop, so the whole request is refused.
    const { id } = await newCase(false);
    const before = await caseState(id);
    const r = await api('POST', `${BASE}/applications/${id}/case-file-request`, {
      as: AS,
      body: { requestedItems: ITEMS, stopCompletionClock: true },
    });
    expect(r.status).toBe(409);
    // The lifecycle table: no completion clock before the review body is assessed (1.4.7 [S]).
    expect(r.body.message).toMatch(/COMPLETION_CLOCK_NOT_RUNNING/);
    expect(await caseState(id)).toEqual(before);
    const unknown = await api('POST', `${BASE}/applications/${randomUUID()}/case-file-request`, {
      as: AS,
      body: { requestedItems: ITEMS },
    });
    expect(unknown.status).toBe(404);
    const noRequest = await api('POST', `${BASE}/applications/${id}/case-file`, {
      as: AS,
      body: { documents: documents('NONE') },
    });
    expect(noRequest.status).toBe(409);
    expect(await caseState(id)).toEqual(before);
  });

  it('cancels an outstanding request when the review is withdrawn', async () => {
    const { id } = await newCase(true);
    const req = await api('POST', `${BASE}/applications/${id}/case-file-request`, {
      as: AS,
      body: { requestedItems: ITEMS },
    });
    expect(req.status).toBe(201);
    const clock = await waitFor(
      'the case-file clock',
      () => clockRow(id),
      (c) => c?.status === 'RUNNING',
    );
    expect(
      (
        await api('POST', `${BASE}/applications/${id}/withdrawal`, {
          as: AS,
          body: { reason: 'Withdrawn by email.' },
        })
      ).status,
    ).toBe(201);
    const cancelled = await waitFor(
      'the request to be cancelled',
      () => requestRow(req.body.id),
      (r) => r.status === 'CANCELLED',
    );
    expect(cancelled.cancelled_reason).toMatch(/WITHDRAWN/);
    expect((await clockRow(id))!.status).toBe('CANCELLED');
    const d = await waitFor(
      'the case-file workflow to end',
      () => temporal.workflow.getHandle(clock!.workflow_id).describe(),
      (x) => x.status.name !== 'RUNNING',
    );
    expect(d.status.name).toBe('TERMINATED');
    expect((await view(id)).decisionLog.map((e: any) => e.action)).toContain('CASE_FILE_REQUEST_CANCELLED');
  });

  it('parks an answer for an unknown review, for an operator to see', async () => {
    const unknownReview = randomUUID();
    const event = await psdProvides({
      applicationId: unknownReview,
      forceComplaintReference: 'PSD/2026/999999',
      receivedOn: today(),
      sentBy: 'PSD records unit',
      documents: documents('LOST').map((d) => ({ ...d, sizeBytes: BigInt(d.sizeBytes) })),
    });
    const parked = await waitFor<any>(
      'the parked message',
      async () => {
        const r = await api('GET', `${BASE}/operations/parked-messages`, { as: 'admin.kit' });
        return (r.body as any[]).find((m) => m.message_key === unknownReview);
      },
      Boolean,
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(parked).toMatchObject({
      topic: Topics.caseFileProvided.name,
      reason: 'PERMANENT_FAILURE',
      consumer_group: 'complaint-reviews',
    });
    expect(parked.error).toContain(`no review ${unknownReview}`);
    expect(parked.headers['event-id']).toBe(event.metadata.eventId);
    expect(parked.payload).toBeUndefined(); // redacted for the operator (issue 9 item 5)
    expect(
      await query('complaint_reviews', `SELECT 1 FROM case_file_document WHERE document_id LIKE 'LOST-%'`),
    ).toEqual([]);
  });
});
