import { connectTemporalClient } from '@oversight/temporal';
import { REPO_ROOT, SHARED_TEMPORAL_ADDRESS, waitFor } from '@oversight/testing';
import { addWorkingDays, defaultEnglandAndWalesCalendar } from '@oversight/working-days';
import { Client as TemporalClient } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, query, validApplication } from './support';

/**
 * The whole path of a real command, on the real servers:
 * HTTP → gateway → complaint-reviews (row + outbox, one transaction) → Kafka → audit consumer,
 * and → the complaint-reviews consumer → a Temporal workflow (started from the consumer, not the
 * request) → its state written back. One correlation id all the way.
 */
describe('a review application travels the whole platform', () => {
  let temporal: TemporalClient;
  const correlationId = `e2e-${randomUUID()}`;
  const complainantName = `Ottoline Quarrie-${randomUUID().slice(0, 8)}`;
  let id: string;
  let reference: string;

  beforeAll(async () => {
    temporal = await connectTemporalClient({ address: SHARED_TEMPORAL_ADDRESS, namespace: 'default' });
    const res = await api('POST', '/api/complaint-reviews/applications', {
      as: 'reviewer.amara',
      headers: { 'x-correlation-id': correlationId },
      body: validApplication({
        complainant: { fullName: complainantName, phone: '07700 900456', contactPreference: 'PHONE' },
      }),
    });
    expect(res.status).toBe(201);
    ({ id, reference } = res.body);
    expect(res.headers.get('x-correlation-id')).toBe(correlationId);
  });

  afterAll(async () => {
    await temporal.connection.close();
  });

  it('stores the application and its event in the same commit, with the correlation id', async () => {
    expect(reference).toMatch(/^CR-\d{4}-\d{6}$/);
    const [row] = await query(
      'complaint_reviews',
      'SELECT status, team, created_by FROM review_application WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ status: 'RECEIVED', team: 'opcc-reviews-east', created_by: 'reviewer.amara' });
    const outbox = await query(
      'complaint_reviews',
      `SELECT topic, message_key, headers FROM outbox_message WHERE message_key = $1`,
      [id],
    );
    expect(outbox).toHaveLength(1);
    expect(outbox[0].topic).toBe('complaints.review-application-received.v1');
    expect(outbox[0].headers['x-correlation-id']).toBe(correlationId);
  });

  it('reaches the audit trail as a collection of personal data, attributed to the reviewer', async () => {
    const entry: any = await waitFor(
      'the collection entry in the audit trail',
      async () => {
        const r = await api('GET', `/api/audit/entries?recordId=${id}`, {
          as: 'auditor.ruth',
          headers: { 'x-access-reason': 'e2e: check collection is logged' },
        });
        return (r.body as any[]).find((e) => e.processing === 'COLLECTION');
      },
      Boolean,
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(entry).toMatchObject({
      actorSubject: 'reviewer.amara',
      recordType: 'complaint-review',
      correlationId,
      eventType: 'complaints.review-application-received',
    });
    expect(entry.dataSubjectId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('starts the acknowledgement clock on Temporal from the consumer, due in 5 working days', async () => {
    const [app] = await query(
      'complaint_reviews',
      `SELECT to_char(received_on, 'YYYY-MM-DD') AS received FROM review_application WHERE id = $1`,
      [id],
    );
    const clock = await waitFor(
      'the acknowledgement clock row',
      async () =>
        (
          await query(
            'complaint_reviews',
            `SELECT status, to_char(due_on, 'YYYY-MM-DD') AS due, workflow_id FROM review_clock WHERE application_id = $1`,
            [id],
          )
        )[0],
    );
    expect(clock.status).toBe('RUNNING');
    expect(clock.due).toBe(addWorkingDays(app.received, 5, defaultEnglandAndWalesCalendar()));
    const description = await waitFor('the clock workflow', () =>
      temporal.workflow.getHandle(clock.workflow_id).describe(),
    );
    expect(description.status.name).toBe('RUNNING');
    expect(await description.memo).toMatchObject({ correlationId });
  });

  it('records the reviewer reading the case, with their reason, before releasing it', async () => {
    const res = await api('GET', `/api/complaint-reviews/applications/${id}`, {
      as: 'reviewer.amara',
      headers: { 'x-access-reason': 'preparing the acknowledgement letter' },
    });
    expect(res.status).toBe(200);
    expect(res.body.complainant.fullName).toBe(complainantName);
    const entry: any = await waitFor('the consultation entry', async () => {
      const r = await api('GET', `/api/audit/entries?recordId=${id}`, {
        as: 'auditor.ruth',
        headers: { 'x-access-reason': 'e2e: check consultation is logged' },
      });
      return (r.body as any[]).find(
        (e) => e.processing === 'CONSULTATION' && e.justification === 'preparing the acknowledgement letter',
      );
    });
    expect(entry).toMatchObject({
      actorSubject: 'reviewer.amara',
      allowed: true,
      eventType: 'platform.access-recorded',
    });
  });

  it('stops the clock when the acknowledgement is sent (signal → workflow → activity → row)', async () => {
    const res = await api('POST', `/api/complaint-reviews/applications/${id}/acknowledgement`, {
      as: 'reviewer.amara',
    });
    expect(res.status).toBe(202);
    const clock = await waitFor(
      'the clock to be met',
      async () =>
        (
          await query('complaint_reviews', 'SELECT status FROM review_clock WHERE application_id = $1', [id])
        )[0],
      (c) => c?.status === 'MET',
    );
    expect(clock.status).toBe('MET');
  });

  it('logs the correlation id in every service but never the complainant’s name', () => {
    for (const service of ['gateway', 'complaint-reviews']) {
      const log = readFileSync(join(REPO_ROOT, '.local', 'logs', `${service}.log`), 'utf8');
      expect(log).toContain(correlationId);
      expect(log).not.toContain(complainantName);
    }
  });

  it('keeps the audit chain intact', async () => {
    const r = await api('GET', '/api/audit/verification', { as: 'auditor.ruth' });
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(true);
    expect(r.body.checked).toBeGreaterThan(2);
  });
});
