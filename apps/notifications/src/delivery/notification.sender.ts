import type { Recipient } from '../dispatch/recipient';
import type { RenderedMessage } from '../templates/template.renderer';
import type { TemplateChannel, TemplateLanguage } from '../templates/notification-templates';

/** One rendered notification, ready for a delivery adapter. */
export interface OutgoingNotification {
  id: string;
  channel: TemplateChannel;
  templateKey: string;
  language: TemplateLanguage;
  recipient: Recipient;
  /** The values the template was filled with (Notify renders its own copy of the template from them). */
  personalisation: Readonly<Record<string, string>>;
  rendered: RenderedMessage;
  /** The requester's case reference, passed to the provider so its records can be matched to ours. */
  reference: string;
}

export interface SendReceipt {
  /** The provider's id for the message (Notify's notification id; a local file name for the sink). */
  providerReference: string;
}

/**
 * A way of delivering notifications. An implementation must throw:
 * - ProviderRejectedError when the provider refuses this message for a reason of its own (it will
 *   never be accepted as it stands): the notification is FAILED;
 * - ProviderUnavailableError when the provider could not be reached or failed on its side: the
 *   consumer retries the message (it is not lost), holding its place in the partition.
 */
export interface NotificationSender {
  /** Recorded on the notification as `delivered_by`. */
  readonly name: string;
  send(notification: OutgoingNotification): Promise<SendReceipt>;
}

export const NOTIFICATION_SENDER = Symbol('NOTIFICATION_SENDER');

export class ProviderRejectedError extends Error {
  override readonly name = 'ProviderRejectedError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export class ProviderUnavailableError extends Error {
  override readonly name = 'ProviderUnavailableError';
  /** Read by the messaging lib's isTransientError: retry with backoff, never park. */
  readonly retriable = true;
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
