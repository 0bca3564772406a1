import { Principal, Role } from '@oversight/auth';
import {
  ActorKind,
  buildEvent,
  NotificationChannel,
  NotificationLanguage,
  Processing,
  Topics,
} from '@oversight/contracts';
import { appendToOutbox } from '@oversight/messaging';
import { currentCorrelationId } from '@oversight/observability';
import { randomUUID } from 'node:crypto';
import { actorOf } from '../decision-log/decision-log';
import { Prisma } from '../generated/prisma/client';

export const REQUESTED_BY_SERVICE = 'complaint-reviews';

export type LetterTemplate =
  | 'complaint-review.acknowledgement'
  | 'complaint-review.information-request'
  | 'complaint-review.passed-to-iopc'
  | 'complaint-review.outcome-complainant'
  | 'complaint-review.outcome-force'
  | 'complaint-review.receipt-force'
  | 'complaint-review.receipt-notice'
  | 'complaint-review.recommendation-response-overdue'
  | 'complaint-review.closed';

export interface LetterRecipient {
  kind: 'COMPLAINANT' | 'FORCE' | 'INTERESTED_PERSON' | 'PERSON_COMPLAINED_AGAINST';
  name: string;
  email?: string | null;
  postalAddress?: string | null;
  contactPreference?: 'EMAIL' | 'POST' | 'PHONE';
  language: 'ENGLISH' | 'WELSH';
}

/** A letter date as people read it: 21 December 2026 (Welsh letters get the Welsh month names). */
export function longDate(isoDate: string, language: 'ENGLISH' | 'WELSH' = 'ENGLISH'): string {
  return new Intl.DateTimeFormat(language === 'WELSH' ? 'cy-GB' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T00:00:00Z`));
}

/**
 * Email when the person prefers it (or cannot be written to), otherwise a letter. A person who asked
 * for phone contact still gets the written record, by email if we have it.
 */
function routeFor(
  r: LetterRecipient,
): { channel: NotificationChannel; recipient: Record<string, unknown> } | null {
  const address = r.postalAddress
    ?.split(/\n|,/)
    .map((l) => l.trim())
    .filter(Boolean);
  const letter = address && address.length >= 2 ? { addressLines: [r.name, ...address].slice(0, 7) } : null;
  const email = r.email ? { emailAddress: r.email } : null;
  const preferLetter = r.contactPreference === 'POST';
  if (preferLetter && letter) return { channel: NotificationChannel.LETTER, recipient: letter };
  if (email) return { channel: NotificationChannel.EMAIL, recipient: email };
  if (letter) return { channel: NotificationChannel.LETTER, recipient: letter };
  return null;
}

/** Whether a letter or email can be sent to this recipient (an email, or a postal address of 2+ lines). */
export function canBeWrittenTo(r: LetterRecipient): boolean {
  return routeFor(r) !== null;
}

/**
 * Asks the notifications service for a letter or email (platform.notification-requested.v1) and
 * records it as REQUESTED, in the caller's transaction. The dispatched event later marks it SENT with
 * its date. When there is no email or postal address to write to, nothing is requested and the
 * decision log says so (returns null): staff then contact the person another way; the case goes on.
 */
export async function requestLetter(
  tx: Prisma.TransactionClient,
  principal: Principal,
  req: {
    /** team and restricted travel with the letter: notifications applies the case's access rules to it. */
    application: { id: string; reference: string; complainantId: string; team: string; restricted: boolean };
    template: LetterTemplate;
    recipient: LetterRecipient;
    personalisation: Record<string, string>;
    why: string;
    /** Who asks, when not a person: the service itself (e.g. a clock's reminder). */
    actor?: { subject: string; kind: ActorKind };
  },
): Promise<string | null> {
  const route = routeFor(req.recipient);
  if (!route) {
    await tx.decisionLogEntry.create({
      data: {
        applicationId: req.application.id,
        action: 'LETTER_NOT_SENT',
        actor: principal.subject,
        reason: `No email or postal address is recorded for the ${req.recipient.kind.toLowerCase()}: contact them another way`,
        details: { templateKey: req.template },
      },
    });
    return null;
  }
  const id = randomUUID();
  await tx.letter.create({
    data: {
      id,
      applicationId: req.application.id,
      templateKey: req.template,
      recipientKind: req.recipient.kind,
      channel: NotificationChannel[route.channel],
      language: req.recipient.language,
    },
  });
  const event = buildEvent(
    Topics.notificationRequested,
    {
      aggregateId: id,
      actor: req.actor ?? actorOf(principal),
      correlationId: currentCorrelationId(),
      processing: Processing.DISCLOSURE,
      justification: req.why,
    },
    {
      notificationId: id,
      channel: route.channel,
      templateKey: req.template,
      language:
        req.recipient.language === 'WELSH' ? NotificationLanguage.WELSH : NotificationLanguage.ENGLISH,
      recipient: route.recipient,
      personalisation: req.personalisation,
      reference: req.application.reference,
      requestedByService: REQUESTED_BY_SERVICE,
      dataSubjectId: req.application.complainantId,
      // The case's own rule (ApplicationsService.assertCanSee): restricted cases are read by their team and managers.
      accessScope: {
        owningService: REQUESTED_BY_SERVICE,
        recordType: 'review-application',
        recordId: req.application.id,
        team: req.application.team,
        restricted: req.application.restricted,
        rolesAcrossTeams: [Role.OpccManager],
      },
    },
  );
  await appendToOutbox(tx, Topics.notificationRequested, event);
  return id;
}
