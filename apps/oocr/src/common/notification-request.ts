import { NotificationRequest, requestNotificationFor, SqlClient } from '@oversight/messaging';
import { SERVICE_ACTOR } from './actor';

export { channelFor, longDate, type Channel, type Contact } from '@oversight/messaging';

/**
 * Asks the notifications service to send a message for this service (@oversight/messaging
 * requestNotificationFor), in the caller's transaction. Returns false when the person cannot be reached.
 */
export function requestNotification(tx: SqlClient, req: NotificationRequest): Promise<boolean> {
  return requestNotificationFor({ name: 'oocr', actor: SERVICE_ACTOR }, tx, req);
}
