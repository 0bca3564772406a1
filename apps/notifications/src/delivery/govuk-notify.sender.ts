import { createLogger } from '@oversight/observability';
import {
  NotificationSender,
  OutgoingNotification,
  ProviderRejectedError,
  ProviderUnavailableError,
  SendReceipt,
} from './notification.sender';
import { NotifyCredentials, notifyBearerToken, parseNotifyApiKey } from './notify-api-key';
import { NotifyTemplateIds, notifyTemplateId } from './notify-template-ids';

export interface GovUkNotifyOptions {
  /** e.g. https://api.notifications.service.gov.uk */
  baseUrl: string;
  /** `{name}-{service id}-{secret}`; never logged. */
  apiKey: string;
  templateIds: NotifyTemplateIds;
  timeoutMs?: number;
}

const PATHS = { EMAIL: 'email', SMS: 'sms', LETTER: 'letter' } as const;

/**
 * Sends through GOV.UK Notify's v2 API (or anything that speaks it). The wording lives here, not in
 * Notify: each request names the Notify template mapped to ours and carries the personalisation
 * plus the text we rendered as `subject` and `body`, so a Notify template may either mirror ours
 * placeholder for placeholder or be a plain `((subject))` / `((body))` template.
 *
 * Notify's `reference` is our notification id (no personal data, unique), so after a timeout an
 * operator can ask Notify whether the message went out.
 */
export class GovUkNotifySender implements NotificationSender {
  readonly name = 'govuk-notify';
  private readonly log = createLogger('GovUkNotifySender');
  private readonly credentials: NotifyCredentials;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly opts: GovUkNotifyOptions) {
    this.credentials = parseNotifyApiKey(opts.apiKey);
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  async send(n: OutgoingNotification): Promise<SendReceipt> {
    const templateId = notifyTemplateId(this.opts.templateIds, n.templateKey, n.language);
    // Checked at boot for every template, so this means a template was added without an id.
    if (!templateId)
      throw new ProviderUnavailableError(
        `No Notify template id is configured for ${n.templateKey} (${n.language})`,
      );
    const url = `${this.baseUrl}/v2/notifications/${PATHS[n.channel]}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await notifyBearerToken(this.credentials)}`,
          'content-type': 'application/json',
          accept: 'application/json',
          'user-agent': 'oversight-notifications',
        },
        body: JSON.stringify(notifyRequestBody(n, templateId)),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new ProviderUnavailableError(
        `GOV.UK Notify could not be reached: ${(err as Error).message}`,
        undefined,
        { cause: err },
      );
    }
    const body = (await res.json().catch(() => undefined)) as NotifyResponse | undefined;
    if (res.ok) {
      if (!body?.id)
        this.log.warn(
          { notificationId: n.id, status: res.status },
          'Notify accepted the message but returned no id',
        );
      return { providerReference: body?.id ?? '' };
    }
    const detail = describeErrors(body);
    this.log.warn(
      { notificationId: n.id, status: res.status, channel: n.channel },
      'Notify did not accept the message',
    );
    if (res.status === 429 || res.status >= 500)
      throw new ProviderUnavailableError(`GOV.UK Notify answered ${res.status}${detail}`, res.status);
    // Our key or our clock, not this message: retry until an operator fixes the configuration.
    if (res.status === 401 || res.status === 403)
      throw new ProviderUnavailableError(
        `GOV.UK Notify refused our credentials (${res.status}${detail}): check NOTIFY_API_KEY and the system clock`,
        res.status,
      );
    throw new ProviderRejectedError(
      `GOV.UK Notify rejected the notification (${res.status}${detail})`,
      res.status,
    );
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
