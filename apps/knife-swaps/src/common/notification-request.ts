import {
  buildEvent,
  NotificationChannel,
  NotificationLanguage,
  Processing,
  Topics,
} from '@oversight/contracts';
import { Role } from '@oversight/auth';
import { householdContactRoute, isDomesticAbuse, isReferralReason } from '@oversight/knife-swap-rules';
import { appendToOutbox } from '@oversight/messaging';
import { currentCorrelationId } from '@oversight/observability';
import { SERVICE_ACTOR } from './actor';
import { deterministicUuid } from './deterministic-id';
import type { Prisma } from '../generated/prisma/client';

interface Householder {
  id: string;
  reference: string;
  reason: string;
  safeContact: string | null;
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
 * transaction, by the channel @oversight/knife-swap-rules householdContactRoute allows: email, else text, else
 * letter to the swap address; for a domestic-abuse household only the safe channel agreed with the victim. When
 * nothing may be sent, a practitioner task says to tell the household in person instead, and null is returned.
 * The id is derived from `key`, so a retried request is the same request. Welsh when the household asked for it.
 */
export async function requestHouseholdNotification(
  tx: Prisma.TransactionClient,
  req: {
    key: string;
    templateKey: string;
    referral: Householder;
    personalisation: Record<string, string>;
    why: string;
    correlationId?: string;
  },
): Promise<string | null> {
  const r = req.referral;
  const via = householdContactRoute({
    domesticAbuse: isReferralReason(r.reason) && isDomesticAbuse(r.reason),
    safeContact: r.safeContact,
    email: r.householderEmail,
    phone: r.householderPhone,
  });
  if (!via) {
    const taskId = deterministicUuid(`IN_PERSON:${req.key}`);
    if (!(await tx.coordinatorTask.findUnique({ where: { id: taskId }, select: { id: true } })))
      await tx.coordinatorTask.create({
        data: {
          id: taskId,
          kind: 'TELL_HOUSEHOLD_IN_PERSON',
          referralId: r.id,
          assignee: Role.VruPractitioner,
          summary: `${r.reference}: nothing is sent to this household (domestic abuse, no safe channel agreed): give the ${req.templateKey.replace('knife-swap.', '').replace(/-/g, ' ')} in person or through the DA adviser`,
        },
      });
    return null;
  }
  const route =
    via === 'EMAIL'
      ? { channel: NotificationChannel.EMAIL, recipient: { emailAddress: r.householderEmail! } }
      : via === 'SMS'
        ? { channel: NotificationChannel.SMS, recipient: { phoneNumber: r.householderPhone! } }
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
