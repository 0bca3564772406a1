import { createLogger } from '@oversight/observability';
import axios, { isAxiosError } from 'axios';
import { NotifyClient } from 'notifications-node-client';
import {
  NotificationSender,
  OutgoingNotification,
  ProviderRejectedError,
  ProviderUnavailableError,
  SendReceipt,
} from './notification.sender';
import { parseNotifyApiKey } from './notify-api-key';
import { NotifyTemplateIds, notifyTemplateId } from './notify-template-ids';

export interface GovUkNotifyOptions {
  /** e.g. https://api.notifications.service.gov.uk */
  baseUrl: string;
  /** `{name}-{service id}-{secret}`; never logged. */
  apiKey: string;
  templateIds: NotifyTemplateIds;
  timeoutMs?: number;
}

/**
 * Sends through GOV.UK Notify's official Node client (`notifications-node-client`: its v2 API, the
 * request shapes and the per-request HS256 bearer token), pointed at `baseUrl` (Notify or anything
 * that speaks its API, e.g. the fake Notify of the tests). The wording lives here, not in Notify:
 * each request names the Notify template mapped to ours and carries the personalisation plus the
 * text we rendered as `subject` and `body`, so a Notify template may either mirror ours placeholder
 * for placeholder or be a plain `((subject))` / `((body))` template.
 *
 * Notify's `reference` is our notification id (no personal data, unique), so after a timeout an
 * operator can ask Notify whether the message went out. What stays ours: the mapping of Notify's
 * answers to retry (unavailable) or FAILED (rejected), and a request timeout.
 */
export class GovUkNotifySender implements NotificationSender {
  readonly name = 'govuk-notify';
  private readonly log = createLogger('GovUkNotifySender');
  private readonly client: NotifyClient;

  constructor(private readonly opts: GovUkNotifyOptions) {
    // Refuses a malformed key at boot with a message that never includes it (the client would not).
    parseNotifyApiKey(opts.apiKey);
    this.client = new NotifyClient(opts.baseUrl.replace(/\/+$/, ''), opts.apiKey.trim());
    // The client's default HTTP client has no timeout: a hung Notify would hold the partition.
    this.client.setClient(axios.create({ timeout: opts.timeoutMs ?? 10_000 }));
  }

  async send(n: OutgoingNotification): Promise<SendReceipt> {
    const templateId = notifyTemplateId(this.opts.templateIds, n.templateKey, n.language);
    // Checked at boot for every template, so this means a template was added without an id.
    if (!templateId)
      throw new ProviderUnavailableError(
        `No Notify template id is configured for ${n.templateKey} (${n.language})`,
      );
    const { personalisation, reference } = notifyRequestBody(n, templateId) as {
      personalisation: Record<string, string>;
      reference: string;
    };
    const r = n.recipient;
    let id: string | undefined;
    try {
      const res =
        'emailAddress' in r
          ? await this.client.sendEmail(templateId, r.emailAddress, { personalisation, reference })
          : 'phoneNumber' in r
            ? await this.client.sendSms(templateId, r.phoneNumber, { personalisation, reference })
            : await this.client.sendLetter(templateId, { personalisation, reference });
      id = (res.data as { id?: string } | undefined)?.id;
    } catch (err) {
      throw this.translate(n, err);
    }
    if (!id) this.log.warn({ notificationId: n.id }, 'Notify accepted the message but returned no id');
    return { providerReference: id ?? '' };
  }

  private translate(n: OutgoingNotification, err: unknown): Error {
    const status = isAxiosError(err) ? err.response?.status : undefined;
    if (status === undefined)
      return new ProviderUnavailableError(
        `GOV.UK Notify could not be reached: ${(err as Error).message}`,
        undefined,
        { cause: err },
      );
    const detail = describeErrors(isAxiosError(err) ? (err.response?.data as NotifyResponse) : undefined);
    this.log.warn({ notificationId: n.id, status, channel: n.channel }, 'Notify did not accept the message');
    if (status === 429 || status >= 500)
      return new ProviderUnavailableError(`GOV.UK Notify answered ${status}${detail}`, status);
    // Our key or our clock, not this message: retry until an operator fixes the configuration.
    if (status === 401 || status === 403)
      return new ProviderUnavailableError(
        `GOV.UK Notify refused our credentials (${status}${detail}): check NOTIFY_API_KEY and the system clock`,
        status,
      );
    return new ProviderRejectedError(`GOV.UK Notify rejected the notification (${status}${detail})`, status);
  }
}

/** The v2 request body for a channel, as Notify documents it. */
export function notifyRequestBody(n: OutgoingNotification, templateId: string): Record<string, unknown> {
  const personalisation: Record<string, string> = {
    ...n.personalisation,
    subject: n.rendered.subject ?? '',
    body: n.rendered.body,
  };
  const r = n.recipient;
  if ('emailAddress' in r)
    return { email_address: r.emailAddress, template_id: templateId, personalisation, reference: n.id };
  if ('phoneNumber' in r)
    return { phone_number: r.phoneNumber, template_id: templateId, personalisation, reference: n.id };
  const address = Object.fromEntries(r.addressLines.map((line, i) => [`address_line_${i + 1}`, line]));
  return { template_id: templateId, personalisation: { ...personalisation, ...address }, reference: n.id };
}

interface NotifyResponse {
  id?: string;
  status_code?: number;
  errors?: Array<{ error?: string; message?: string }>;
}

function describeErrors(body: NotifyResponse | undefined): string {
  const messages = (body?.errors ?? [])
    .map((e) => [e.error, e.message].filter(Boolean).join(': '))
    .filter(Boolean);
  return messages.length ? `: ${messages.join('; ').slice(0, 500)}` : '';
}
