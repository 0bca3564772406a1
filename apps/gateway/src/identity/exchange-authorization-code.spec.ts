import { decodeJwt } from 'jose';
import { LocalIssuer } from '@oversight/auth';
import type { AuthorizationCodeStore, CodeGrant, Redemption } from './authorization-code.store';
import type { AuthorizationRequest } from './authorization-request';
import { ExchangeAuthorizationCode } from './exchange-authorization-code';
import { LocalOidcSettings } from './local-oidc.settings';
import { s256 } from './pkce';
import type { TokenRequestDto } from './token-request.dto';

/** The store's contract (single use, expiry) in memory; the SQL itself is tested against PostgreSQL in test/. */
class MemoryCodes {
  private readonly codes = new Map<string, { grant: CodeGrant; used: boolean }>();
  async issue(request: AuthorizationRequest, subject: string, ttlSeconds: number): Promise<string> {
    const code = `code-${this.codes.size + 1}`;
    const { state: _state, ...rest } = request;
    this.codes.set(code, {
      used: false,
      grant: { ...rest, subject, authTime: new Date(), expiresAt: new Date(Date.now() + ttlSeconds * 1000) },
    });
    return code;
  }
  async redeem(code: string): Promise<Redemption> {
    const entry = this.codes.get(code);
    if (!entry) return { ok: false, reason: 'unknown' };
    if (entry.used) return { ok: false, reason: 'already-used' };
    entry.used = true;
    if (entry.grant.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
    return { ok: true, grant: entry.grant };
  }
}

const VERIFIER = 'v'.repeat(20) + 'erifier-of-this-browser-0123456789';
const REDIRECT = 'http://127.0.0.1:3200/auth/callback';
const SECRET = 'a-client-secret-of-32-characters';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('ExchangeAuthorizationCode (token endpoint, authorization_code grant)', () => {
  let issuer: LocalIssuer;
  let codes: MemoryCodes;
  let exchange: ExchangeAuthorizationCode;

  beforeAll(async () => {
    issuer = await LocalIssuer.create({ issuer: 'http://issuer.test/auth', audience: 'oversight-api' });
  });

  beforeEach(() => {
    codes = new MemoryCodes();
    const settings = Object.assign(new LocalOidcSettings(), { LOCAL_OIDC_CLIENT_SECRET: SECRET });
    exchange = new ExchangeAuthorizationCode(issuer, codes as unknown as AuthorizationCodeStore, settings);
  });

  const codeFor = (over: Partial<AuthorizationRequest> = {}, ttl = 60) =>
    codes.issue(
      {
        clientId: 'staff-ui',
        redirectUri: REDIRECT,
        scope: 'openid profile',
        state: 's',
        nonce: 'nonce-of-this-sign-in',
        codeChallenge: s256(VERIFIER),
        ...over,
      },
      'reviewer.amara',
      ttl,
    );
  const body = (code: string, over: Partial<TokenRequestDto> = {}): TokenRequestDto => ({
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    code_verifier: VERIFIER,
    ...over,
  });

  it('answers with an access token for the gateway and an ID token for the client with the nonce', async () => {
    const out = await exchange.execute(body(await codeFor()), basic('staff-ui', SECRET));
    expect(decodeJwt(out.access_token)).toMatchObject({ sub: 'reviewer.amara', aud: 'oversight-api' });
    expect(decodeJwt(out.id_token)).toMatchObject({
      sub: 'reviewer.amara',
      aud: 'staff-ui',
      iss: 'http://issuer.test/auth',
      nonce: 'nonce-of-this-sign-in',
      roles: ['OPCC_REVIEWER'],
    });
    expect(out.token_type).toBe('Bearer');
  });

  it('accepts client_secret_post as well as client_secret_basic', async () => {
    const out = await exchange.execute(
      body(await codeFor(), { client_id: 'staff-ui', client_secret: SECRET }),
      undefined,
    );
    expect(out.id_token).toBeTruthy();
  });

  const refused = async (promise: Promise<unknown>, status: number, error: string, description?: RegExp) => {
    const err = await promise.then(
      () => undefined,
      (e: { getStatus(): number; getResponse(): { error: string; error_description: string } }) => e,
    );
    expect(err).toBeDefined();
    expect(err!.getStatus()).toBe(status);
    expect(err!.getResponse().error).toBe(error);
    if (description) expect(err!.getResponse().error_description).toMatch(description);
  };

  it('refuses a code used a second time (replay)', async () => {
    const code = await codeFor();
    await exchange.execute(body(code), basic('staff-ui', SECRET));
    await refused(
      exchange.execute(body(code), basic('staff-ui', SECRET)),
      400,
      'invalid_grant',
      /already used/,
    );
  });

  it('refuses a wrong code_verifier, and the code is then spent', async () => {
    const code = await codeFor();
    await refused(
      exchange.execute(body(code, { code_verifier: 'w'.repeat(43) }), basic('staff-ui', SECRET)),
      400,
      'invalid_grant',
      /code_verifier/,
    );
    await refused(
      exchange.execute(body(code), basic('staff-ui', SECRET)),
      400,
      'invalid_grant',
      /already used/,
    );
  });

  it('refuses a redirect_uri other than the one the code was issued for', async () => {
    await refused(
      exchange.execute(
        body(await codeFor(), { redirect_uri: 'http://127.0.0.1:3200/other' }),
        basic('staff-ui', SECRET),
      ),
      400,
      'invalid_grant',
      /redirect_uri/,
    );
  });

  it('refuses a code issued to another client', async () => {
    await refused(
      exchange.execute(body(await codeFor({ clientId: 'someone-else' })), basic('staff-ui', SECRET)),
      400,
      'invalid_grant',
      /another client/,
    );
  });

  it('refuses an expired or unknown code', async () => {
    await refused(
      exchange.execute(body(await codeFor({}, -1)), basic('staff-ui', SECRET)),
      400,
      'invalid_grant',
      /expired/,
    );
    await refused(
      exchange.execute(body('never-issued'), basic('staff-ui', SECRET)),
      400,
      'invalid_grant',
      /not one/,
    );
  });

  it.each([
    ['a wrong secret', basic('staff-ui', 'x'.repeat(32))],
    ['no client authentication', undefined],
    ['an unknown client', basic('evil', SECRET)],
    [
      'Basic credentials with a malformed escape',
      `Basic ${Buffer.from('staff-ui:%E0%A4%A').toString('base64')}`,
    ],
    ['Basic credentials without a colon', `Basic ${Buffer.from('staff-ui').toString('base64')}`],
  ])('refuses %s with invalid_client (401), before the code is touched', async (_case, authorization) => {
    const code = await codeFor();
    await refused(exchange.execute(body(code), authorization), 401, 'invalid_client');
    expect((await exchange.execute(body(code), basic('staff-ui', SECRET))).id_token).toBeTruthy();
  });

  it('a client registered without a secret (public) identifies itself with client_id and relies on PKCE', async () => {
    const publicExchange = new ExchangeAuthorizationCode(
      issuer,
      codes as unknown as AuthorizationCodeStore,
      new LocalOidcSettings(),
    );
    const out = await publicExchange.execute(body(await codeFor(), { client_id: 'staff-ui' }), undefined);
    expect(out.id_token).toBeTruthy();
  });
});
