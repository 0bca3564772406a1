import { createLogger } from '@oversight/observability';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { reloadApiKey } from './api-key-reload';
import {
  describeTemporalConnection,
  temporalSecurityOptions,
  TemporalSecurityOptions,
  temporalSecurityWarning,
  TemporalSettings,
} from './temporal-security';
import { temporalTracingPlugins } from './tracing';

const log = createLogger('temporal');

/**
 * A client for starting, signalling and querying workflows (traced: see tracing.ts), secured as the settings
 * say (temporal-security.ts: plain text, TLS, mTLS, API key from a file, re-read while the connection is open).
 */
export async function connectTemporalClient(s: TemporalSettings): Promise<Client> {
  const security = secure(s, 'client');
  const connection = await Connection.connect({
    address: s.address,
    connectTimeout: '5s',
    plugins: temporalTracingPlugins(),
    ...security,
  });
  keepApiKeyFresh(s, security, connection, (key) => connection.setApiKey(key));
  return new Client({ connection, namespace: s.namespace });
}

/**
 * The worker's connection (native, from the Rust core), secured like the client's. Workers created on it inherit
 * its plugins: the tracing interceptors, the workflow interceptor module in the bundle and the span sink.
 */
export async function connectTemporalWorker(s: TemporalSettings): Promise<NativeConnection> {
  const security = secure(s, 'worker');
  const connection = await NativeConnection.connect({
    address: s.address,
    plugins: temporalTracingPlugins(),
    ...security,
  });
  keepApiKeyFresh(s, security, connection, (key) => connection.setApiKey(key));
  return connection;
}

function secure(s: TemporalSettings, role: 'client' | 'worker'): TemporalSecurityOptions {
  const security = temporalSecurityOptions(s);
  const warning = temporalSecurityWarning(s);
  if (warning) log.warn({ temporal: describeTemporalConnection(s), role }, warning);
  else log.info({ temporal: describeTemporalConnection(s), role }, 'connecting to Temporal');
  return security;
}

/** With an API key file and a reload interval, the connection takes a rotated key; the timer stops on close. */
function keepApiKeyFresh(
  s: TemporalSettings,
  security: TemporalSecurityOptions,
  connection: { close(): Promise<void> },
  apply: (key: string) => void | Promise<void>,
): void {
  if (!s.apiKeyFile || !security.apiKey || !s.apiKeyReloadSeconds) return;
  const reload = reloadApiKey({
    path: s.apiKeyFile,
    initial: security.apiKey,
    everySeconds: s.apiKeyReloadSeconds,
    apply,
    report: (event) =>
      'error' in event
        ? log.warn(
            { file: s.apiKeyFile, err: event.error },
            'Temporal API key file not re-read: the current key stays',
          )
        : log.info(
            { file: s.apiKeyFile },
            'Temporal API key changed in its file: the connection uses the new key',
          ),
  });
  const close = connection.close.bind(connection);
  connection.close = async () => {
    reload.stop();
    await close();
  };
}

/**
 * Where deploy/local/temporal-test-server.sh put the Java time-skipping test server's launcher.
 * The TS SDK cannot download one here, so workflow tests pass this path as an existing executable.
 */
export function temporalTestServerPath(): string {
  if (process.env.TEMPORAL_TEST_SERVER_PATH) return process.env.TEMPORAL_TEST_SERVER_PATH;
  const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(cache, 'oversight', 'temporal-test-server', 'bin', 'temporal-test-server');
}

/** True when a start call lost a race with an earlier one for the same workflow id. */
export function isAlreadyStarted(err: unknown): boolean {
  return (err as Error)?.name === 'WorkflowExecutionAlreadyStartedError';
}
