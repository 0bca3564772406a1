// Evidence from condition providers (oocr.condition-evidence-reported.v1) on the real stack: a provider reports a
// course completed → the evidence is recorded, the caution's workflow is signalled and writes the condition back
// as COMPLETED; the same report again (redelivered, or resent under a new event id) changes nothing; a report for a
// condition or caution this service does not know is parked for an operator.
import { Topics } from '@oversight/contracts';
import { waitFor } from '@oversight/testing';
import { randomUUID } from 'node:crypto';
import {
  api,
  cautionWorkflowRunning,
  conditionalCaution,
  daysFrom,
  ExternalPublisher,
  externalEvent,
  query,
  today,
} from './support';

const OFFICER = 'cjops.dan';
const REASON = 'checking provider evidence';
const PROVIDER = 'kent-victim-awareness-programme';
// Provider events go through the service's one consumer; on the shared stack it can be minutes behind a benchmark.
const CONSUMER = { timeoutMs: Number(process.env.OOCR_E2E_CONSUMER_TIMEOUT_MS ?? 170_000), intervalMs: 250 };
jest.setTimeout(CONSUMER.timeoutMs * 3);

/** The shared caution in Ashford: the course due in 30 days (no reminder yet) and a repair condition. */
function caution(name: string) {
  return conditionalCaution(name, {
    district: 'ashford',
    offender: {
      fullName: name,
      dateOfBirth: '1991-07-02',
      email: `o.${randomUUID().slice(0, 6)}@example.org`,
    },
    victims: [
      {
        views: {
          soughtOn: daysFrom(-1),
          method: 'telephone',
          outcome: 'VIEWS_GIVEN',
          views: 'Wants it repaired',
        },
      },
    ],
    conditions: [
      {
        purpose: 'REHABILITATIVE',
        kind: 'COURSE',
        description: 'Attend a victim awareness course',
        dueDate: daysFrom(30),
        provider: 'Kent Victim Awareness Programme',
      },
      { purpose: 'REPARATIVE', kind: 'REPAIR', description: 'Repair the fence', dueDate: daysFrom(60) },
    ],
  });
}

describe('evidence reported by a condition provider', () => {
  const publisher = new ExternalPublisher();
  let id: string;
  let reference: string;
  let courseId: string;
  let repairId: string;

  const report = (
    over: Partial<{ cautionReference: string; conditionId: string; evidenceReference: string }> = {},
  ) => {
    const conditionId = over.conditionId ?? courseId;
    return externalEvent(
      Topics.conditionEvidenceReported,
      { aggregateId: conditionId, subject: PROVIDER, correlationId: `e2e-evidence-${conditionId}` },
      {
        cautionReference: over.cautionReference ?? reference,
        conditionId,
        instalmentNumber: 0,
        provider: 'Kent Victim Awareness Programme',
        evidenceReference: over.evidenceReference ?? 'KVAP-CERT-5521',
        completedOn: today(),
        description: 'Attended both sessions',
      },
    );
  };
  const processed = (eventId: string) =>
    waitFor(
      `event ${eventId} processed`,
      async () =>
        (await query('oocr', 'SELECT 1 AS ok FROM inbox_message WHERE event_id = $1', [eventId]))[0],
      Boolean,
      CONSUMER,
    );
  const evidenceRows = () =>
    query(
      'oocr',
      `SELECT e.source, e.provider, e.reference, e.recorded_by
         FROM condition_evidence e JOIN condition c ON c.id = e.condition_id WHERE c.caution_id = $1`,
      [id],
    );
  const changes = () =>
    query(
      'oocr',
      `SELECT count(*)::int AS n FROM outbox_message WHERE topic = 'oocr.caution-updated.v1' AND message_key = $1`,
      [id],
    );

  beforeAll(async () => {
    const r = await api('POST', '/api/oocr/disposals', {
      as: OFFICER,
      body: caution(`Perry Lund-${randomUUID().slice(0, 6)}`),
    });
    expect(r.status).toBe(201);
    id = r.body.id;
    reference = r.body.reference;
    await cautionWorkflowRunning(id);
    const record = await api('GET', `/api/oocr/disposals/${id}`, { as: OFFICER, reason: REASON });
    [courseId, repairId] = record.body.caution.conditions.map((c: any) => c.id);
  });

  afterAll(async () => {
    await publisher.close();
  });

  it('records the evidence and signals the workflow, which completes the condition', async () => {
    const before = (await changes())[0].n;
    const event = report();
    await publisher.publish(Topics.conditionEvidenceReported, event);
    const state = await waitFor(
      'the workflow to take the evidence',
      async () => (await api('GET', `/api/oocr/cautions/${id}/workflow-state`, { as: OFFICER })).body,
      (s) => s?.items?.find((i: any) => i.conditionId === courseId)?.status === 'COMPLETED',
      CONSUMER,
    );
    expect(state.status).toBe('ACTIVE');
    expect(state.items.find((i: any) => i.conditionId === courseId)).toMatchObject({
      status: 'COMPLETED',
      completedOn: today(),
    });
    expect(state.items.find((i: any) => i.conditionId === repairId).status).toBe('PENDING');
    expect(await evidenceRows()).toEqual([
      {
        source: 'PROVIDER',
        provider: 'Kent Victim Awareness Programme',
        reference: 'KVAP-CERT-5521',
        recorded_by: PROVIDER,
      },
    ]);
    // The workflow writes the condition back; the change went out as an alteration event.
    const condition = await waitFor(
      'the condition written back',
      async () =>
        (
          await query(
            'oocr',
            `SELECT status, to_char(completed_on, 'YYYY-MM-DD') AS completed_on FROM condition WHERE id = $1`,
            [courseId],
          )
        )[0],
      (c) => c?.status === 'COMPLETED',
    );
    expect(condition).toEqual({ status: 'COMPLETED', completed_on: today() });
    expect((await changes())[0].n).toBe(before + 1);
  });

  it('changes nothing when the same report comes again, redelivered or resent', async () => {
    const rows = await evidenceRows();
    const before = (await changes())[0].n;
    const items = async () =>
      (await api('GET', `/api/oocr/cautions/${id}/workflow-state`, { as: OFFICER })).body.items.map(
        (i: any) => ({
          id: i.conditionId,
          status: i.status,
          completedOn: i.completedOn,
        }),
      );
    const state = await items();
    // The provider sends it again under a new event id (same key: same partition, so it is handled in order).
    const resent = report({ evidenceReference: 'KVAP-CERT-5521-RESENT' });
    await publisher.publish(Topics.conditionEvidenceReported, resent);
    await processed(resent.metadata.eventId);
    expect(await evidenceRows()).toEqual(rows);
    expect((await changes())[0].n).toBe(before);
    expect(await items()).toEqual(state);
    const parked = (await api('GET', '/api/oocr/operations/parked-messages', { as: 'admin.kit' }))
      .body as any[];
    expect(parked.filter((p) => p.message_key === courseId)).toEqual([]);
  });

  it('drops a redelivered event (same event id) in the inbox', async () => {
    const rows = await evidenceRows();
    const event = report({ conditionId: repairId, evidenceReference: 'REPAIR-PHOTO-1' });
    event.provider = 'Ashford Community Payback';
    await publisher.publish(Topics.conditionEvidenceReported, event);
    await processed(event.metadata.eventId);
    await publisher.publish(Topics.conditionEvidenceReported, event);
    // A later event on the same key shows the redelivery has been handled.
    const marker = report({ conditionId: repairId, evidenceReference: 'REPAIR-PHOTO-2' });
    await publisher.publish(Topics.conditionEvidenceReported, marker);
    await processed(marker.metadata.eventId);
    const after = await evidenceRows();
    expect(after.length).toBe(rows.length + 1);
    expect(after.filter((r) => r.reference.startsWith('REPAIR-PHOTO'))).toEqual([
      expect.objectContaining({ reference: 'REPAIR-PHOTO-1', provider: 'Ashford Community Payback' }),
    ]);
    const state = await waitFor(
      'the caution to complete',
      async () => (await api('GET', `/api/oocr/cautions/${id}/workflow-state`, { as: OFFICER })).body,
      (s) => s?.status === 'COMPLETED',
    );
    expect(state.items.map((i: any) => i.status)).toEqual(['COMPLETED', 'COMPLETED']);
  });

  it('parks a report for a condition or a caution it does not know, for an operator', async () => {
    const unknownCondition = report({ conditionId: randomUUID() });
    const wrongCaution = report({ conditionId: courseId, cautionReference: 'OOCR-1999-000001' });
    wrongCaution.metadata.aggregateId = randomUUID(); // its own key, so that it is not behind the other
    const rowsBefore = await evidenceRows();
    await publisher.publish(Topics.conditionEvidenceReported, unknownCondition);
    await publisher.publish(Topics.conditionEvidenceReported, wrongCaution);
    const parked = await waitFor(
      'both reports parked',
      async () =>
        (
          (await api('GET', '/api/oocr/operations/parked-messages', { as: 'admin.kit' })).body as any[]
        ).filter(
          (p) =>
            p.topic === Topics.conditionEvidenceReported.name &&
            [unknownCondition.metadata.eventId, wrongCaution.metadata.eventId].some(
              (e) => p.headers?.['event-id'] === e, // payloads are redacted in the operator's list
            ),
        ),
      (ps) => ps.length === 2,
      CONSUMER,
    );
    expect(parked.map((p) => p.reason)).toEqual(['PERMANENT_FAILURE', 'PERMANENT_FAILURE']);
    const errorOf = (e: { metadata: { eventId: string } }) =>
      parked.find((p) => p.headers?.['event-id'] === e.metadata.eventId).error;
    expect(errorOf(unknownCondition)).toContain(`Condition ${unknownCondition.conditionId} was not found`);
    expect(errorOf(wrongCaution)).toContain(`does not belong to caution OOCR-1999-000001`);
    expect(await evidenceRows()).toEqual(rowsBefore);
  });
});
