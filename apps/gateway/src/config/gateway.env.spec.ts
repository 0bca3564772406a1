import { loadConfig } from '@oversight/config';
import { GatewayEnv } from './gateway.env';

const base = {
  DATABASE_URL: 'postgresql://u:pw@127.0.0.1:5432/gateway',
  PORT: '3000',
  AUTH_JWKS_URL: 'http://127.0.0.1:3000/auth/jwks.json',
  AUTH_ISSUER: 'http://127.0.0.1:3000/auth',
  UPSTREAMS: 'audit=http://127.0.0.1:3102',
};

describe('GatewayEnv: the internal-assertion key (issue 14 §2: every replica signs with one key)', () => {
  it.each<[string, { NODE_ENV: string; INTERNAL_ASSERTION_KEY_FILE?: string }]>([
    ['development without a key file (a key of its own, one process)', { NODE_ENV: 'development' }],
    ['development with a key file', { NODE_ENV: 'development', INTERNAL_ASSERTION_KEY_FILE: '/run/k.json' }],
    ['production with a key file', { NODE_ENV: 'production', INTERNAL_ASSERTION_KEY_FILE: '/run/k.json' }],
  ])('accepts %s', (_case, env) => {
    expect(loadConfig(GatewayEnv, { ...base, ...env }).INTERNAL_ASSERTION_KEY_FILE).toBe(
      env.INTERNAL_ASSERTION_KEY_FILE,
    );
  });

  it.each([
    ['production without a key file', { NODE_ENV: 'production' }],
    ['production with an empty key file path', { NODE_ENV: 'production', INTERNAL_ASSERTION_KEY_FILE: '' }],
  ])('refuses %s, naming the setting', (_case, env) => {
    expect(() => loadConfig(GatewayEnv, { ...base, ...env })).toThrow(/INTERNAL_ASSERTION_KEY_FILE/);
  });
});

describe('GatewayEnv: proxies to trust for the client address (the rate limit counts by it)', () => {
  it.each([
    ['unset: none', {}, 0],
    ['one hop: the ingress controller', { TRUST_PROXY: '1' }, 1],
  ])('%s', (_case, env, hops) => {
    expect(loadConfig(GatewayEnv, { ...base, ...env }).TRUST_PROXY).toBe(hops);
  });

  it.each([['-1'], ['6'], ['yes']])('refuses TRUST_PROXY=%s, naming the setting', (value) => {
    expect(() => loadConfig(GatewayEnv, { ...base, TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });
});
