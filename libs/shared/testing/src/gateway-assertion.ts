import { INTERNAL_ASSERTION_HEADER, InternalAssertionSigner, Principal } from '@oversight/auth';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './local-stack';

/** The running gateway's assertion key (scripts/lib.sh INTERNAL_ASSERTION_KEY_FILE). */
export const INTERNAL_ASSERTION_KEY_FILE = join(REPO_ROOT, '.local', 'internal-assertion-key.json');

let signer: Promise<InternalAssertionSigner> | undefined;

/**
 * Headers vouching for one direct request to a service as the running gateway would, for tests and
 * benchmarks that call a service without the gateway on purpose. The principal is read from the bearer
 * token (the service still verifies the token itself). Only works on a machine holding the gateway's key.
 */
export async function gatewayAssertionHeaders(opts: {
  service: string;
  method: string;
  /** Path and query as sent to the service, e.g. "/applications?limit=5". */
  path: string;
  bearerToken: string;
  reason?: string;
  route?: string;
}): Promise<Record<string, string>> {
  if (!existsSync(INTERNAL_ASSERTION_KEY_FILE))
    throw new Error(
      `No ${INTERNAL_ASSERTION_KEY_FILE}: start the local gateway first (scripts/start-services.sh)`,
    );
  signer ??= InternalAssertionSigner.create({ keyFile: INTERNAL_ASSERTION_KEY_FILE });
  const claims = JSON.parse(Buffer.from(opts.bearerToken.split('.')[1], 'base64url').toString()) as Record<
    string,
    unknown
  >;
  const principal: Principal = {
    subject: String(claims['sub']),
    displayName: String(claims['name'] ?? claims['sub']),
    roles: (claims['roles'] as Principal['roles']) ?? [],
    team: claims['team'] as string | undefined,
    organisation: claims['org'] as string | undefined,
  };
  const assertion = await (
    await signer
  ).sign({
    service: opts.service,
    method: opts.method,
    pathAndQuery: opts.path,
    principal,
    route: opts.route ?? `${opts.method} ${opts.path} (test, direct)`,
    reason: opts.reason,
  });
  return {
    authorization: `Bearer ${opts.bearerToken}`,
    [INTERNAL_ASSERTION_HEADER]: assertion,
    ...(opts.reason ? { 'x-access-reason': opts.reason } : {}),
  };
}
