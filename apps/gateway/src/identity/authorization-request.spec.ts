import { checkAuthorizationRequest, withParams } from './authorization-request';
import type { RegisteredClient } from './local-oidc.settings';

const client: RegisteredClient = {
  clientId: 'staff-ui',
  redirectUris: ['http://127.0.0.1:3200/auth/callback'],
  postLogoutRedirectUris: ['http://127.0.0.1:3200/signed-out'],
};
const valid = {
  response_type: 'code',
  client_id: 'staff-ui',
  redirect_uri: 'http://127.0.0.1:3200/auth/callback',
  scope: 'openid profile',
  state: 'st-123',
  nonce: 'n-456',
  code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  code_challenge_method: 'S256',
};

describe('checkAuthorizationRequest', () => {
  it('accepts a complete request with PKCE S256, state and nonce', () => {
    expect(checkAuthorizationRequest(valid, client)).toEqual({
      ok: true,
      request: {
        clientId: 'staff-ui',
        redirectUri: valid.redirect_uri,
        scope: 'openid profile',
        state: 'st-123',
        nonce: 'n-456',
        codeChallenge: valid.code_challenge,
      },
    });
  });

  // RFC 6749 §4.1.2.1: an unknown client or redirect URI is told to the user, never redirected to.
  it.each([
    ['an unknown client', { client_id: 'evil' }],
    ['no client', { client_id: undefined }],
    ['an unregistered redirect URI', { redirect_uri: 'http://127.0.0.1:9999/steal' }],
    [
      'a redirect URI that only starts like the registered one',
      { redirect_uri: `${valid.redirect_uri}/../x` },
    ],
  ])('shows %s to the user and redirects nowhere', (_case, change) => {
    const check = checkAuthorizationRequest({ ...valid, ...change }, client);
    expect(check.ok).toBe(false);
    expect(check).toHaveProperty('showToUser');
  });

  it.each([
    ['response_type token (implicit flow)', { response_type: 'token' }, 'unsupported_response_type'],
    ['no openid scope', { scope: 'profile' }, 'invalid_scope'],
    ['no state', { state: undefined }, 'invalid_request'],
    ['no nonce', { nonce: undefined }, 'invalid_request'],
    ['no PKCE', { code_challenge: undefined, code_challenge_method: undefined }, 'invalid_request'],
    ['PKCE plain', { code_challenge_method: 'plain' }, 'invalid_request'],
    ['a challenge that is not an S256 value', { code_challenge: 'short' }, 'invalid_request'],
    ['a state given twice (array)', { state: ['a', 'b'] }, 'invalid_request'],
  ])('sends %s back to the client as %s', (_case, change, error) => {
    const check = checkAuthorizationRequest({ ...valid, ...change }, client);
    expect(check).toMatchObject({ ok: false, redirectUri: valid.redirect_uri, error });
  });

  it('returns the state with an error so the client can match it', () => {
    expect(checkAuthorizationRequest({ ...valid, nonce: undefined }, client)).toMatchObject({
      state: 'st-123',
    });
  });
});

describe('withParams', () => {
  it('adds parameters to the redirect URI, encoded, skipping the missing ones', () => {
    expect(withParams('http://h/cb?x=1', { code: 'a b', state: undefined })).toBe('http://h/cb?x=1&code=a+b');
  });
});
