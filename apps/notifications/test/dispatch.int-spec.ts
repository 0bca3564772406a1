// The running service end to end: a NotificationRequested on Kafka → a notification row, a message
// in the local sink, and a NotificationDispatched through the outbox to Kafka.
import {
  NotificationChannel,
  NotificationLanguage,
  NotificationStatus,
  Processing,
} from '@oversight/contracts';
import { waitFor } from '@oversight/testing';
import { existsSync } from 'node:fs';
import {
  assertServiceRunning,
  closeProducer,
  dispatchedEvents,
  notificationRequest,
  notificationRow,
  publish,
  query,
  readSinkFile,
  removeSinkFiles,
  sinkFile,
} from './support';

const created: string[] = [];
const request = (...args: Parameters<typeof notificationRequest>) => {
  const e = notificationRequest(...args);
  created.push(e.notificationId);
  return e;
};

const settled = (id: string) =>
  waitFor(
    `notification ${id} to be SENT or FAILED`,
    () => notificationRow(id),
    (r) => !!r && r.status !== 'QUEUED',
  );
const published = (id: string) =>
  waitFor(
    `the dispatched event of ${id} to be published`,
    () => dispatchedEvents(id),
    (events) => events.length > 0 && events.every((e) => e.publishedAt !== null),
  );

beforeAll(assertServiceRunning);
afterAll(async () => {
  await closeProducer();
  removeSinkFiles(created);
});

describe('a notification request', () => {
  it('is sent: the row is SENT, the sink has the message, and a SENT dispatched event with the same correlation id is published', async () => {
    const req = request();
    await publish([req]);

    const row = await settled(req.notificationId);
    expect(row).toMatchObject({
      status: 'SENT',
      channel: 'EMAIL',
      language: 'ENGLISH',
      template_key: 'complaint-review.acknowledgement',
      reference: req.reference,
      recipient_summary: 'email to d***@example.org',
      correlation_id: req.metadata.correlationId,
      delivered_by: 'local',
      attempts: 1,
      failure_reason: null,
    });
    expect(row!.rendered_subject).toBe(`We have received your request for a review – ${req.reference}`);
    expect(row!.rendered_body).toContain('Dear Delphine Arkwright,');
    expect(row!.sent_on).not.toBeNull();

    const file = readSinkFile(req.notificationId);
    expect(file).toMatchObject({
      id: req.notificationId,
      channel: 'EMAIL',
      recipient: { emailAddress: 'delphine.arkwright@example.org' },
      subject: row!.rendered_subject,
      body: row!.rendered_body,
    });

    const [{ event }] = await published(req.notificationId);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    expect(event).toMatchObject({
      notificationId: req.notificationId,
      status: NotificationStatus.SENT,
      sentOn: today,
      reference: req.reference,
      requestedByService: 'complaint-reviews',
      channel: NotificationChannel.EMAIL,
      recipientSummary: 'email to d***@example.org',
      dataSubjectId: req.dataSubjectId,
      failureReason: '',
    });
    expect(event.providerReference).toBe(`local:${req.notificationId}`);
    expect(event.metadata).toMatchObject({
      correlationId: req.metadata.correlationId,
      aggregateId: req.notificationId,
      processing: Processing.DISCLOSURE,
    });
    expect(event.metadata.actor).toMatchObject({ subject: 'notifications' });
  });

  it('is sent in Welsh by letter, with only the postcode in the summary', async () => {
    const req = request({
      channel: NotificationChannel.LETTER,
      language: NotificationLanguage.WELSH,
      recipient: { addressLines: ['Delphine Arkwright', '4 Heol y Castell', 'Aberystwyth', 'SY23 1AB'] },
    });
    await publish([req]);
    expect(await settled(req.notificationId)).toMatchObject({
      status: 'SENT',
      channel: 'LETTER',
      language: 'WELSH',
      recipient_summary: 'letter to SY23 1AB',
    });
    expect(readSinkFile(req.notificationId)!.body).toContain('Annwyl Delphine Arkwright,');
    const [{ event }] = await published(req.notificationId);
    expect(event.recipientSummary).toBe('letter to SY23 1AB');
  });

  it('delivered twice (and requested again under a new event) gives one notification and one dispatched event', async () => {
    const req = request();
    const again = notificationRequest({ notificationId: req.notificationId, reference: req.reference }); // the requester retried with a new event
    // A later request on the same key (so the same partition): once it is done, the duplicates before it are too.
    const marker = request();
    await publish([req, req, again, marker], req.notificationId);

    await settled(marker.notificationId);
    expect(await notificationRow(req.notificationId)).toMatchObject({
      status: 'SENT',
      request_event_id: req.metadata.eventId,
      attempts: 1,
    });
    const events = await published(req.notificationId);
    expect(events).toHaveLength(1);
    const inbox = await query(
      `SELECT event_id FROM inbox_message WHERE event_id = ANY($1::uuid[]) ORDER BY processed_at`,
      [[req.metadata.eventId, again.metadata.eventId]],
    );
    expect(inbox.map((r) => r.event_id).sort()).toEqual(
      [req.metadata.eventId, again.metadata.eventId].sort(),
    );
    expect(
      await query(`SELECT count(*)::int AS n FROM notification WHERE reference = $1`, [req.reference]),
    ).toEqual([{ n: 1 }]);
  });

  it.each([
    [
      'an unknown template',
      { templateKey: 'complaint-review.no-such-template' },
      'There is no notification template "complaint-review.no-such-template"',
      'email to d***@example.org',
    ],
    [
      'a missing placeholder',
      { personalisation: { name: 'Delphine Arkwright' } },
      'needs a value for: received_on, target_weeks, contact_details, review_body_name',
      'email to d***@example.org',
    ],
    [
      'a recipient that does not match the channel',
      { channel: NotificationChannel.SMS, templateKey: 'oocr.condition-reminder' },
      'SMS notifications need a phone number and nothing else; the request has an email address',
      'sms to an invalid recipient',
    ],
  ])(
    'with %s is FAILED with the reason, is not sent, and the requester is told',
    async (_name, overrides, reason, summary) => {
      const req = request(overrides);
      await publish([req]);

      const row = await settled(req.notificationId);
      expect(row).toMatchObject({
        status: 'FAILED',
        delivered_by: null,
        provider_reference: null,
        sent_on: null,
        attempts: 0,
        recipient_summary: summary,
      });
      expect(row!.failure_reason).toContain(reason);
      expect(existsSync(sinkFile(req.notificationId))).toBe(false);

      const [{ event }] = await published(req.notificationId);
      expect(event).toMatchObject({
        status: NotificationStatus.FAILED,
        sentOn: '',
        reference: req.reference,
        recipientSummary: summary,
      });
      expect(event.failureReason).toContain(reason);
      expect(event.metadata).toMatchObject({
        correlationId: req.metadata.correlationId,
        processing: Processing.NONE,
      });
      // Not parked: it was handled, and FAILED is its answer.
      expect(
        await query(`SELECT count(*)::int AS n FROM parked_message WHERE payload LIKE $1`, [
          `%${req.notificationId}%`,
        ]),
      ).toEqual([{ n: 0 }]);
    },
  );
});
