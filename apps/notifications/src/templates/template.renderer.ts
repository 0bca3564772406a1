import { findTemplate, TemplateChannel, TemplateLanguage } from './notification-templates';

/**
 * The request cannot be rendered as it stands (unknown template, wrong channel, a placeholder
 * without a value): sending it again would fail the same way, so it is FAILED, not retried.
 */
export class TemplateRenderingError extends Error {
  override readonly name = 'TemplateRenderingError';
}

export interface RenderedMessage {
  /** Null for a text message, which has no subject. */
  subject: string | null;
  body: string;
}

// GOV.UK Notify's placeholder syntax. Names are matched case-insensitively, as Notify does.
const PLACEHOLDER = /\(\(([^()]+?)\)\)/g;

/** The placeholder names a text uses, lower-cased, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1].trim().toLowerCase()))];
}

/**
 * Fills a template from the personalisation. Every placeholder must have a non-blank value; all the
 * missing ones are named at once so the requester can fix the request in one go. Values are put in
 * as they are (never expanded again), and extra personalisation is ignored, as Notify does.
 */
export function renderTemplate(
  templateKey: string,
  language: TemplateLanguage,
  channel: TemplateChannel,
  personalisation: Readonly<Record<string, string>>,
): RenderedMessage {
  const template = findTemplate(templateKey);
  if (!template) throw new TemplateRenderingError(`There is no notification template "${templateKey}"`);
  if (!template.channels.includes(channel))
    throw new TemplateRenderingError(
      `Template "${templateKey}" cannot be sent by ${channel}; it is for ${template.channels.join(', ')}`,
    );
  const text = template[language];
  const values = new Map(Object.entries(personalisation).map(([k, v]) => [k.trim().toLowerCase(), v]));
  const missing = placeholdersOf(`${text.subject}\n${text.body}`).filter((name) => !values.get(name)?.trim());
  if (missing.length)
    throw new TemplateRenderingError(
      `Template "${templateKey}" needs a value for: ${missing.join(', ')} (missing from the personalisation)`,
    );
  const fill = (s: string) =>
    s.replace(PLACEHOLDER, (_m, name: string) => values.get(name.trim().toLowerCase())!);
  return { subject: channel === 'SMS' ? null : fill(text.subject), body: fill(text.body) };
}
