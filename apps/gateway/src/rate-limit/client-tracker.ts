import type { JwtVerifier } from '@oversight/auth';

/**
 * Whom a request counts against: the signed-in user when the request carries a valid token, else the
 * client's address. Per address alone, every user of the staff UI (whose server calls the gateway for
 * all of them) and every client behind one proxy would share one limit. An invalid or missing token
 * counts against the address, so inventing tokens does not escape the limit. The token check is the
 * one the proxy makes next, and the verifier remembers it.
 */
export function clientTracker(verifier: Pick<JwtVerifier, 'verifyAuthorizationHeader'>) {
  return async (req: Record<string, unknown>): Promise<string> => {
    const header = (req['headers'] as Record<string, unknown> | undefined)?.['authorization'];
    if (typeof header === 'string' && header.length > 0) {
      try {
        return `subject:${(await verifier.verifyAuthorizationHeader(header)).subject}`;
      } catch {
        // counted against the address below
      }
    }
    return `address:${typeof req['ip'] === 'string' ? req['ip'] : 'unknown'}`;
  };
}
