import { InvalidConfigurationError } from '@oversight/config';
import { NotificationsEnv } from '../config/notifications.env';
import { TEMPLATE_KEYS } from '../templates/notification-templates';
import { GovUkNotifySender } from './govuk-notify.sender';
import { LocalSinkSender } from './local-sink.sender';
import { NotificationSender } from './notification.sender';
import { parseNotifyTemplateIds } from './notify-template-ids';

/** The delivery adapter chosen by NOTIFICATIONS_DELIVERY (the environment is already validated). */
export function notificationSenderFor(env: NotificationsEnv): NotificationSender {
  if (env.NOTIFICATIONS_DELIVERY === 'govuk-notify') {
    return new GovUkNotifySender({
      baseUrl: env.NOTIFY_BASE_URL!,
      apiKey: env.NOTIFY_API_KEY!,
      templateIds: parseNotifyTemplateIds(env.NOTIFY_TEMPLATE_IDS!, TEMPLATE_KEYS),
      timeoutMs: env.NOTIFY_TIMEOUT_MS,
    });
  }
  // A production service that silently writes letters to its own disk would be worse than one that stops.
  if (env.NODE_ENV === 'production')
    throw new InvalidConfigurationError(
      'NOTIFICATIONS_DELIVERY=local is not allowed in production: use govuk-notify',
    );
  return new LocalSinkSender(env.NOTIFICATIONS_SINK_DIR);
}
