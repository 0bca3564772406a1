import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { temporalTracingPlugins } from './tracing';

export interface TemporalSettings {
  address: string;
  namespace: string;
}

/** A client for starting, signalling and querying workflows (traced: see tracing.ts). */
export async function connectTemporalClient(s: TemporalSettings): Promise<Client> {
  const connection = await Connection.connect({
    address: s.address,
    connectTimeout: '5s',
    plugins: temporalTracingPlugins(),
  });
  return new Client({ connection, namespace: s.namespace });
}

/**
 * The worker's connection (native, from the Rust core). Workers created on it inherit its plugins:
 * the tracing interceptors, the workflow interceptor module in the bundle and the span sink.
 */
export async function connectTemporalWorker(s: TemporalSettings): Promise<NativeConnection> {
  return NativeConnection.connect({ address: s.address, plugins: temporalTracingPlugins() });
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
