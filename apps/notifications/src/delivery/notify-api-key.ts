import { SignJWT } from 'jose';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** `{key name}-{service id}-{secret}`: how GOV.UK Notify hands out API keys. */
export const NOTIFY_API_KEY_FORMAT = new RegExp(`^(?:.*-)?${UUID}-${UUID}$`, 'i');

export interface NotifyCredentials {
  serviceId: string;
  secret: string;
}

/** Splits a Notify API key as Notify's own clients do: the last two UUIDs are the service id and the secret. */
export function parseNotifyApiKey(apiKey: string): NotifyCredentials {
  const key = apiKey.trim();
  // The message never includes the key.
  if (!NOTIFY_API_KEY_FORMAT.test(key))
    throw new Error('The GOV.UK Notify API key is not in the form {name}-{service id}-{secret}');
  return { serviceId: key.slice(-73, -37), secret: key.slice(-36) };
}

/**
 * A Notify bearer token: a JWT signed with HS256 using the key's secret, `iss` = service id and `iat`
 * = now. Notify refuses a token whose `iat` is more than 30 seconds off, so one is made per request.
 */
export function notifyBearerToken(credentials: NotifyCredentials, now: Date = new Date()): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(credentials.serviceId)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .sign(new TextEncoder().encode(credentials.secret));
}
