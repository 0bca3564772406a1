import { decodeProtectedHeader, jwtVerify } from 'jose';
import { notifyBearerToken, parseNotifyApiKey } from './notify-api-key';

const SERVICE_ID = '26785a09-ab16-4eb0-8407-a37497a57506';
const SECRET = '3d844edf-8d35-48ac-975b-e847b4f122b0';
const KEY = `oversight_test-key-${SERVICE_ID}-${SECRET}`;

describe('GOV.UK Notify API key and token', () => {
  it('takes the service id and the secret from the end of the key, whatever the key name holds', () => {
    expect(parseNotifyApiKey(KEY)).toEqual({ serviceId: SERVICE_ID, secret: SECRET });
  });

  it.each([
    ['a key without the secret', `my-key-${SERVICE_ID}`],
    ['a key that is not UUIDs', 'my-key-not-a-real-key-at-all'],
    ['an empty key', ''],
  ])('refuses %s without repeating it', (_name, key) => {
    expect(() => parseNotifyApiKey(key)).toThrow('not in the form {name}-{service id}-{secret}');
    try {
      parseNotifyApiKey(key);
    } catch (err) {
      if (key) expect((err as Error).message).not.toContain(key);
    }
  });

  it('makes an HS256 JWT with iss = service id and iat = now, signed with the secret', async () => {
    const now = new Date();
    const token = await notifyBearerToken(parseNotifyApiKey(KEY), now);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const { payload } = await jwtVerify(token, new TextEncoder().encode(SECRET), {
      algorithms: ['HS256'],
      issuer: SERVICE_ID,
    });
    expect(payload).toEqual({ iss: SERVICE_ID, iat: Math.floor(now.getTime() / 1000) });
  });

  it('cannot be verified with another secret', async () => {
    const token = await notifyBearerToken(parseNotifyApiKey(KEY));
    await expect(jwtVerify(token, new TextEncoder().encode('0'.repeat(36)))).rejects.toThrow(/signature/);
  });
});
