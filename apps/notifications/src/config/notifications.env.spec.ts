import { InvalidConfigurationError, loadConfig } from '@oversight/config';
import { notificationSenderFor } from '../delivery/delivery.providers';
import { GovUkNotifySender } from '../delivery/govuk-notify.sender';
import { LocalSinkSender } from '../delivery/local-sink.sender';
import { NotificationsEnv } from './notifications.env';

const base = {
  DATABASE_URL: 'postgresql://u:pw@127.0.0.1:5432/notifications',
  PORT: '3104',
  AUTH_JWKS_URL: 'http://127.0.0.1:3000/auth/jwks.json',
  AUTH_ISSUER: 'http://127.0.0.1:3000/auth',
};
const KEY = 'live-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';
const notify = {
  NOTIFICATIONS_DELIVERY: 'govuk-notify',
  NOTIFY_API_KEY: KEY,
  NOTIFY_BASE_URL: 'https://api.notifications.service.gov.uk',
  NOTIFY_TEMPLATE_IDS: JSON.stringify({ '*': 'f33517ff-2a88-4f6e-b855-c550268ce08a' }),
};

describe('NotificationsEnv', () => {
  it('defaults to the local sink under .local/', () => {
    const env = loadConfig(NotificationsEnv, base);
    expect(env.NOTIFICATIONS_DELIVERY).toBe('local');
    expect(env.NOTIFICATIONS_SINK_DIR).toBe('.local/notifications');
    expect(notificationSenderFor(env)).toBeInstanceOf(LocalSinkSender);
  });

  it('builds the Notify sender when every Notify setting is given', () => {
    expect(notificationSenderFor(loadConfig(NotificationsEnv, { ...base, ...notify }))).toBeInstanceOf(
      GovUkNotifySender,
    );
  });

  it.each([
    ['no API key', { NOTIFY_API_KEY: undefined }, /NOTIFY_API_KEY/],
    ['no base URL', { NOTIFY_BASE_URL: undefined }, /NOTIFY_BASE_URL/],
    ['no template ids', { NOTIFY_TEMPLATE_IDS: undefined }, /NOTIFY_TEMPLATE_IDS/],
    ['a malformed key', { NOTIFY_API_KEY: 'not-a-key' }, /NOTIFY_API_KEY must be a GOV.UK Notify API key/],
    [
      'a template without an id',
      {
        NOTIFY_TEMPLATE_IDS: JSON.stringify({
          'oocr.condition-reminder': 'f33517ff-2a88-4f6e-b855-c550268ce08a',
        }),
      },
      /no Notify template id for "complaint-review.acknowledgement"/,
    ],
  ])('refuses to boot with govuk-notify and %s', (_name, override, message) => {
    expect(() => loadConfig(NotificationsEnv, { ...base, ...notify, ...override })).toThrow(
      InvalidConfigurationError,
    );
    expect(() => loadConfig(NotificationsEnv, { ...base, ...notify, ...override })).toThrow(message);
  });

  it('never repeats the API key in an error', () => {
    const leaky = `${KEY}-extra`.replace('live-', 'live key with spaces ');
    for (const env of [
      { ...base, ...notify, NOTIFY_API_KEY: leaky, NOTIFY_BASE_URL: 'nope' },
      { ...base, ...notify, NOTIFY_TEMPLATE_IDS: '{' },
    ]) {
      try {
        loadConfig(NotificationsEnv, env);
        throw new Error('should have failed');
      } catch (err) {
        expect((err as Error).message).not.toContain('3d844edf');
      }
    }
  });

  it('refuses the local sink in production, where it would silently send nothing', () => {
    const env = loadConfig(NotificationsEnv, { ...base, NODE_ENV: 'production' });
    expect(() => notificationSenderFor(env)).toThrow(/not allowed in production/);
  });
});
