import { S256_CHALLENGE } from './pkce';
import type { RegisteredClient } from './local-oidc.settings';

/** A validated authorisation request (OpenID Connect Core §3.1.2.1, with PKCE required). */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
  nonce: string;
  codeChallenge: string;
}

export type AuthorizationRequestCheck =
  | { ok: true; request: AuthorizationRequest }
  /** The client or its redirect URI is not known: told to the user, never redirected (RFC 6749 §4.1.2.1). */
  | { ok: false; showToUser: string }
  /** Anything else is sent back to the client's redirect URI as an OAuth error. */
  | { ok: false; redirectUri: string; state?: string; error: string; description: string };

const MAX = 500;
const PRINTABLE = /^[\x21-\x7e]+$/;

function one(params: Record<string, unknown>, name: string): string | undefined {
  const v = params[name];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/**
 * Checks an authorisation request against the registered client. What this local provider insists on,
 * beyond the minimum of the standards, because its only clients are ours: PKCE with S256, a `state` and a
 * `nonce` (so a code or ID token can never be replayed into another browser's sign-in).
 */
export function checkAuthorizationRequest(
  params: Record<string, unknown>,
  client: RegisteredClient,
): AuthorizationRequestCheck {
  const clientId = one(params, 'client_id');
  if (!clientId || clientId !== client.clientId) {
    return { ok: false, showToUser: 'The application that sent you here is not registered (client_id).' };
  }
  const redirectUri = one(params, 'redirect_uri');
  if (!redirectUri || !client.redirectUris.includes(redirectUri)) {
    return {
      ok: false,
      showToUser:
        'The application asked to send you back to an address it has not registered (redirect_uri).',
    };
  }
  const rawState = one(params, 'state');
  const state = rawState && rawState.length <= MAX && PRINTABLE.test(rawState) ? rawState : undefined;
  const refuse = (error: string, description: string): AuthorizationRequestCheck => ({
    ok: false,
    redirectUri,
    state,
    error,
    description,
  });
  if (one(params, 'response_type') !== 'code')
    return refuse('unsupported_response_type', 'response_type must be code');
  const scope = one(params, 'scope') ?? '';
  if (!scope.split(' ').includes('openid') || scope.length > MAX)
    return refuse('invalid_scope', 'scope must include openid');
  if (!state) return refuse('invalid_request', 'state is required (up to 500 printable characters)');
  const nonce = one(params, 'nonce');
  if (!nonce || nonce.length > MAX || !PRINTABLE.test(nonce))
    return refuse('invalid_request', 'nonce is required (up to 500 printable characters)');
  if (one(params, 'code_challenge_method') !== 'S256')
    return refuse('invalid_request', 'PKCE is required: code_challenge_method must be S256');
  const codeChallenge = one(params, 'code_challenge');
  if (!codeChallenge || !S256_CHALLENGE.test(codeChallenge))
    return refuse(
      'invalid_request',
      'code_challenge must be the 43-character base64url S256 of the verifier',
    );
  return { ok: true, request: { clientId, redirectUri, scope, state, nonce, codeChallenge } };
}

/** The redirect URI with the given parameters added to its query. */
export function withParams(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}
