import { createHash } from 'node:crypto';
import type { OidcSettings } from '../config/staff-ui.env';
import { FAKE_CLIENT_SECRET, FakeOidcProvider } from './fake-oidc-provider.testing';
import { OidcSignIn, PendingSignIn, ProviderUnavailableError, SignInRefusedError } from './oidc-sign-in';

describe('OidcSignIn (authorisation code + PKCE through openid-client)', () => {
  const provider = new FakeOidcProvider();
  let settings: OidcSettings;
  let oidc: OidcSignIn;

  beforeAll(async () => {
    await provider.start();
    settings = {
      issuerUrl: provider.base,
      clientId: 'staff-ui',
      clientSecret: FAKE_CLIENT_SECRET,
      redirectUri: 'http://127.0.0.1:3200/auth/callback',
      postLogoutRedirectUri: 'http://127.0.0.1:3200/signed-out',
      scopes: 'openid profile',
      timeoutMs: 5000,
    };
  });
  afterAll(() => provider.close());

  beforeEach(() => {
    oidc = new OidcSignIn(settings);
    provider.idToken = {};
    provider.tokenAnswer = undefined;
    provider.tokenRequests = [];
    provider.up = true;
  });

  /** start(), then what the provider does: it remembers the challenge and nonce with a new code. */
  async function started(): Promise<{ url: URL; pending: PendingSignIn; code: string }> {
    const { url, pending } = await oidc.start();
    const u = new URL(url);
    const code = `code-${Math.random()}`;
    provider.issued = {
      code,
      challenge: u.searchParams.get('code_challenge')!,
      nonce: u.searchParams.get('nonce')!,
    };
    return { url: u, pending, code };
  }

  it('sends the browser with a fresh state, nonce and an S256 challenge of a verifier kept on the server', async () => {
    const a = await started();
    const b = await started();
    const q = a.url.searchParams;
    expect(`${a.url.origin}${a.url.pathname}`).toBe(`${provider.base}/authorize`);
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe('staff-ui');
    expect(q.get('redirect_uri')).toBe(settings.redirectUri);
    expect(q.get('scope')).toBe('openid profile');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toBe(
      createHash('sha256').update(a.pending.codeVerifier).digest('base64url'),
    );
    expect(q.get('state')).toBe(a.pending.state);
    expect(q.get('nonce')).toBe(a.pending.nonce);
    expect(q.has('code_verifier')).toBe(false);
    expect(a.pending.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect([b.pending.state, b.pending.nonce, b.pending.codeVerifier]).not.toContain(a.pending.state);
    expect(b.pending.codeVerifier).not.toBe(a.pending.codeVerifier);
  });

  it('signs in: code exchanged with the verifier and the client secret, ID token validated, user from its claims', async () => {
    const { pending, code } = await started();
    const done = await oidc.finish({ code, state: pending.state }, pending);
    expect(done.user).toEqual({
      username: 'reviewer.amara',
      name: 'Amara Okafor',
      roles: ['OPCC_REVIEWER'],
      team: 'opcc-reviews-east',
    });
    expect(done.accessToken).toBeTruthy();
    expect(done.idToken).toBeTruthy();
    expect(done.expiresAt).toBeGreaterThan(Date.now() + 3000_000);
    expect(provider.tokenRequests[0].get('code_verifier')).toBe(pending.codeVerifier);
    expect(provider.tokenRequests[0].get('grant_type')).toBe('authorization_code');
  });

  it('refuses a state that is not the one this browser was sent with, without calling the provider', async () => {
    const { pending, code } = await started();
    await expect(oidc.finish({ code, state: 'forged' }, pending)).rejects.toThrow(SignInRefusedError);
    await expect(oidc.finish({ code }, pending)).rejects.toThrow(SignInRefusedError);
    expect(provider.tokenRequests).toHaveLength(0);
  });

  it('refuses a callback when no sign-in was started in this session, or it is too old', async () => {
    const { pending, code } = await started();
    await expect(oidc.finish({ code, state: pending.state }, undefined)).rejects.toThrow(
      /no sign-in was started/,
    );
    const old = { ...pending, startedAt: Date.now() - 16 * 60_000 };
    await expect(oidc.finish({ code, state: pending.state }, old)).rejects.toThrow(SignInRefusedError);
    expect(provider.tokenRequests).toHaveLength(0);
  });

  it('refuses the provider’s error answer (access_denied)', async () => {
    const { pending } = await started();
    await expect(oidc.finish({ error: 'access_denied', state: pending.state }, pending)).rejects.toThrow(
      /refused the sign-in \(access_denied\)/,
    );
  });

  it('refuses when the provider refuses the code (replayed or wrong verifier: invalid_grant)', async () => {
    const { pending } = await started();
    await expect(oidc.finish({ code: 'not-the-code', state: pending.state }, pending)).rejects.toThrow(
      SignInRefusedError,
    );
    const again = await started();
    const spoiled = { ...again.pending, codeVerifier: 'x'.repeat(43) };
    await expect(oidc.finish({ code: again.code, state: again.pending.state }, spoiled)).rejects.toThrow(
      /invalid_grant/,
    );
  });

  it.each([
    ['a nonce from another sign-in', { nonce: 'another-nonce' }, /nonce mismatch/],
    ['another audience', { aud: 'another-client' }, /aud mismatch/],
    ['another issuer', { iss: 'http://evil.test' }, /unexpected iss/],
    ['an expired ID token', { exp: Math.floor(Date.now() / 1000) - 3600 }, /expired/],
    ['a signature by another key', { signWith: 'other' as const }, /failed to validate JWT signature/],
  ])('refuses an ID token with %s', async (_case, spoil, message) => {
    provider.idToken = spoil;
    const { pending, code } = await started();
    const err = await oidc.finish({ code, state: pending.state }, pending).catch((e: Error) => e);
    expect(err).toBeInstanceOf(SignInRefusedError);
    expect((err as Error).message).toMatch(message);
  });

  it('reports an unreachable provider as unavailable, and discovers it again once it is back', async () => {
    provider.up = false;
    await expect(oidc.start()).rejects.toThrow(ProviderUnavailableError);
    provider.up = true;
    await expect(oidc.start()).resolves.toHaveProperty('url');
  });

  it('RP-initiated logout: the provider’s end-session URL with the ID token hint and where to come back', async () => {
    const url = new URL((await oidc.endSessionUrl('the-id-token'))!);
    expect(`${url.origin}${url.pathname}`).toBe(`${provider.base}/logout`);
    expect(url.searchParams.get('id_token_hint')).toBe('the-id-token');
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(settings.postLogoutRedirectUri);
  });
});
