import { Injectable } from '@nestjs/common';
import { findDemoUser, LocalIssuer } from '@oversight/auth';
import { timingSafeEqual } from 'node:crypto';
import { AuthorizationCodeStore } from './authorization-code.store';
import { LocalOidcSettings } from './local-oidc.settings';
import { oauthError } from './oauth-error';
import { pkceMatches } from './pkce';
import type { TokenRequestDto } from './token-request.dto';

const REFUSED_CODE = {
  unknown: 'the code is not one this provider issued',
  'already-used': 'the code was already used (a code is redeemed once)',
  expired: 'the code has expired; sign in again',
} as const;

/** RFC 6749 §2.3.1: Basic credentials are form-encoded first; a malformed escape is not a client of ours. */
function formDecoded(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw oauthError(401, 'invalid_client', 'the Basic credentials are not form-encoded');
  }
}

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The token endpoint's authorization_code grant (RFC 6749 §4.1.3 with RFC 7636): authenticates the client,
 * redeems the code once, checks it was issued to this client for this redirect URI and that the verifier
 * hashes to its S256 challenge, then answers with an access token for the gateway and an ID token for the
 * client carrying the nonce of the original request.
 */
@Injectable()
export class ExchangeAuthorizationCode {
  constructor(
    private readonly issuer: LocalIssuer,
    private readonly codes: AuthorizationCodeStore,
    private readonly settings: LocalOidcSettings,
  ) {}

  async execute(body: TokenRequestDto, authorization: string | undefined) {
    const clientId = this.authenticateClient(body, authorization);
    const redemption = await this.codes.redeem(body.code!);
    if (!redemption.ok) throw oauthError(400, 'invalid_grant', REFUSED_CODE[redemption.reason]);
    const grant = redemption.grant;
    if (grant.clientId !== clientId)
      throw oauthError(400, 'invalid_grant', 'the code was issued to another client');
    if (grant.redirectUri !== body.redirect_uri)
      throw oauthError(400, 'invalid_grant', 'redirect_uri is not the one of the authorisation request');
    if (!pkceMatches(body.code_verifier!, grant.codeChallenge))
      throw oauthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge (S256)');
    const user = findDemoUser(grant.subject);
    if (!user) throw oauthError(400, 'invalid_grant', 'the user of this code no longer exists');
    return {
      access_token: await this.issuer.issue(user),
      token_type: 'Bearer',
      expires_in: 3600,
      id_token: await this.issuer.issueIdToken(user, {
        clientId,
        nonce: grant.nonce,
        authTime: Math.floor(grant.authTime.getTime() / 1000),
      }),
      scope: grant.scope,
    };
  }

  /** client_secret_basic, client_secret_post, or (a client registered without a secret) none. */
  private authenticateClient(body: TokenRequestDto, authorization: string | undefined): string {
    const client = this.settings.client();
    let id = body.client_id;
    let secret = body.client_secret;
    if (authorization?.toLowerCase().startsWith('basic ')) {
      const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0)
        throw oauthError(401, 'invalid_client', 'the Basic credentials are not client_id:secret');
      const basicId = formDecoded(decoded.slice(0, colon));
      if (id !== undefined && id !== basicId)
        throw oauthError(400, 'invalid_request', 'client_id in the body and in Authorization differ');
      if (secret !== undefined)
        throw oauthError(400, 'invalid_request', 'send the client secret one way only');
      id = basicId;
      secret = formDecoded(decoded.slice(colon + 1));
    }
    if (!id) throw oauthError(401, 'invalid_client', 'client authentication is required');
    if (id !== client.clientId) throw oauthError(401, 'invalid_client', 'unknown client');
    if (client.secret !== undefined) {
      if (!secret || !sameSecret(secret, client.secret))
        throw oauthError(401, 'invalid_client', 'client authentication failed');
    }
    return id;
  }
}
