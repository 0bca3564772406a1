import { Inject, Injectable } from '@nestjs/common';
import {
  ActorKind,
  buildEvent,
  EventOf,
  NotificationChannel as EventChannel,
  NotificationLanguage as EventLanguage,
  NotificationStatus as EventStatus,
  Processing,
  timestampDate,
  Topics,
} from '@oversight/contracts';
import { appendToOutbox, PermanentProcessingError } from '@oversight/messaging';
import { todayInLondon } from '@oversight/nest-platform';
import { createLogger } from '@oversight/observability';
import {
  NOTIFICATION_SENDER,
  NotificationSender,
  ProviderRejectedError,
} from '../delivery/notification.sender';
import { Prisma } from '../generated/prisma/client';
import { TemplateChannel, TemplateLanguage } from '../templates/notification-templates';
import { RenderedMessage, renderTemplate, TemplateRenderingError } from '../templates/template.renderer';
import { Recipient, recipientFor, RecipientError, summariseRecipient } from './recipient';

export type NotificationRequestedEvent = EventOf<typeof Topics.notificationRequested>;

/** How this service appears as the actor of the events it emits. */
export const SERVICE_ACTOR = 'notifications';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHANNELS: Partial<Record<EventChannel, TemplateChannel>> = {
  [EventChannel.EMAIL]: 'EMAIL',
  [EventChannel.SMS]: 'SMS',
  [EventChannel.LETTER]: 'LETTER',
};

interface Outcome {
  status: 'SENT' | 'FAILED';
  recipientSummary: string;
  deliveredBy?: string;
  providerReference?: string;
  failureReason?: string;
  attempts: number;
}

/**
 * Handles one notification request inside the consumer's inbox transaction: records it, renders
 * it, sends it, and records the outcome with its `notification-dispatched` event in the outbox, so
 * the row, the outcome and the event commit together.
 *
 * - A request that can never be sent as it stands (unknown template, missing placeholder, a
 *   recipient that does not fit the channel) or that the provider rejects is FAILED, with the
 *   reason, and the requester is told. It is not retried.
 * - A provider that is down (5xx, 429, network) makes the handler throw a retriable error: the
 *   transaction rolls back and the consumer retries the message until the provider is back.
 * - The notification id is the requester's: a repeated request for a SENT or FAILED notification
 *   has no second effect (and the inbox already drops a redelivered event).
 *
 * Delivery is at least once: if the provider accepted a message but the commit then failed, the
 * retry sends it again. The provider reference (Notify's `reference` is our id) lets that be traced.
 */
@Injectable()
export class NotificationDispatcher {
  private readonly log = createLogger('NotificationDispatcher');
  /** Send attempts per notification in this process, across the consumer's retries (which roll back). */
  private readonly attempts = new Map<string, number>();

  constructor(@Inject(NOTIFICATION_SENDER) private readonly sender: NotificationSender) {}

  async handle(request: NotificationRequestedEvent, tx: Prisma.TransactionClient): Promise<void> {
    const id = request.notificationId;
    if (!UUID.test(id))
      throw new PermanentProcessingError(
        `notificationId must be a UUID chosen by the requester; got "${id.slice(0, 60)}"`,
      );

    const existing = await tx.notification.findUnique({ where: { id }, select: { status: true } });
    if (existing && existing.status !== 'QUEUED') {
      this.log.info(
        { notificationId: id, status: existing.status },
        'notification already dispatched; repeated request ignored',
      );
      return;
    }

    const channel = CHANNELS[request.channel];
    const language: TemplateLanguage = request.language === EventLanguage.WELSH ? 'WELSH' : 'ENGLISH';
    // ((reference)) defaults to the request's case reference.
    const personalisation: Record<string, string> = {
      reference: request.reference,
      ...request.personalisation,
    };
    const problems: string[] = [];
    let recipient: Recipient | undefined;
    let rendered: RenderedMessage | undefined;
    if (!channel) problems.push('The request names no channel (EMAIL, SMS or LETTER)');
    else {
      try {
        recipient = recipientFor(channel, request.recipient);
      } catch (err) {
        if (!(err instanceof RecipientError)) throw err;
        problems.push(err.message);
      }
      try {
        rendered = renderTemplate(request.templateKey, language, channel, personalisation);
      } catch (err) {
        if (!(err instanceof TemplateRenderingError)) throw err;
        problems.push(err.message);
      }
    }
    const recipientSummary = recipient
      ? summariseRecipient(recipient)
      : `${channel?.toLowerCase() ?? 'notification'} to an invalid recipient`;

    const row = {
      channel: channel ?? null,
      templateKey: request.templateKey,
      language,
      recipient: (recipient ?? { ...request.recipient }) as Prisma.InputJsonValue,
      recipientSummary,
      personalisation: { ...request.personalisation },
      reference: request.reference,
      requestedByService: request.requestedByService,
      dataSubjectId: request.dataSubjectId || null,
      accessScope: request.accessScope
        ? ({
            owningService: request.accessScope.owningService,
            recordType: request.accessScope.recordType,
            recordId: request.accessScope.recordId,
            team: request.accessScope.team,
            // absent counts as restricted (fail closed), as recordAccessScopeFrom reads it
            restricted: request.accessScope.restricted !== false,
            rolesAcrossTeams: [...request.accessScope.rolesAcrossTeams],
          } satisfies Prisma.InputJsonValue)
        : Prisma.DbNull,
      correlationId: request.metadata.correlationId,
      requestEventId: request.metadata.eventId,
      status: 'QUEUED' as const,
      renderedSubject: rendered?.subject ?? null,
      renderedBody: rendered?.body ?? null,
      requestedAt: request.metadata.occurredAt ? timestampDate(request.metadata.occurredAt) : new Date(),
    };
    await tx.notification.upsert({ where: { id }, create: { id, ...row }, update: row });

    if (problems.length || !channel || !recipient || !rendered) {
      this.log.warn(
        { notificationId: id, templateKey: request.templateKey },
        'notification cannot be sent as requested; FAILED',
      );
      return this.finish(tx, request, {
        status: 'FAILED',
        recipientSummary,
        failureReason: problems.join('; '),
        attempts: 0,
      });
    }

    const attempt = this.countAttempt(id);
    try {
      const receipt = await this.sender.send({
        id,
        channel,
        templateKey: request.templateKey,
        language,
        recipient,
        personalisation,
        rendered,
        reference: request.reference,
      });
      return await this.finish(tx, request, {
        status: 'SENT',
        recipientSummary,
        deliveredBy: this.sender.name,
        providerReference: receipt.providerReference,
        attempts: attempt,
      });
    } catch (err) {
      if (err instanceof ProviderRejectedError) {
        this.log.warn(
          { notificationId: id, status: err.status },
          'provider rejected the notification; FAILED',
        );
        return this.finish(tx, request, {
          status: 'FAILED',
          recipientSummary,
          deliveredBy: this.sender.name,
          failureReason: err.message,
          attempts: attempt,
        });
      }
      throw err; // retriable (provider down) or unexpected: the consumer decides, the message is kept
    }
  }

  private async finish(
    tx: Prisma.TransactionClient,
    request: NotificationRequestedEvent,
    outcome: Outcome,
  ): Promise<void> {
    const id = request.notificationId;
    this.attempts.delete(id);
    const sent = outcome.status === 'SENT';
    const now = new Date();
    const sentOn = sent ? todayInLondon(now) : '';
    await tx.notification.update({
      where: { id },
      data: {
        status: outcome.status,
        deliveredBy: outcome.deliveredBy ?? null,
        providerReference: outcome.providerReference || null,
        failureReason: outcome.failureReason ?? null,
        attempts: outcome.attempts,
        sentAt: sent ? now : null,
        sentOn: sent ? new Date(`${sentOn}T00:00:00Z`) : null,
      },
    });
    const event = buildEvent(
      Topics.notificationDispatched,
      {
        aggregateId: id,
        actor: { subject: SERVICE_ACTOR, kind: ActorKind.SERVICE },
        correlationId: request.metadata.correlationId,
        // Sending hands the recipient's details and the message to the provider and the recipient;
        // a failed request disclosed nothing (its recording was logged from the request event).
        processing: sent ? Processing.DISCLOSURE : Processing.NONE,
      },
      {
        notificationId: id,
        status: sent ? EventStatus.SENT : EventStatus.FAILED,
        sentOn,
        providerReference: outcome.providerReference ?? '',
        failureReason: outcome.failureReason ?? '',
        reference: request.reference,
        requestedByService: request.requestedByService,
        channel: request.channel,
        recipientSummary: outcome.recipientSummary,
        dataSubjectId: request.dataSubjectId,
      },
    );
    await appendToOutbox(tx, Topics.notificationDispatched, event);
    this.log.info(
      { notificationId: id, status: outcome.status, attempts: outcome.attempts },
      'notification dispatched',
    );
  }

  private countAttempt(id: string): number {
    if (this.attempts.size > 10_000) this.attempts.clear(); // only a count for operators; never let it grow unbounded
    const n = (this.attempts.get(id) ?? 0) + 1;
    this.attempts.set(id, n);
    return n;
  }
}
