import {
  describeTemporalConnection,
  InvalidTemporalSecurityError,
  isLoopback,
  temporalSecurityOptions,
  temporalSecurityWarning,
  TemporalSettings,
  temporalSettingsFromEnv,
} from './temporal-security';

/** Fake secret files: each content names its file, so a leak into a description is easy to spot. */
const FILES: Record<string, string> = {
  '/s/client.crt': '-----BEGIN CERTIFICATE-----client-cert-body',
  '/s/client.key': '-----BEGIN PRIVATE KEY-----client-key-body',
  '/s/ca.crt': '-----BEGIN CERTIFICATE-----ca-body',
  '/s/api-key': 'tc-api-key-secret-value\n',
  '/s/empty': '',
  '/s/blank-key': ' \n',
  '/s/two-words': 'one two\n',
};
const read = (path: string): Buffer => {
  const content = FILES[path];
  if (content === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return Buffer.from(content);
};
const buf = (path: string) => Buffer.from(FILES[path]!);
const at = { address: 'temporal.example:7233', namespace: 'oversight' };

describe('temporalSecurityOptions: the SDK options (tls, apiKey) each combination of settings gives', () => {
  it.each<[string, Partial<TemporalSettings>, object]>([
    ['nothing set: plain text (the local dev server)', {}, {}],
    ['TEMPORAL_TLS=true: TLS with the system roots', { tls: true }, { tls: {} }],
    [
      'mTLS: client certificate and key, system roots',
      { clientCertFile: '/s/client.crt', clientKeyFile: '/s/client.key' },
      { tls: { clientCertPair: { crt: buf('/s/client.crt'), key: buf('/s/client.key') } } },
    ],
    [
      'mTLS with a private CA and a server name (the Temporal chart with cert-manager)',
      {
        clientCertFile: '/s/client.crt',
        clientKeyFile: '/s/client.key',
        serverCaFile: '/s/ca.crt',
        serverName: 'frontend',
      },
      {
        tls: {
          clientCertPair: { crt: buf('/s/client.crt'), key: buf('/s/client.key') },
          serverRootCACertificate: buf('/s/ca.crt'),
          serverNameOverride: 'frontend',
        },
      },
    ],
    [
      'a CA alone: TLS, server checked against it',
      { serverCaFile: '/s/ca.crt' },
      { tls: { serverRootCACertificate: buf('/s/ca.crt') } },
    ],
    [
      'a server name alone: TLS',
      { serverName: 'frontend.temporal' },
      { tls: { serverNameOverride: 'frontend.temporal' } },
    ],
    [
      'an API key file: TLS implied, the key trimmed of its newline (Temporal Cloud)',
      { apiKeyFile: '/s/api-key' },
      { tls: {}, apiKey: 'tc-api-key-secret-value' },
    ],
    [
      'an API key with TEMPORAL_TLS=true: the same',
      { tls: true, apiKeyFile: '/s/api-key' },
      { tls: {}, apiKey: 'tc-api-key-secret-value' },
    ],
    [
      'an API key and mTLS together',
      { apiKeyFile: '/s/api-key', clientCertFile: '/s/client.crt', clientKeyFile: '/s/client.key' },
      {
        tls: { clientCertPair: { crt: buf('/s/client.crt'), key: buf('/s/client.key') } },
        apiKey: 'tc-api-key-secret-value',
      },
    ],
  ])('%s', (_name, settings, expected) => {
    expect(temporalSecurityOptions({ ...at, ...settings }, read)).toEqual(expected);
  });

  it.each<[string, Partial<TemporalSettings>, RegExp]>([
    [
      'a certificate without its key',
      { clientCertFile: '/s/client.crt' },
      /TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE must be set together/,
    ],
    [
      'a key without its certificate',
      { clientKeyFile: '/s/client.key' },
      /TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE must be set together/,
    ],
    [
      'a missing CA file',
      { serverCaFile: '/s/nope' },
      /TEMPORAL_TLS_CA_FILE: the file cannot be read \(ENOENT\)/,
    ],
    [
      'a missing certificate file',
      { clientCertFile: '/s/nope', clientKeyFile: '/s/client.key' },
      /TEMPORAL_TLS_CERT_FILE: the file cannot be read/,
    ],
    [
      'an empty key file',
      { clientCertFile: '/s/client.crt', clientKeyFile: '/s/empty' },
      /TEMPORAL_TLS_KEY_FILE: the file is empty/,
    ],
    ['an empty API key file', { apiKeyFile: '/s/empty' }, /TEMPORAL_API_KEY_FILE: the file is empty/],
    [
      'an API key file of white space',
      { apiKeyFile: '/s/blank-key' },
      /TEMPORAL_API_KEY_FILE: the file holds no key/,
    ],
    [
      'an API key file of two words',
      { apiKeyFile: '/s/two-words' },
      /TEMPORAL_API_KEY_FILE: the key must be one line/,
    ],
  ])('refuses %s, naming the setting', (_name, settings, message) => {
    expect(() => temporalSecurityOptions({ ...at, ...settings }, read)).toThrow(InvalidTemporalSecurityError);
    expect(() => temporalSecurityOptions({ ...at, ...settings }, read)).toThrow(message);
  });

  it('never puts a file content in its errors', () => {
    try {
      temporalSecurityOptions({ ...at, apiKeyFile: '/s/two-words' }, read);
    } catch (err) {
      expect((err as Error).message).not.toContain('one two');
    }
  });
});

describe('temporalSettingsFromEnv: TemporalServiceEnv to connection settings', () => {
  it.each<[string, Record<string, unknown>, TemporalSettings]>([
    ['the local default', {}, at],
    ['TEMPORAL_TLS=false is plain', { TEMPORAL_TLS: 'false' }, at],
    ['TEMPORAL_TLS=true', { TEMPORAL_TLS: 'true' }, { ...at, tls: true }],
    [
      'every file and the reload interval',
      {
        TEMPORAL_TLS_CERT_FILE: '/s/client.crt',
        TEMPORAL_TLS_KEY_FILE: '/s/client.key',
        TEMPORAL_TLS_CA_FILE: '/s/ca.crt',
        TEMPORAL_TLS_SERVER_NAME: 'frontend',
        TEMPORAL_API_KEY_FILE: '/s/api-key',
        TEMPORAL_API_KEY_RELOAD_SECONDS: 60,
      },
      {
        ...at,
        clientCertFile: '/s/client.crt',
        clientKeyFile: '/s/client.key',
        serverCaFile: '/s/ca.crt',
        serverName: 'frontend',
        apiKeyFile: '/s/api-key',
        apiKeyReloadSeconds: 60,
      },
    ],
    ['production', { NODE_ENV: 'production' }, { ...at, production: true }],
  ])('%s', (_name, env, expected) => {
    expect(
      temporalSettingsFromEnv({ TEMPORAL_ADDRESS: at.address, TEMPORAL_NAMESPACE: at.namespace, ...env }),
    ).toEqual(expected);
  });
});

describe('describeTemporalConnection: what is logged when a connection opens', () => {
  it.each<[string, Partial<TemporalSettings>, object]>([
    ['plain text', {}, { ...at, security: 'plain text' }],
    ['TLS, system roots', { tls: true }, { ...at, security: 'TLS', serverCa: 'system roots' }],
    [
      'mTLS with a CA and a server name',
      {
        clientCertFile: '/s/client.crt',
        clientKeyFile: '/s/client.key',
        serverCaFile: '/s/ca.crt',
        serverName: 'frontend',
      },
      { ...at, security: 'mTLS', serverCa: '/s/ca.crt', serverName: 'frontend', clientCert: '/s/client.crt' },
    ],
    [
      'an API key, re-read',
      { apiKeyFile: '/s/api-key', apiKeyReloadSeconds: 60 },
      { ...at, security: 'TLS', serverCa: 'system roots', apiKey: 'from /s/api-key, re-read every 60 s' },
    ],
  ])('%s', (_name, settings, expected) => {
    expect(describeTemporalConnection({ ...at, ...settings })).toEqual(expected);
  });

  it('holds paths only: no key, certificate or private key content', () => {
    const all: TemporalSettings = {
      ...at,
      clientCertFile: '/s/client.crt',
      clientKeyFile: '/s/client.key',
      serverCaFile: '/s/ca.crt',
      apiKeyFile: '/s/api-key',
      apiKeyReloadSeconds: 60,
    };
    const logged = JSON.stringify(describeTemporalConnection(all));
    for (const content of Object.values(FILES).map((c) => c.trim()))
      if (content) expect(logged).not.toContain(content);
    expect(logged).not.toContain('/s/client.key'); // not even where the private key lies
  });
});

describe('temporalSecurityWarning: plain text off the machine in production is warned about, not refused', () => {
  it.each<[string, Partial<TemporalSettings>, boolean]>([
    [
      'production, plain, a cluster host',
      { production: true, address: 'temporal-frontend.temporal:7233' },
      true,
    ],
    [
      'production, plain, Temporal Cloud host',
      { production: true, address: 'ns.acct.tmprl.cloud:7233' },
      true,
    ],
    ['production, plain, loopback', { production: true, address: '127.0.0.1:7233' }, false],
    ['production, plain, localhost', { production: true, address: 'localhost:7233' }, false],
    ['production, TLS', { production: true, tls: true }, false],
    ['production, API key', { production: true, apiKeyFile: '/s/api-key' }, false],
    ['production, mTLS', { production: true, clientCertFile: '/a', clientKeyFile: '/b' }, false],
    ['development, plain, a remote host', { address: 'temporal.example:7233' }, false],
  ])('%s: %s', (_name, settings, warned) => {
    const warning = temporalSecurityWarning({ ...at, ...settings });
    expect(Boolean(warning)).toBe(warned);
    if (warning) expect(warning).toMatch(/plain text.*TEMPORAL_TLS/s);
  });

  it.each([
    ['127.0.0.1:7233', true],
    ['127.1.2.3:7233', true],
    ['localhost:7233', true],
    ['[::1]:7233', true],
    ['10.0.0.5:7233', false],
    ['temporal:7233', false],
  ])('isLoopback(%s) = %s', (address, loopback) => {
    expect(isLoopback(address)).toBe(loopback);
  });
});
