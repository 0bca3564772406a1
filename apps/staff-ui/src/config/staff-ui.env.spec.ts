import { loadConfig } from '@oversight/config';
import { StaffUiEnv } from './staff-ui.env';

const base = { DATABASE_URL: 'postgresql://u:p@127.0.0.1/staff_ui' };
const prod = {
  ...base,
  NODE_ENV: 'production',
  SESSION_SECRET: 'x'.repeat(32),
  SIGN_IN_MODE: 'oidc',
  OIDC_ISSUER_URL: 'https://login.example.police.uk/realms/force',
  OIDC_REDIRECT_URI: 'https://oversight.example.police.uk/auth/callback',
  OIDC_CLIENT_SECRET: 'a-secret-from-the-vault-0123',
};
const oidcOf = (env: Record<string, string>) => loadConfig(StaffUiEnv, env).oidc();

describe('StaffUiEnv sign-in settings', () => {
  it('local runs: oidc against AUTH_ISSUER (the gateway’s local issuer) with this app’s own callback', () => {
    expect(
      oidcOf({
        ...base,
        SIGN_IN_MODE: 'oidc',
        AUTH_ISSUER: 'http://127.0.0.1:3000/auth',
        OIDC_CLIENT_SECRET: 's'.repeat(32),
      }),
    ).toEqual({
      issuerUrl: 'http://127.0.0.1:3000/auth',
      clientId: 'staff-ui',
      clientSecret: 's'.repeat(32),
      redirectUri: 'http://127.0.0.1:3200/auth/callback',
      postLogoutRedirectUri: 'http://127.0.0.1:3200/signed-out',
      scopes: 'openid profile',
      timeoutMs: 15000,
    });
  });

  it('local mode (route tests) has no OIDC settings; production with everything given is accepted', () => {
    expect(oidcOf(base)).toBeUndefined();
    expect(oidcOf(prod)).toMatchObject({
      issuerUrl: prod.OIDC_ISSUER_URL,
      redirectUri: prod.OIDC_REDIRECT_URI,
    });
  });

  it.each([
    ['local mode in production', { SIGN_IN_MODE: 'local' }, /local runs only/],
    [
      'no issuer in production (AUTH_ISSUER is not used there)',
      { OIDC_ISSUER_URL: undefined, AUTH_ISSUER: 'https://x' },
      /OIDC_ISSUER_URL/,
    ],
    ['no redirect URI in production', { OIDC_REDIRECT_URI: undefined }, /OIDC_REDIRECT_URI is required/],
    [
      'an http redirect URI in production',
      { OIDC_REDIRECT_URI: 'http://oversight.example/auth/callback' },
      /https/,
    ],
    [
      'a callback on another path',
      { OIDC_REDIRECT_URI: 'https://oversight.example/callback' },
      /\/auth\/callback/,
    ],
    ['no client secret in production', { OIDC_CLIENT_SECRET: undefined }, /OIDC_CLIENT_SECRET/],
    ['scopes without openid', { OIDC_SCOPES: 'profile email' }, /openid/],
  ])('refuses to start with %s', (_case, change, message) => {
    const env = Object.fromEntries(
      Object.entries({ ...prod, ...change }).filter((e): e is [string, string] => e[1] !== undefined),
    );
    expect(() => oidcOf(env)).toThrow(message);
  });

  it('refuses an unknown SIGN_IN_MODE and a short client secret when loading', () => {
    expect(() => loadConfig(StaffUiEnv, { ...base, SIGN_IN_MODE: 'saml' })).toThrow(/SIGN_IN_MODE/);
    expect(() => loadConfig(StaffUiEnv, { ...base, OIDC_CLIENT_SECRET: 'short' })).toThrow(/at least 16/);
  });
});
