import { jwtVerify } from 'jose';
import { FakeNotify } from '../../test/fake-notify';
import { GovUkNotifySender } from './govuk-notify.sender';
import { OutgoingNotification, ProviderRejectedError, ProviderUnavailableError } from './notification.sender';

const SERVICE_ID = '26785a09-ab16-4eb0-8407-a37497a57506';
const SECRET = '3d844edf-8d35-48ac-975b-e847b4f122b0';
const API_KEY = `unit-test-${SERVICE_ID}-${SECRET}`;
const TEMPLATE_ID = 'f33517ff-2a88-4f6e-b855-c550268ce08a';

const notification = (over: Partial<OutgoingNotification> = {}): OutgoingNotification => ({
  id: '0d6f4c3e-5a41-4b8e-9a8f-2f0b6a7c1d11',
  channel: 'EMAIL',
  templateKey: 'complaint-review.acknowledgement',
  language: 'ENGLISH',
  recipient: { emailAddress: 'h.vance@example.org' },
  personalisation: { name: 'Harriet Vance', reference: 'CR-2026-000123' },
  rendered: { subject: 'We have received your request', body: 'Dear Harriet Vance, …' },
  reference: 'CR-2026-000123',
  ...over,
});

describe('GovUkNotifySender (against a local fake Notify)', () => {
  const notify = new FakeNotify();
  let sender: GovUkNotifySender;

  beforeAll(async () => {
    await notify.start();
    sender = new GovUkNotifySender({
      baseUrl: `${notify.url}/`,
      apiKey: API_KEY,
      templateIds: { '*': { ENGLISH: TEMPLATE_ID, WELSH: TEMPLATE_ID } },
      timeoutMs: 2000,
    });
  });
  afterAll(() => notify.stop());
  beforeEach(() => notify.reset());

  it('posts an email in Notify’s shape with a bearer JWT that verifies with the key’s secret', async () => {
    const receipt = await sender.send(notification());
    expect(receipt).toEqual({ providerReference: expect.stringMatching(/^notify-\d+$/) });
    const [req] = notify.received;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/v2/notifications/email');
    const token = req.authorization!.replace(/^Bearer /, '');
    const { payload } = await jwtVerify(token, new TextEncoder().encode(SECRET), {
      algorithms: ['HS256'],
      issuer: SERVICE_ID,
    });
    expect(Math.abs(payload.iat! - Date.now() / 1000)).toBeLessThan(30);
    expect(req.body).toEqual({
      email_address: 'h.vance@example.org',
      template_id: TEMPLATE_ID,
      reference: '0d6f4c3e-5a41-4b8e-9a8f-2f0b6a7c1d11',
      personalisation: {
        name: 'Harriet Vance',
        reference: 'CR-2026-000123',
        subject: 'We have received your request',
        body: 'Dear Harriet Vance, …',
      },
    });
  });

  it('posts a text message with phone_number', async () => {
    await sender.send(
      notification({
        channel: 'SMS',
        recipient: { phoneNumber: '07700 900123' },
        rendered: { subject: null, body: 'Hello' },
      }),
    );
    expect(notify.received[0].path).toBe('/v2/notifications/sms');
    expect(notify.received[0].body).toMatchObject({
      phone_number: '07700 900123',
      template_id: TEMPLATE_ID,
      personalisation: { body: 'Hello', subject: '' },
    });
  });

  it('posts a letter with the address as address_line_1..n in the personalisation', async () => {
    await sender.send(
      notification({
        channel: 'LETTER',
        recipient: { addressLines: ['Harriet Vance', '12 Orchard Row', 'Maidstone', 'ME14 1XX'] },
      }),
    );
    const { path, body } = notify.received[0];
    expect(path).toBe('/v2/notifications/letter');
    expect(body.email_address).toBeUndefined();
    expect(body.personalisation).toMatchObject({
      address_line_1: 'Harriet Vance',
      address_line_2: '12 Orchard Row',
      address_line_3: 'Maidstone',
      address_line_4: 'ME14 1XX',
    });
  });

  it('treats a 400 as a rejection of this message (FAILED), with Notify’s reason', async () => {
    notify.responses.push({
      status: 400,
      body: {
        status_code: 400,
        errors: [{ error: 'ValidationError', message: 'email_address Not a valid email address' }],
      },
    });
    const err = await sender.send(notification()).catch((e) => e);
    expect(err).toBeInstanceOf(ProviderRejectedError);
    expect(err.message).toBe(
      'GOV.UK Notify rejected the notification (400: ValidationError: email_address Not a valid email address)',
    );
  });

  it.each([500, 503, 429, 403])(
    'treats a %s as the provider being unavailable (retried, not FAILED)',
    async (status) => {
      notify.responses.push({
        status,
        body: { status_code: status, errors: [{ error: 'Exception', message: 'Internal server error' }] },
      });
      const err = await sender.send(notification()).catch((e) => e);
      expect(err).toBeInstanceOf(ProviderUnavailableError);
      expect(err.retriable).toBe(true);
    },
  );

  it('treats an unreachable Notify as unavailable', async () => {
    const nowhere = new GovUkNotifySender({
      baseUrl: 'http://127.0.0.1:9',
      apiKey: API_KEY,
      templateIds: { '*': { ENGLISH: TEMPLATE_ID } },
    });
    await expect(nowhere.send(notification())).rejects.toBeInstanceOf(ProviderUnavailableError);
  });
});
