import {
  buildEvent,
  NotificationChannel,
  NotificationLanguage,
  Processing,
  Topics,
} from '@oversight/contracts';
import { appendToOutbox, SqlClient } from '@oversight/messaging';
import { currentCorrelationId } from '@oversight/observability';
import { SERVICE_ACTOR } from './actor';
import { deterministicUuid } from './deterministic-id';

interface Householder {
  reference: string;
  householdId: string;
  householderName: string;
  householderEmail: string | null;
  householderPhone: string | null;
  householderLanguage: string;
  addressLines: string[];
  postcode: string;
}

/**
 * Asks apps/notifications to write to the householder (platform.notification-requested.v1), in the caller's
 * transaction: email, else text, else letter to the swap address. The id is derived from `key`, so a retried
 * request is the same request. Welsh when the household asked for it.
 */
export async function requestHouseholdNotification(
  tx: SqlClient,
  req: {
    key: string;
    templateKey: string;
    referral: Householder;
    personalisation: Record<string, string>;
    why: string;
    correlationId?: string;
  },
): Promise<string> {
  const r = req.referral;
  const route = r.householderEmail
    ? { channel: NotificationChannel.EMAIL, recipient: { emailAddress: r.householderEmail } }
    : r.householderPhone
      ? { channel: NotificationChannel.SMS, recipient: { phoneNumber: r.householderPhone } }
      : {
          channel: NotificationChannel.LETTER,
          recipient: { addressLines: [r.householderName, ...r.addressLines, r.postcode] },
        };
  const notificationId = deterministicUuid(`notification:${req.key}`);
  const event = buildEvent(
    Topics.notificationRequested,
    {
      aggregateId: notificationId,
      actor: SERVICE_ACTOR,
      correlationId: req.correlationId ?? currentCorrelationId(),
      processing: Processing.DISCLOSURE,
      justification: req.why,
    },
    {
      notificationId,
      channel: route.channel,
      templateKey: req.templateKey,
      language: r.householderLanguage === 'WELSH' ? NotificationLanguage.WELSH : NotificationLanguage.ENGLISH,
      recipient: route.recipient,
      personalisation: { reference: r.reference, ...req.personalisation },
      reference: r.reference,
      requestedByService: 'knife-swaps',
      dataSubjectId: r.householdId,
    },
  );
  await appendToOutbox(tx, Topics.notificationRequested, event);
  return notificationId;
}
