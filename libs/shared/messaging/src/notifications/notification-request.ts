import {
  buildEvent,
  NotificationChannel,
  NotificationLanguage,
  Processing,
  Topics,
} from '@oversight/contracts';
import { appendToOutbox } from '../outbox/outbox.writer';
import { SqlClient } from '../sql-client';

/** How a person can be reached, as a service holds it. */
export interface Contact {
  email?: string | null;
  phone?: string | null;
  name?: string | null;
  addressLines?: string[] | null;
}

export type Channel = 'EMAIL' | 'SMS' | 'LETTER';

/** Email first, then text, then letter, among the channels the template allows; null when the person cannot be reached. */
export function channelFor(
  contact: Contact,
  allowed: readonly Channel[] = ['EMAIL', 'SMS', 'LETTER'],
): {
  channel: NotificationChannel;
  recipient: { emailAddress?: string; phoneNumber?: string; addressLines?: string[] };
} | null {
  if (contact.email && allowed.includes('EMAIL'))
    return { channel: NotificationChannel.EMAIL, recipient: { emailAddress: contact.email } };
  if (contact.phone && allowed.includes('SMS'))
    return { channel: NotificationChannel.SMS, recipient: { phoneNumber: contact.phone } };
  if (contact.addressLines?.length && allowed.includes('LETTER'))
    return {
      channel: NotificationChannel.LETTER,
      recipient: { addressLines: [contact.name ?? '', ...contact.addressLines].filter(Boolean) },
    };
  return null;
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A date as people read it in a letter: 21 December 2026. */
export function longDate(isoDate: string): string {
  return LONG_DATE.format(new Date(`${isoDate}T00:00:00Z`));
}

export interface NotificationRequest {
  notificationId: string;
  templateKey: string;
  contact: Contact;
  channels?: readonly Channel[];
  personalisation: Record<string, string>;
  reference: string;
  dataSubjectId: string;
  correlationId: string;
  why: string;
  language?: 'ENGLISH' | 'WELSH';
}

/**
 * Asks apps/notifications to send a message (platform.notification-requested.v1), in the caller's transaction,
 * on behalf of `service` (whose roles then govern who may read it there). The notification id is chosen by the
 * caller, deterministically, so a retried request is the same request. Returns false when the person cannot be
 * reached.
 */
export async function requestNotificationFor(
  service: { name: string; actor: { subject: string; kind: number; roles: string[] } },
  tx: SqlClient,
  req: NotificationRequest,
): Promise<boolean> {
  const route = channelFor(req.contact, req.channels);
  if (!route) return false;
  const event = buildEvent(
    Topics.notificationRequested,
    {
      aggregateId: req.notificationId,
      actor: service.actor,
      correlationId: req.correlationId,
      processing: Processing.DISCLOSURE,
      justification: req.why,
    },
    {
      notificationId: req.notificationId,
      channel: route.channel,
      templateKey: req.templateKey,
      language: req.language === 'WELSH' ? NotificationLanguage.WELSH : NotificationLanguage.ENGLISH,
      recipient: route.recipient,
      personalisation: req.personalisation,
      reference: req.reference,
      requestedByService: service.name,
      dataSubjectId: req.dataSubjectId,
    },
  );
  await appendToOutbox(tx, Topics.notificationRequested, event);
  return true;
}
