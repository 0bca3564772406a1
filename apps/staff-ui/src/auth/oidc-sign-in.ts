import { BaseClient, custom, errors, generators, Issuer } from 'openid-client';
import type { IdTokenClaims } from 'openid-client';
import { decodeJwt } from 'jose';
import type { OidcSettings } from '../config/staff-ui.env';
import type { SessionUser } from '../web/session.types';
import { userFromClaims } from './session-user';

/** What the browser's session keeps between sending the user to the provider and their return. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  startedAt: number;
}

export interface SignedIn {
  user: SessionUser;
  accessToken: string;
  idToken: string;
  /** When the access token expires (ms since epoch): the session ends then at the latest. */
  expiresAt: number;
}

/** The user's sign-in was refused or did not belong to this browser (bad state, replayed code, bad token). */
export class SignInRefusedError extends Error {
  override readonly name = 'SignInRefusedError';
}

/** The identity provider could not be reached or answered unexpectedly. */
export class ProviderUnavailableError extends Error {
  override readonly name = 'ProviderUnavailableError';
}

/** A pending sign-in is abandoned after this long (the provider's own page may be left open a while). */
export const PENDING_SIGN_IN_MS = 15 * 60_000;

/**
 * OpenID Connect sign-in with the authorisation-code flow and PKCE (S256), through `openid-client`:
 * a fresh `state`, `nonce` and code verifier per attempt, kept in the server-side session; on return the
 * state must match, the code is exchanged with the verifier (and the client secret when there is one),
 * and the ID token is validated (signature against the provider's JWKS, issuer, audience, expiry, nonce).
 * The provider's metadata is discovered on first use and again after a failure.
 */
export class OidcSignIn {
  private client?: Promise<BaseClient>;

  constructor(private readonly settings: OidcSettings) {
    custom.setHttpOptionsDefaults({ timeout: settings.timeoutMs });
  }

  /** Where to send the browser, and what to keep in its session until it comes back. */
  async start(): Promise<{ url: string; pending: PendingSignIn }> {
    const client = await this.discover();
    const pending: PendingSignIn = {
      state: generators.state(),
      nonce: generators.nonce(),
      codeVerifier: generators.codeVerifier(),
      startedAt: Date.now(),
    };
    const url = client.authorizationUrl({
      response_type: 'code',
      scope: this.settings.scopes,
      redirect_uri: this.settings.redirectUri,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: generators.codeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, pending };
  }

  /** The provider's redirect back: `params` is the callback's query, `pending` what start() kept. */
  async finish(params: Record<string, unknown>, pending: PendingSignIn | undefined): Promise<SignedIn> {
    if (!pending || Date.now() - pending.startedAt > PENDING_SIGN_IN_MS)
      throw new SignInRefusedError('no sign-in was started in this browser, or it was started too long ago');
    if (typeof params.state !== 'string' || params.state !== pending.state)
      throw new SignInRefusedError('the state returned is not the one this browser was sent with');
    if (typeof params.error === 'string')
      throw new SignInRefusedError(`the identity provider refused the sign-in (${params.error})`);
    const client = await this.discover();
    const callbackParams = Object.fromEntries(
      Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
    let tokens;
    try {
      tokens = await client.callback(this.settings.redirectUri, callbackParams, {
        response_type: 'code',
        state: pending.state,
        nonce: pending.nonce,
        code_verifier: pending.codeVerifier,
      });
    } catch (err) {
      if (err instanceof errors.OPError || err instanceof errors.RPError)
        throw new SignInRefusedError(err.message);
      throw new ProviderUnavailableError((err as Error).message);
    }
    if (!tokens.access_token || !tokens.id_token)
      throw new SignInRefusedError('the provider answered without an access token and an ID token');
    const idClaims: IdTokenClaims = tokens.claims();
    let accessClaims: Record<string, unknown> | undefined;
    try {
      accessClaims = decodeJwt(tokens.access_token);
    } catch {
      accessClaims = undefined; // an opaque access token: roles and team must then be in the ID token
    }
    const expiresAt =
      (tokens.expires_at ?? (typeof accessClaims?.exp === 'number' ? accessClaims.exp : idClaims.exp)) * 1000;
    return {
      user: userFromClaims(idClaims, accessClaims),
      accessToken: tokens.access_token,
      idToken: tokens.id_token,
      expiresAt,
    };
  }

  /** RP-initiated logout at the provider, when it advertises an end_session_endpoint. */
  async endSessionUrl(idToken: string | undefined): Promise<string | undefined> {
    let client: BaseClient;
    try {
      client = await this.discover();
    } catch {
      return undefined; // the local session has ended; the provider's cannot be reached now
    }
    if (!client.issuer.metadata.end_session_endpoint) return undefined;
    return client.endSessionUrl({
      id_token_hint: idToken,
      post_logout_redirect_uri: this.settings.postLogoutRedirectUri,
      client_id: this.settings.clientId,
    });
  }

  private discover(): Promise<BaseClient> {
    if (!this.client) {
      this.client = Issuer.discover(this.settings.issuerUrl).then(
        (issuer) =>
          new issuer.Client({
            client_id: this.settings.clientId,
            client_secret: this.settings.clientSecret,
            redirect_uris: [this.settings.redirectUri],
            post_logout_redirect_uris: [this.settings.postLogoutRedirectUri],
            response_types: ['code'],
            token_endpoint_auth_method: this.settings.clientSecret ? 'client_secret_basic' : 'none',
            id_token_signed_response_alg: 'RS256',
          }),
        (err: Error) => {
          this.client = undefined;
          throw new ProviderUnavailableError(
            `discovery of ${this.settings.issuerUrl} failed: ${err.message}`,
          );
        },
      );
    }
    return this.client;
  }
}
