import { localSecrets } from '@oversight/testing';
import { randomUUID } from 'node:crypto';
import { generators, Issuer } from 'openid-client';
import { api, GATEWAY, ISSUER } from './support';

/**
 * The local issuer as an OpenID Connect provider (issue 13), against the running gateway and its database:
 * the staff UI's registered client (redirect URI and secret as the local run sets them) signs a demo user
 * in with the authorisation-code flow and PKCE, and every way of misusing a code is refused.
 */
const secrets = localSecrets() as unknown as Record<string, string>;
const CLIENT_ID = 'staff-ui';
const CLIENT_SECRET = secrets.OIDC_CLIENT_SECRET;
const REDIRECT = 'http://127.0.0.1:3200/auth/callback';
const basic = (secret = CLIENT_SECRET) => `Basic ${Buffer.from(`${CLIENT_ID}:${secret}`).toString('base64')}`;

interface Started {
  verifier: string;
  state: string;
  nonce: string;
  query: URLSearchParams;
}

function authorizationRequest(over: Record<string, string | undefined> = {}): Started {
  const verifier = generators.codeVerifier();
  const state = generators.state();
  const nonce = generators.nonce();
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT,
    scope: 'openid profile',
    state,
    nonce,
    code_challenge: generators.codeChallenge(verifier),
    code_challenge_method: 'S256',
    ...over,
  };
  const query = new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined),
  );
  return { verifier, state, nonce, query };
}

/** The demo sign-in form sent with the request's hidden fields: what a browser does. */
async function signInAt(
  started: Started,
  username = 'reviewer.amara',
  password = secrets.DEMO_USER_PASSWORD,
) {
  const form = new URLSearchParams(started.query);
  form.set('username', username);
  form.set('password', password);
  return fetch(`${ISSUER}/authorize`, { method: 'POST', body: form, redirect: 'manual' });
}

async function codeFor(started = authorizationRequest()): Promise<{ code: string; started: Started }> {
  const res = await signInAt(started);
  expect(res.status).toBe(303);
  const back = new URL(res.headers.get('location')!);
  return { code: back.searchParams.get('code')!, started };
}

function redeem(code: string, verifier: string, over: Record<string, string> = {}, auth = basic()) {
  return fetch(`${ISSUER}/token`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      ...over,
    }),
  });
}

describe('local issuer: OpenID Connect provider (authorisation code + PKCE)', () => {
  beforeAll(() => {
    if (!CLIENT_SECRET)
      throw new Error('OIDC_CLIENT_SECRET missing from .local/secrets.env: start the stack');
  });

  it('publishes discovery: S256 only, the endpoints, its JWKS and RP-initiated logout', async () => {
    const res = await fetch(`${ISSUER}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      issuer: ISSUER,
      authorization_endpoint: `${ISSUER}/authorize`,
      token_endpoint: `${ISSUER}/token`,
      jwks_uri: `${ISSUER}/jwks.json`,
      end_session_endpoint: `${ISSUER}/logout`,
      code_challenge_methods_supported: ['S256'],
      response_types_supported: ['code'],
    });
  });

  it('signs a demo user in with openid-client: code + state + iss back, ID token validated, access token works', async () => {
    const issuer = await Issuer.discover(ISSUER);
    const client = new issuer.Client({
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [REDIRECT],
      response_types: ['code'],
    });
    const started = authorizationRequest();
    const page = await fetch(`${ISSUER}/authorize?${started.query}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self' http://127.0.0.1:3200");
    expect(await page.text()).toContain('name="code_challenge"');

    const back = await signInAt(started);
    expect(back.status).toBe(303);
    const location = new URL(back.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe(started.state);
    expect(location.searchParams.get('iss')).toBe(ISSUER);

    const tokens = await client.callback(REDIRECT, Object.fromEntries(location.searchParams), {
      response_type: 'code',
      state: started.state,
      nonce: started.nonce,
      code_verifier: started.verifier,
    });
    expect(tokens.claims()).toMatchObject({
      sub: 'reviewer.amara',
      aud: CLIENT_ID,
      nonce: started.nonce,
      roles: ['OPCC_REVIEWER'],
    });
    const asUser = await api('GET', `/api/complaint-reviews/applications/${randomUUID()}`, {
      token: tokens.access_token,
    });
    expect(asUser.status).toBe(404); // authenticated and allowed through; the review does not exist
  });

  it('refuses a code redeemed twice (replay), in the database', async () => {
    const { code, started } = await codeFor();
    expect((await redeem(code, started.verifier)).status).toBe(200);
    const again = await redeem(code, started.verifier);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('lets exactly one of two concurrent redemptions of a code succeed', async () => {
    const { code, started } = await codeFor();
    const statuses = (
      await Promise.all([redeem(code, started.verifier), redeem(code, started.verifier)])
    ).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 400]);
  });

  it('refuses a wrong code_verifier, and the code is spent afterwards', async () => {
    const { code, started } = await codeFor();
    const wrong = await redeem(code, generators.codeVerifier());
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/code_verifier/),
    });
    expect((await redeem(code, started.verifier)).status).toBe(400);
  });

  it('refuses another redirect_uri, a wrong client secret, and no client authentication', async () => {
    const a = await codeFor();
    expect(
      (await redeem(a.code, a.started.verifier, { redirect_uri: 'http://127.0.0.1:3200/elsewhere' })).status,
    ).toBe(400);
    const b = await codeFor();
    const badSecret = await redeem(b.code, b.started.verifier, {}, basic('not-the-secret-of-this-client'));
    expect(badSecret.status).toBe(401);
    expect(await badSecret.json()).toMatchObject({ error: 'invalid_client' });
    const none = await redeem(b.code, b.started.verifier, { client_id: CLIENT_ID }, '');
    expect(none.status).toBe(401);
    expect((await redeem(b.code, b.started.verifier)).status).toBe(200); // untouched by the refused attempts
  });

  it('never redirects to an unregistered redirect URI; sends other errors back to the client with the state', async () => {
    const evil = authorizationRequest({ redirect_uri: 'http://127.0.0.1:9999/steal' });
    const page = await fetch(`${ISSUER}/authorize?${evil.query}`, { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();

    const noPkce = authorizationRequest({ code_challenge: undefined, code_challenge_method: undefined });
    const refused = await fetch(`${ISSUER}/authorize?${noPkce.query}`, { redirect: 'manual' });
    expect(refused.status).toBe(303);
    const back = new URL(refused.headers.get('location')!);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('state')).toBe(noPkce.state);
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('shows the form again on a wrong password, with no code issued', async () => {
    const res = await signInAt(authorizationRequest(), 'reviewer.amara', 'not-the-password');
    expect(res.status).toBe(401);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('Enter a correct username and password');
  });

  it('RP-initiated logout returns only to a registered address', async () => {
    const ok = await fetch(
      `${ISSUER}/logout?post_logout_redirect_uri=${encodeURIComponent('http://127.0.0.1:3200/signed-out')}&state=s1`,
      { redirect: 'manual' },
    );
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('http://127.0.0.1:3200/signed-out?state=s1');
    const evil = await fetch(
      `${ISSUER}/logout?post_logout_redirect_uri=${encodeURIComponent('http://evil.test/')}`,
      {
        redirect: 'manual',
      },
    );
    expect(evil.status).toBe(400);
    expect(evil.headers.get('location')).toBeNull();
  });

  it('keeps the password grant for tests and scripts (JSON), and other writes JSON-only', async () => {
    const res = await fetch(`${GATEWAY}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'reviewer.amara', password: secrets.DEMO_USER_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const form = await fetch(`${GATEWAY}/api/complaint-reviews/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(form.status).toBe(415);
  });
});
