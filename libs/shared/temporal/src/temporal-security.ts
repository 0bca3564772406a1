import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import { readFileSync } from 'node:fs';

/**
 * How this process reaches the Temporal frontend: the address and namespace, and its transport security.
 * Locally the dev server is plain text on loopback; on Kubernetes it is the Temporal chart's frontend (mTLS,
 * or plain inside the cluster) or Temporal Cloud (mTLS, or an API key over TLS).
 */
export interface TemporalSettings {
  address: string;
  namespace: string;
  /** TLS with the system's roots only (TEMPORAL_TLS=true). Implied by any of the settings below. */
  tls?: boolean;
  /** mTLS: the client certificate and its key, PEM files (TEMPORAL_TLS_CERT_FILE, TEMPORAL_TLS_KEY_FILE). */
  clientCertFile?: string;
  clientKeyFile?: string;
  /** The CA that signed the server's certificate, PEM (TEMPORAL_TLS_CA_FILE); else the system's roots. */
  serverCaFile?: string;
  /** The name checked against the server's certificate, when it is not the address's host (TEMPORAL_TLS_SERVER_NAME). */
  serverName?: string;
  /** A file holding a Temporal Cloud API key (TEMPORAL_API_KEY_FILE), sent as `Authorization: Bearer`; implies TLS. */
  apiKeyFile?: string;
  /** Seconds between re-reads of apiKeyFile, so that a rotated key is taken without a restart (0: read once). */
  apiKeyReloadSeconds?: number;
  /** NODE_ENV=production: plain text to a host that is not loopback is worth a warning. */
  production?: boolean;
}

/** The settings of TemporalServiceEnv (@oversight/config) that say how to reach Temporal. */
export interface TemporalConnectionEnv {
  NODE_ENV?: string;
  TEMPORAL_ADDRESS: string;
  TEMPORAL_NAMESPACE: string;
  TEMPORAL_TLS?: string;
  TEMPORAL_TLS_CERT_FILE?: string;
  TEMPORAL_TLS_KEY_FILE?: string;
  TEMPORAL_TLS_CA_FILE?: string;
  TEMPORAL_TLS_SERVER_NAME?: string;
  TEMPORAL_API_KEY_FILE?: string;
  TEMPORAL_API_KEY_RELOAD_SECONDS?: number;
}

/** The connection settings from a service's validated environment (TemporalServiceEnv). */
export function temporalSettingsFromEnv(env: TemporalConnectionEnv): TemporalSettings {
  const s: TemporalSettings = { address: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE };
  if (env.TEMPORAL_TLS === 'true') s.tls = true;
  if (env.TEMPORAL_TLS_CERT_FILE) s.clientCertFile = env.TEMPORAL_TLS_CERT_FILE;
  if (env.TEMPORAL_TLS_KEY_FILE) s.clientKeyFile = env.TEMPORAL_TLS_KEY_FILE;
  if (env.TEMPORAL_TLS_CA_FILE) s.serverCaFile = env.TEMPORAL_TLS_CA_FILE;
  if (env.TEMPORAL_TLS_SERVER_NAME) s.serverName = env.TEMPORAL_TLS_SERVER_NAME;
  if (env.TEMPORAL_API_KEY_FILE) s.apiKeyFile = env.TEMPORAL_API_KEY_FILE;
  if (env.TEMPORAL_API_KEY_RELOAD_SECONDS !== undefined)
    s.apiKeyReloadSeconds = env.TEMPORAL_API_KEY_RELOAD_SECONDS;
  if (env.NODE_ENV === 'production') s.production = true;
  return s;
}

export class InvalidTemporalSecurityError extends Error {
  override readonly name = 'InvalidTemporalSecurityError';
}

/** The security part of the SDK's connection options (Connection.connect and NativeConnection.connect take both). */
export interface TemporalSecurityOptions {
  /** Absent: plain text. `{}`: TLS with the system's roots. */
  tls?: TLSConfig;
  /** The key the SDK sends as `Authorization: Bearer <key>`. */
  apiKey?: string;
}

export type ReadSecretFile = (path: string) => Buffer;

/** Whether these settings ask for TLS at all (any certificate, CA, server name or API key implies it). */
export function usesTls(s: TemporalSettings): boolean {
  return Boolean(
    s.tls || s.clientCertFile || s.clientKeyFile || s.serverCaFile || s.serverName || s.apiKeyFile,
  );
}

/**
 * The SDK options for these settings, with the files read (`read` is injectable for tests). The namespace header
 * Temporal Cloud routes API-key calls by (`temporal-namespace`) is added by the SDK itself (1.24: the client per
 * call, the worker's core on every request), so no metadata is set here. Errors name the setting, never a value.
 */
export function temporalSecurityOptions(
  s: TemporalSettings,
  read: ReadSecretFile = readFileSync,
): TemporalSecurityOptions {
  if (Boolean(s.clientCertFile) !== Boolean(s.clientKeyFile))
    throw new InvalidTemporalSecurityError(
      'TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE must be set together (mTLS needs the client certificate and its key)',
    );
  if (!usesTls(s)) return {};
  const tls: TLSConfig = {};
  if (s.clientCertFile && s.clientKeyFile)
    tls.clientCertPair = {
      crt: readNonEmpty(read, s.clientCertFile, 'TEMPORAL_TLS_CERT_FILE'),
      key: readNonEmpty(read, s.clientKeyFile, 'TEMPORAL_TLS_KEY_FILE'),
    };
  if (s.serverCaFile)
    tls.serverRootCACertificate = readNonEmpty(read, s.serverCaFile, 'TEMPORAL_TLS_CA_FILE');
  if (s.serverName) tls.serverNameOverride = s.serverName;
  const options: TemporalSecurityOptions = { tls };
  if (s.apiKeyFile) options.apiKey = readApiKey(s.apiKeyFile, read);
  return options;
}

/** The key in an API key file: its content without surrounding white space (a trailing newline is usual). */
export function readApiKey(path: string, read: ReadSecretFile = readFileSync): string {
  const key = readNonEmpty(read, path, 'TEMPORAL_API_KEY_FILE').toString('utf8').trim();
  if (!key)
    throw new InvalidTemporalSecurityError('TEMPORAL_API_KEY_FILE: the file holds no key (only white space)');
  if (/\s/.test(key))
    throw new InvalidTemporalSecurityError('TEMPORAL_API_KEY_FILE: the key must be one line without spaces');
  return key;
}

function readNonEmpty(read: ReadSecretFile, path: string, setting: string): Buffer {
  let content: Buffer;
  try {
    content = read(path);
  } catch (err) {
    throw new InvalidTemporalSecurityError(
      `${setting}: the file cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  if (content.length === 0) throw new InvalidTemporalSecurityError(`${setting}: the file is empty`);
  return content;
}

/** What may be logged about the connection: where, and how it is secured; file paths, never their contents. */
export interface TemporalConnectionDescription {
  address: string;
  namespace: string;
  security: 'plain text' | 'TLS' | 'mTLS';
  serverCa?: string;
  serverName?: string;
  clientCert?: string;
  apiKey?: string;
}

export function describeTemporalConnection(s: TemporalSettings): TemporalConnectionDescription {
  const tls = usesTls(s);
  const d: TemporalConnectionDescription = {
    address: s.address,
    namespace: s.namespace,
    security: !tls ? 'plain text' : s.clientCertFile ? 'mTLS' : 'TLS',
  };
  if (tls) d.serverCa = s.serverCaFile ?? 'system roots';
  if (s.serverName) d.serverName = s.serverName;
  if (s.clientCertFile) d.clientCert = s.clientCertFile;
  if (s.apiKeyFile)
    d.apiKey = `from ${s.apiKeyFile}${s.apiKeyReloadSeconds ? `, re-read every ${s.apiKeyReloadSeconds} s` : ''}`;
  return d;
}

/**
 * A warning for production settings that send workflow data in plain text off the machine: not a refusal,
 * as a Temporal frontend inside the cluster may be plain (then put a NetworkPolicy around it).
 */
export function temporalSecurityWarning(s: TemporalSettings): string | undefined {
  if (!s.production || usesTls(s) || isLoopback(s.address)) return undefined;
  return (
    `Temporal at ${s.address} is reached in plain text (NODE_ENV=production): workflow inputs and results cross ` +
    'the network unencrypted and unauthenticated. Set TEMPORAL_TLS=true, TEMPORAL_TLS_CERT_FILE/_KEY_FILE (mTLS) ' +
    'or TEMPORAL_API_KEY_FILE, unless the frontend is reachable only inside the cluster.'
  );
}

export function isLoopback(address: string): boolean {
  const host = address.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
