import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@oversight/config';
import request from 'supertest';
import { StaffUiEnv } from '../config/staff-ui.env';
import { createStaffUiApp } from '../create-app';
import { FAKE_CLIENT_SECRET, FakeOidcProvider } from './fake-oidc-provider.testing';

/** The staff UI with SIGN_IN_MODE=oidc in front of a stand-in identity provider (in-memory sessions). */
describe('sign-in routes, SIGN_IN_MODE=oidc', () => {
  const provider = new FakeOidcProvider();
  let app: NestExpressApplication;

  beforeAll(async () => {
    await provider.start();
    const env = loadConfig(StaffUiEnv, {
      DATABASE_URL: 'postgresql://unused@127.0.0.1/none',
      NODE_ENV: 'test',
      GATEWAY_URL: 'http://127.0.0.1:9', // nothing here calls the API
      SIGN_IN_MODE: 'oidc',
      OIDC_ISSUER_URL: provider.base,
      OIDC_CLIENT_SECRET: FAKE_CLIENT_SECRET,
    });
    app = await createStaffUiApp(env, { stylesheet: '', quiet: true });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    await provider.close();
  });

  /** /sign-in/start → the provider (which here signs the user in at once) → the callback URL. */
  async function throughProvider(agent: ReturnType<typeof request.agent>) {
    const start = await agent.get('/sign-in/start').expect(303);
    const toProvider = new URL(start.headers.location);
    const back = await fetch(toProvider, { redirect: 'manual' });
    const callback = new URL(back.headers.get('location')!);
    return { toProvider, callback: `${callback.pathname}${callback.search}` };
  }

  it('offers a button to the provider instead of a password form; the CSP lets sign-out go on to it', async () => {
    const res = await request(app.getHttpServer()).get('/sign-in').expect(200);
    expect(res.text).toContain('href="/sign-in/start"');
    expect(res.text).not.toContain('name="password"');
    expect(res.headers['content-security-policy']).toContain(`form-action 'self' ${provider.base}`);
  });

  it('signs in through the provider: back to the page asked for, new session id, no token in the browser', async () => {
    const agent = request.agent(app.getHttpServer());
    await agent.get('/reviews?view=team').expect(303);
    const { toProvider, callback } = await throughProvider(agent);
    expect(toProvider.searchParams.get('code_challenge_method')).toBe('S256');
    const before = (await agent.get('/sign-in')).headers['set-cookie'];
    const res = await agent.get(callback).expect(303);
    expect(res.headers.location).toBe('/reviews?view=team');
    const cookie = res.headers['set-cookie'][0];
    expect(cookie).not.toBe(before?.[0]);
    expect(cookie).toContain('HttpOnly');
    expect(decodeURIComponent(cookie)).not.toMatch(/eyJ/); // no JWT in the cookie
  });

  it('refuses a callback whose state was not issued to this browser (login CSRF), and a replayed one', async () => {
    const victim = request.agent(app.getHttpServer());
    const attacker = request.agent(app.getHttpServer());
    const { callback } = await throughProvider(attacker);
    await victim.get('/sign-in/start').expect(303); // the victim has a sign-in of their own under way
    const refused = await victim.get(callback).expect(400);
    expect(refused.text).toContain('Your sign-in could not be completed');
    await victim.get('/reviews').expect(303); // still nobody signed in

    await attacker.get(callback).expect(303); // its own browser: fine, once
    const replay = await attacker.get(callback).expect(400);
    expect(replay.text).toContain('Your sign-in could not be completed');
  });

  it('signs out: the session ends and the browser goes on to the provider’s logout with the ID token hint', async () => {
    const agent = request.agent(app.getHttpServer());
    const { callback } = await throughProvider(agent);
    await agent.get(callback).expect(303);
    const page = await agent.get('/sign-in'); // the layout's sign-out form
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const out = await agent.post('/sign-out').type('form').send({ _csrf: csrf }).expect(303);
    const logout = new URL(out.headers.location);
    expect(`${logout.origin}${logout.pathname}`).toBe(`${provider.base}/logout`);
    expect(logout.searchParams.get('id_token_hint')).toBeTruthy();
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe('http://127.0.0.1:3200/signed-out');
    await agent.get('/reviews').expect(303);
    expect((await agent.get('/signed-out').expect(200)).text).toContain('You have signed out.');
  });

  it('answers "service unavailable" when the provider cannot be reached at the code exchange', async () => {
    const agent = request.agent(app.getHttpServer());
    const { callback } = await throughProvider(agent);
    provider.up = false;
    try {
      const res = await agent.get(callback).expect(503);
      expect(res.text).toContain('Sorry, there is a problem with the service');
    } finally {
      provider.up = true;
    }
  });
});
