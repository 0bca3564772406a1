// The GOV.UK Notify adapter behind the real inbox consumer and dispatcher, against a fake Notify on
// a local port and a scratch database of this file's own (the shared service is not involved).
import { encodeEvent, eventHeaders, NotificationStatus, Topics } from '@oversight/contracts';
import { createKafka, InboxConsumer, InboundMessage } from '@oversight/messaging';
import { freshDatabase, REPO_ROOT, SHARED_KAFKA_BROKERS, waitFor } from '@oversight/testing';
import { jwtVerify } from 'jose';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GovUkNotifySender } from '../src/delivery/govuk-notify.sender';
import { NotificationDispatcher } from '../src/dispatch/notification-dispatcher.service';
import { Prisma } from '../src/generated/prisma/client';
import { PrismaService } from '../src/infrastructure/prisma.service';
import { FakeNotify, notifyError } from './fake-notify';
import { dispatchedEvents, notificationRequest, notificationRow, query, RequestEvent } from './support';

const DB = 'notifications_it_notify';
const SERVICE_ID = '5e7c3f0a-9d0b-4c4e-8a51-0f2d7c9b1e44';
const SECRET = 'b3a1d2c4-7e6f-4a5b-9c8d-1e2f3a4b5c6d';
const TEMPLATE_ID = '8f1e2d3c-4b5a-4697-8877-665544332211';

function migrationSql(): string {
  const dir = join(REPO_ROOT, 'apps/notifications/prisma/migrations');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => readFileSync(join(dir, name, 'migration.sql'), 'utf8'))
    .join('\n');
}

describe('delivery through GOV.UK Notify', () => {
  const notify = new FakeNotify();
  let prisma: PrismaService;
  let consumer: InboxConsumer;
  let offset = 0;

  /** Hands one request to the consumer as if it had just arrived from Kafka. */
  const deliver = (event: RequestEvent) => {
    const msg: InboundMessage = {
      topic: Topics.notificationRequested.name,
      partition: 0,
      offset: String(offset++),
      key: event.notificationId,
      headers: eventHeaders(event),
      value: encodeEvent(Topics.notificationRequested, event),
    };
    return consumer.process(msg);
  };

  beforeAll(async () => {
    await notify.start();
    const url = await freshDatabase(DB, migrationSql());
    prisma = new PrismaService(url);
    const sender = new GovUkNotifySender({
      baseUrl: notify.url,
      apiKey: `oversight-integration-${SERVICE_ID}-${SECRET}`,
      templateIds: { '*': { ENGLISH: TEMPLATE_ID, WELSH: TEMPLATE_ID } },
      timeoutMs: 2000,
    });
    const dispatcher = new NotificationDispatcher(sender);
    consumer = new InboxConsumer({
      kafka: createKafka('notifications-it', SHARED_KAFKA_BROKERS), // never started: messages are handed to process()
      groupId: 'notifications',
      db: prisma,
      maxBackoffMs: 200,
      handlers: new Map([
        [
          Topics.notificationRequested.name,
          (event, ctx) =>
            dispatcher.handle(event as RequestEvent, ctx.tx as unknown as Prisma.TransactionClient),
        ],
      ]),
    });
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await notify.stop();
  });

  beforeEach(() => notify.reset());

  it('posts to /v2/notifications/email with a JWT that verifies with the key’s secret and Notify’s body fields, and records Notify’s id', async () => {
    const req = notificationRequest();
    expect(await deliver(req)).toBe('processed');

    expect(notify.received).toHaveLength(1);
    const [call] = notify.received;
    expect(call).toMatchObject({ method: 'POST', path: '/v2/notifications/email' });
    const { payload } = await jwtVerify(
      call.authorization!.replace(/^Bearer /, ''),
      new TextEncoder().encode(SECRET),
      { algorithms: ['HS256'] },
    );
    expect(payload.iss).toBe(SERVICE_ID);
    expect(Math.abs(payload.iat! - Date.now() / 1000)).toBeLessThan(30);
    expect(call.body).toEqual({
      email_address: 'delphine.arkwright@example.org',
      template_id: TEMPLATE_ID,
      reference: req.notificationId,
      personalisation: expect.objectContaining({
        name: 'Delphine Arkwright',
        reference: req.reference,
        subject: `We have received your request for a review – ${req.reference}`,
        body: expect.stringContaining('Dear Delphine Arkwright,'),
      }),
    });

    const row = await notificationRow(req.notificationId, DB);
    expect(row).toMatchObject({
      status: 'SENT',
      delivered_by: 'govuk-notify',
      provider_reference: 'notify-1',
      attempts: 1,
    });
    const [{ event }] = await dispatchedEvents(req.notificationId, DB);
    expect(event).toMatchObject({ status: NotificationStatus.SENT, providerReference: 'notify-1' });
  });

  it('retries while Notify answers 500 (nothing FAILED, nothing committed, nothing parked) and sends once it recovers', async () => {
    notify.fallback = notifyError(500, 'Exception', 'Internal server error');
    const req = notificationRequest();
    const outcome = deliver(req);

    await waitFor(
      'Notify to have been tried three times',
      async () => notify.received.length,
      (n) => n >= 3,
    );
    expect(await notificationRow(req.notificationId, DB)).toBeUndefined(); // each failed attempt rolled back
    expect(await dispatchedEvents(req.notificationId, DB)).toEqual([]);

    notify.fallback = undefined; // Notify is back
    expect(await outcome).toBe('processed');
    const row = await notificationRow(req.notificationId, DB);
    expect(row).toMatchObject({ status: 'SENT', failure_reason: null });
    expect(row!.attempts).toBe(notify.received.length);
    const events = await dispatchedEvents(req.notificationId, DB);
    expect(events.map((e) => e.event.status)).toEqual([NotificationStatus.SENT]);
    expect(await query(`SELECT count(*)::int AS n FROM parked_message`, [], DB)).toEqual([{ n: 0 }]);
  });

  it('marks the notification FAILED, with Notify’s reason and without retrying, when Notify rejects it (400)', async () => {
    notify.responses.push(notifyError(400, 'ValidationError', 'email_address Not a valid email address'));
    const req = notificationRequest();
    expect(await deliver(req)).toBe('processed');

    expect(notify.received).toHaveLength(1);
    const row = await notificationRow(req.notificationId, DB);
    expect(row).toMatchObject({ status: 'FAILED', delivered_by: 'govuk-notify', sent_on: null, attempts: 1 });
    expect(row!.failure_reason).toBe(
      'GOV.UK Notify rejected the notification (400: ValidationError: email_address Not a valid email address)',
    );
    const [{ event }] = await dispatchedEvents(req.notificationId, DB);
    expect(event).toMatchObject({ status: NotificationStatus.FAILED, failureReason: row!.failure_reason });
  });
});
