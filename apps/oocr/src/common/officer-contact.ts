/**
 * Where an issuing officer is reached: their police email address, built from their id (user id or collar number,
 * e.g. pc.5120) and the configured template OFFICER_EMAIL_TEMPLATE. [U] A template is this service's stand-in
 * for the force directory: in production the address comes from a directory lookup (Kent Police's identity
 * service), which also covers officers whose address does not follow the pattern.
 */
export const DEFAULT_OFFICER_EMAIL_TEMPLATE = '{officerId}@kent-police.example.gov.uk';

/** `{officerId}` in the local part, then a domain with a dot: checked at boot (a bad template stops the service). */
export const OFFICER_EMAIL_TEMPLATE_PATTERN =
  /^[A-Za-z0-9._+-]*\{officerId\}[A-Za-z0-9._+-]*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** What an officer id may contain to become the local part of an address. */
const OFFICER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The officer's email address, or null when the id cannot make one (the reminder then stays a task only). */
export function officerEmail(officerId: string, template: string): string | null {
  const id = officerId.trim();
  if (!OFFICER_ID.test(id) || id.includes('..')) return null;
  return template.replace('{officerId}', id.toLowerCase());
}

/**
 * The template the workflow activities use: the one passed in, else OFFICER_EMAIL_TEMPLATE from the environment
 * (validated with the rest of OocrEnv when the service boots), else the default. A template that does not fit
 * the pattern is refused here too, so a worker started without the boot check cannot send to a bad address.
 */
export function resolveOfficerEmailTemplate(explicit?: string): string {
  const template = explicit ?? (process.env.OFFICER_EMAIL_TEMPLATE || DEFAULT_OFFICER_EMAIL_TEMPLATE);
  if (!OFFICER_EMAIL_TEMPLATE_PATTERN.test(template))
    throw new Error('OFFICER_EMAIL_TEMPLATE must be an address with {officerId} in its local part');
  return template;
}
