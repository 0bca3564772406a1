/**
 * The shared connection helpers (connectTemporalClient / connectTemporalWorker, the ones every service's client and
 * worker use) over mTLS and with an API key, on the real local Temporal. The dev server of the Temporal CLI cannot
 * serve TLS (`temporal server start-dev --help`: no TLS options), so a TLS front (tls-proxy.ts) stands where a
 * secured frontend would: it asks for a client certificate signed by a CA made for this run (openssl), checks the
 * API key when told to, and forwards the calls to the shared dev server in plain text. Shown:
 * - a client and a worker connected with mTLS (certificate, key, the CA, a server name override) run a workflow
 *   and its activity; a client with no certificate, one from another CA, or in plain text is refused;
 * - with an API key (TLS, no client certificate: Temporal Cloud's way) calls pass; a wrong key is refused; when
 *   the key file is rotated, the client and the worker take the new key without a restart.
 */
import { SHARED_TEMPORAL_ADDRESS, waitFor } from '@oversight/testing';
import { Client } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectTemporalClient, connectTemporalWorker } from '../src/temporal.connection';
import { TemporalSettings, temporalSettingsFromEnv } from '../src/temporal-security';
import { startTlsProxy, TlsProxy } from './tls-proxy';

const run = randomUUID().slice(0, 8);
const SERVER_NAME = 'temporal-frontend.test';

/** A CA, a server certificate for SERVER_NAME, a client certificate; and a client certificate from another CA. */
function makeCertificates(dir: string): void {
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  for (const ca of ['ca', 'rogue-ca'])
    ssl(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      `${ca}.key`,
      '-out',
      `${ca}.crt`,
      '-days',
      '1',
      '-subj',
      `/CN=${ca}-${run}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
  const leaf = (name: string, ca: string, usage: string, san: string) => {
    writeFileSync(
      join(dir, `${name}.ext`),
      `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=${usage}\nsubjectAltName=${san}\n`,
    );
    ssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    ssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${ca}.crt`,
      '-CAkey',
      `${ca}.key`,
      '-set_serial',
      `0x${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      '-days',
      '1',
      '-out',
      `${name}.crt`,
      '-extfile',
      `${name}.ext`,
    );
  };
  leaf('server', 'ca', 'serverAuth', `DNS:${SERVER_NAME}`);
  leaf('client', 'ca', 'clientAuth', 'DNS:oversight-worker');
  leaf('rogue-client', 'rogue-ca', 'clientAuth', 'DNS:oversight-worker');
}

describe('Temporal over mTLS and with an API key (the shared connection helpers)', () => {
  let dir: string;
  let workflowBundle: { code: string };
  const file = (name: string) => join(dir, name);
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'temporal-tls-'));
    makeCertificates(dir);
    workflowBundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('./fixtures/greeting.workflows'),
      logger: {
        log: () => undefined,
        trace: () => undefined,
        debug: () => undefined,
        info: () => undefined,
        warn: () => undefined,
        error: () => undefined,
      },
    });
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  const proxy = async (opts: { mtls: boolean; apiKey?: () => string }): Promise<TlsProxy> => {
    const p = await startTlsProxy({
      upstream: SHARED_TEMPORAL_ADDRESS,
      key: readFileSync(file('server.key')),
      cert: readFileSync(file('server.crt')),
      ...(opts.mtls ? { clientCa: readFileSync(file('ca.crt')) } : {}),
      ...(opts.apiKey ? { apiKey: opts.apiKey } : {}),
    });
    closers.push(() => p.close());
    return p;
  };

  /** A worker on its own task queue: runs greetingWorkflow with a `greet` activity until the test ends. */
  const startWorker = async (connection: NativeConnection, taskQueue: string) => {
    const worker = await Worker.create({
      connection,
      namespace: 'default',
      taskQueue,
      workflowBundle,
      activities: { greet: async (name: string) => `hello ${name}` },
      maxCachedWorkflows: 10,
      maxConcurrentWorkflowTaskExecutions: 2,
    });
    const running = worker.run();
    closers.push(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    });
    return worker;
  };

  const runGreeting = (client: Client, taskQueue: string, name: string) =>
    client.workflow.execute('greetingWorkflow', {
      taskQueue,
      workflowId: `tls-it-${run}-${randomUUID().slice(0, 8)}`,
      args: [name],
      workflowExecutionTimeout: '60s',
    });

  const keepClient = (client: Client) => {
    closers.push(() => client.connection.close());
    return client;
  };

  describe('mTLS', () => {
    let front: TlsProxy;
    let mtls: TemporalSettings;
    beforeAll(async () => {
      front = await proxy({ mtls: true });
      // the settings as a service reads them (TemporalServiceEnv)
      mtls = temporalSettingsFromEnv({
        TEMPORAL_ADDRESS: `127.0.0.1:${front.port}`,
        TEMPORAL_NAMESPACE: 'default',
        TEMPORAL_TLS_CERT_FILE: file('client.crt'),
        TEMPORAL_TLS_KEY_FILE: file('client.key'),
        TEMPORAL_TLS_CA_FILE: file('ca.crt'),
        TEMPORAL_TLS_SERVER_NAME: SERVER_NAME,
      });
    });

    it('a client and a worker with the certificate run a workflow and its activity', async () => {
      const taskQueue = `tls-it-mtls-${run}`;
      await startWorker(await connectTemporalWorker(mtls), taskQueue);
      const client = keepClient(await connectTemporalClient(mtls));
      await expect(runGreeting(client, taskQueue, 'mtls')).resolves.toBe('hello mtls');
      expect(front.stats.forwarded).toBeGreaterThan(0);
    });

    it.each<[string, () => Partial<TemporalSettings>]>([
      [
        'no client certificate (TLS, the right CA)',
        () => ({ clientCertFile: undefined, clientKeyFile: undefined }),
      ],
      [
        'a certificate from another CA',
        () => ({ clientCertFile: file('rogue-client.crt'), clientKeyFile: file('rogue-client.key') }),
      ],
    ])('refuses a client with %s, and a worker with it', async (_name, change) => {
      const refused = front.stats.handshakesRefused;
      const settings = { ...mtls, ...change() };
      await expect(
        connectTemporalClient(settings)
          .then(keepClient)
          .then((c) => c.workflowService.getSystemInfo({})),
      ).rejects.toThrow();
      await expect(
        connectTemporalWorker(settings).then(async (c) => void (await c.close())),
      ).rejects.toThrow();
      expect(front.stats.handshakesRefused).toBeGreaterThan(refused);
    });

    it('refuses a client in plain text', async () => {
      const plain = { address: mtls.address, namespace: 'default' };
      await expect(
        connectTemporalClient(plain)
          .then(keepClient)
          .then((c) => c.workflowService.getSystemInfo({})),
      ).rejects.toThrow();
    });

    it('refuses a server whose certificate is not for the name checked (no server name override)', async () => {
      const settings = { ...mtls, serverName: undefined };
      await expect(
        connectTemporalClient(settings)
          .then(keepClient)
          .then((c) => c.workflowService.getSystemInfo({})),
      ).rejects.toThrow();
    });
  });

  describe('API key from a file (TLS, no client certificate)', () => {
    let front: TlsProxy;
    let accepted = `key-one-${run}`;
    let settings: TemporalSettings;
    const writeKey = (key: string) => {
      // as a Kubernetes secret volume updates: a new file moved over the old name
      writeFileSync(file('api-key.new'), `${key}\n`);
      renameSync(file('api-key.new'), file('api-key'));
    };
    beforeAll(async () => {
      front = await proxy({ mtls: false, apiKey: () => accepted });
      writeKey(accepted);
      settings = temporalSettingsFromEnv({
        TEMPORAL_ADDRESS: `127.0.0.1:${front.port}`,
        TEMPORAL_NAMESPACE: 'default',
        TEMPORAL_TLS_CA_FILE: file('ca.crt'),
        TEMPORAL_TLS_SERVER_NAME: SERVER_NAME,
        TEMPORAL_API_KEY_FILE: file('api-key'),
        TEMPORAL_API_KEY_RELOAD_SECONDS: 1,
      });
    });

    it('refuses a client and a worker with a wrong key', async () => {
      writeFileSync(file('wrong-key'), 'not-the-key\n');
      const wrong = { ...settings, apiKeyFile: file('wrong-key'), apiKeyReloadSeconds: 0 };
      const refused = front.stats.refusedKey;
      const err = await connectTemporalClient(wrong).then(keepClient, (e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect(String((err as Error & { cause?: unknown }).cause)).toMatch(/UNAUTHENTICATED: bad API key/);
      await expect(connectTemporalWorker(wrong).then(async (c) => void (await c.close()))).rejects.toThrow();
      expect(front.stats.refusedKey).toBeGreaterThanOrEqual(refused + 2);
    });

    it('runs a workflow with the key; after the key file is rotated, client and worker go on with the new key', async () => {
      const taskQueue = `tls-it-apikey-${run}`;
      await startWorker(await connectTemporalWorker(settings), taskQueue);
      const client = keepClient(await connectTemporalClient(settings));
      await expect(runGreeting(client, taskQueue, 'key one')).resolves.toBe('hello key one');

      // rotation: the server accepts only the new key from now on; the file is updated
      const refusedBefore = front.stats.refusedKey;
      accepted = `key-two-${run}`;
      writeKey(accepted);
      await waitFor(
        'the client to call with the rotated key',
        () => client.workflowService.describeNamespace({ namespace: 'default' }).then(() => true),
        Boolean,
        { timeoutMs: 15_000, intervalMs: 250 },
      );
      // a run started now needs the worker's polls to carry the new key too
      const callsBefore = front.calls.length;
      await expect(runGreeting(client, taskQueue, 'key two')).resolves.toBe('hello key two');
      // the worker's answers for that run (made after the rotation; the old key is refused) carried the new key
      const workerAnswers = front.calls
        .slice(callsBefore)
        .filter((c) => /^Respond(WorkflowTask|ActivityTask)Completed$/.test(c.method));
      expect(workerAnswers.length).toBeGreaterThanOrEqual(2);
      expect(new Set(workerAnswers.map((c) => c.authorization))).toEqual(new Set([`Bearer ${accepted}`]));
      // and the namespace header Temporal Cloud routes API-key calls by, which the SDK adds (client and worker)
      expect(new Set(workerAnswers.map((c) => c.namespace))).toEqual(new Set(['default']));
      const clientCalls = front.calls.slice(callsBefore).filter((c) => c.method === 'StartWorkflowExecution');
      expect(clientCalls.map((c) => c.namespace)).toEqual(['default']);
      expect(front.stats.refusedKey).toBeGreaterThanOrEqual(refusedBefore);
    });
  });
});
