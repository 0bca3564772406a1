import { TemplateLanguage } from '../templates/notification-templates';

/** Our template key → the id of the matching template in the Notify service, per language. */
export type NotifyTemplateIds = Readonly<Record<string, Readonly<Partial<Record<TemplateLanguage, string>>>>>;

/** The key whose ids are used for any template without its own (e.g. a "((subject))/((body))" template). */
export const ANY_TEMPLATE = '*';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LANGUAGES: Record<string, TemplateLanguage> = { en: 'ENGLISH', cy: 'WELSH' };

/**
 * Reads NOTIFY_TEMPLATE_IDS: a JSON object from template key (or "*") to either one Notify template
 * id for both languages or `{"en": id, "cy": id}`. Every template of ours must resolve in both
 * languages, so a missing id stops the service at boot rather than failing a notification later.
 */
export function parseNotifyTemplateIds(json: string, templateKeys: readonly string[]): NotifyTemplateIds {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('NOTIFY_TEMPLATE_IDS must be a JSON object');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new Error('NOTIFY_TEMPLATE_IDS must be a JSON object');
  const problems: string[] = [];
  const ids: Record<string, Partial<Record<TemplateLanguage, string>>> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key !== ANY_TEMPLATE && !templateKeys.includes(key))
      problems.push(`"${key}" is not a notification template`);
    if (typeof value === 'string' && UUID.test(value)) ids[key] = { ENGLISH: value, WELSH: value };
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      ids[key] = {};
      for (const [lang, id] of Object.entries(value)) {
        if (!LANGUAGES[lang] || typeof id !== 'string' || !UUID.test(id))
          problems.push(`"${key}" must map "en" and/or "cy" to template ids`);
        else ids[key][LANGUAGES[lang]] = id;
      }
    } else problems.push(`"${key}" must be a template id or {"en": id, "cy": id}`);
  }
  for (const key of templateKeys)
    for (const language of Object.values(LANGUAGES))
      if (!notifyTemplateId(ids, key, language))
        problems.push(`no Notify template id for "${key}" in ${language} (nor a "${ANY_TEMPLATE}" default)`);
  if (problems.length) throw new Error(`NOTIFY_TEMPLATE_IDS: ${[...new Set(problems)].join('; ')}`);
  return ids;
}

export function notifyTemplateId(
  ids: NotifyTemplateIds,
  templateKey: string,
  language: TemplateLanguage,
): string | undefined {
  const own = Object.prototype.hasOwnProperty.call(ids, templateKey) ? ids[templateKey][language] : undefined;
  return own ?? ids[ANY_TEMPLATE]?.[language];
}
