// The intake write is one SQL statement (src/applications/use-cases/record-intake.ts): every row it
// writes commits together or not at all, the outbox row included. Run against the live database.
import { ApplicationChannel, buildEvent, Processing, Topics } from '@oversight/contracts';
import { outboxRow } from '@oversight/messaging';
import { databaseUrl } from '@oversight/testing';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { IntakeRecord, nextReference, recordIntake } from '../../src/applications/use-cases/record-intake';
import { api, query } from '../support';

describe('the intake statement', () => {
  let pool: Pool;
  beforeAll(() => {
    pool = new Pool({ connectionString: databaseUrl('complaint_reviews'), max: 2 });
  });
  afterAll(() => pool.end());

  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const record = async (over: Partial<IntakeRecord> = {}): Promise<IntakeRecord> => {
    const id = randomUUID();
    const reference = await nextReference(pool, yesterday);
    const complainantPersonId = randomUUID();
    return {
      id,
      reference,
      team: 'opcc-reviews-east',
      restricted: false,
      channel: 'EMAIL',
      receivedOn: yesterday,
      forceComplaintReference: `IT/${id.slice(0, 8)}`,
      handling: 'INVESTIGATED',
      grounds: 'Statement test.',
      complainant: {
        id: complainantPersonId,
        fullName: 'Statement Person',
        contactPreference: 'EMAIL',
        email: 'p@example.org',
      },
      representative: {
        id: randomUUID(),
        fullName: 'Statement Representative',
        contactPreference: 'POST',
        postalAddress: '1 High Street',
        language: 'WELSH',
        authority: 'WRITTEN_CONSENT',
      },
      iopcInvestigation: 'NONE',
      inWriting: true,
      receivedByWrongBodyOn: yesterday,
      forwardedByWrongBodyOn: yesterday,
      eligibilityRoute: 'ELIGIBLE',
      eligibilityGates: '[]',
      timeLimitStatus: 'IN_TIME',
      timeLimitDeadline: yesterday,
      daysLate: null,
      timeLimitAssessment: '{}',
      timeliness: 'IN_TIME',
      validityMissing: ['GROUNDS'],
      validityAssessment: '{"missing":["GROUNDS"]}',
      createdBy: 'reviewer.amara',
      attachments: [
        { fileName: 'a.pdf', mediaType: 'application/pdf', sizeBytes: 10 },
        { fileName: 'b.png', mediaType: 'image/png', sizeBytes: 20, description: 'photo' },
      ],
      decisionLog: { action: 'INTAKE_ASSESSED', actor: 'reviewer.amara', reason: 'test', details: '{"x":1}' },
      // A real event: the relay publishes it and the service's consumer starts the clock, as for any intake.
      outbox: outboxRow(
        Topics.reviewApplicationReceived,
        buildEvent(
          Topics.reviewApplicationReceived,
          {
            aggregateId: id,
            actor: { subject: 'reviewer.amara' },
            correlationId: `it-intake-${id}`,
            processing: Processing.COLLECTION,
          },
          {
            applicationId: id,
            reference,
            forceComplaintReference: `IT/${id.slice(0, 8)}`,
            channel: ApplicationChannel.EMAIL,
            receivedOn: yesterday,
            team: 'opcc-reviews-east',
            complainantPersonId,
          },
        ),
      ),
      ...over,
    };
  };
  const rowsOf = async (r: IntakeRecord) => {
    const [row] = await query(
      'complaint_reviews',
      `SELECT (SELECT count(*)::int FROM review_application WHERE id = $1) AS applications,
              (SELECT count(*)::int FROM person WHERE id IN ($2, $3)) AS people,
              (SELECT count(*)::int FROM application_attachment WHERE application_id = $1) AS attachments,
              (SELECT count(*)::int FROM decision_log_entry WHERE application_id = $1) AS log,
              (SELECT count(*)::int FROM outbox_message WHERE id = $4) AS events`,
      [r.id, r.complainant.id, r.representative!.id, r.outbox.id],
    );
    return row;
  };
  it('writes the application, both people, attachments, first log entry and the event together', async () => {
    const r = await record();
    await recordIntake(pool, r);
    expect(await rowsOf(r)).toEqual({ applications: 1, people: 2, attachments: 2, log: 1, events: 1 });
    // Read back through the service (Prisma): the columns are what its model expects.
    const res = await api('GET', `/api/complaint-reviews/applications/${r.id}`, { as: 'manager.priya' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      reference: r.reference,
      receivedOn: yesterday,
      wrongBodyPeriod: { receivedOn: yesterday, forwardedOn: yesterday },
      representative: { fullName: 'Statement Representative', authority: 'WRITTEN_CONSENT' },
      attachments: expect.arrayContaining([
        expect.objectContaining({ fileName: 'b.png', description: 'photo' }),
      ]),
      assessment: { validity: { missing: ['GROUNDS'] } },
    });
  });

  it('writes nothing when the outbox insert fails (an event id already used)', async () => {
    const first = await record();
    await recordIntake(pool, first);
    const second = await record({ outbox: { ...first.outbox, messageKey: randomUUID() } });
    await expect(recordIntake(pool, second)).rejects.toThrow(/outbox_message_pkey|duplicate key/);
    expect(await rowsOf(second)).toEqual({ applications: 0, people: 0, attachments: 0, log: 0, events: 1 });
  });

  it('writes nothing, the event neither, when a domain insert fails (a reference already used)', async () => {
    const first = await record();
    await recordIntake(pool, first);
    const second = await record({ reference: first.reference });
    await expect(recordIntake(pool, second)).rejects.toThrow(/duplicate key/);
    expect(await rowsOf(second)).toEqual({ applications: 0, people: 0, attachments: 0, log: 0, events: 0 });
  });
});
