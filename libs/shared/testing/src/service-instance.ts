import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './local-stack';
import { waitFor } from './wait-for';

/** One extra process of a service of the local run, started by a test (second instance, second worker). */
export interface ServiceInstance {
  readonly app: string;
  readonly entry: 'main.ts' | 'worker.ts';
  readonly port: number;
  readonly pid: number;
  readonly child: ChildProcess;
  readonly logFile: string;
  /** Resolves when the process has exited (with its signal, when killed). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM and wait (the service drains); SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL and wait: no drain, no goodbye to Kafka or Temporal. */
  kill(): Promise<void>;
}

function readEnvFile(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2].replace(/\\(.)/g, '$1'); // start-services.sh writes added values with printf %q
  }
  return env;
}

/**
 * Starts another instance of a running service: the same environment as the local run's process
 * (.local/run/services/<app>[-worker].env, written by scripts/start-services.sh), on another port, from
 * the same entry point (`main.ts` the HTTP API, `worker.ts` its background work), and waits until its
 * /health/ready is green. Its log goes to .local/logs/<app>-<entry>-<port>.log.
 */
export async function startServiceInstance(opts: {
  app: string;
  entry: 'main.ts' | 'worker.ts';
  port: number;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
  /**
   * Node's arguments, e.g. ['dist/apps/oocr/main.js'] (from REPO_ROOT). Default: what the local run runs —
   * the build (`--enable-source-maps dist/apps/<app>/<entry>.js`) when dist/apps/<app> exists
   * (scripts/start-services.sh builds before it starts), else the TypeScript entry point.
   */
  command?: string[];
}): Promise<ServiceInstance> {
  const runDir = join(REPO_ROOT, '.local', 'run', 'services');
  const workerEnv = join(runDir, `${opts.app}-worker.env`);
  const file =
    opts.entry === 'worker.ts' && existsSync(workerEnv) ? workerEnv : join(runDir, `${opts.app}.env`);
  if (!existsSync(file))
    throw new Error(`No ${file}: start the local stack first (scripts/start-services.sh)`);
  const env = {
    ...process.env,
    ...readEnvFile(file),
    RUN_BACKGROUND_WORK: opts.entry === 'worker.ts' ? 'true' : 'false',
    ...opts.env,
    PORT: String(opts.port),
  };
  const logFile = join(
    REPO_ROOT,
    '.local',
    'logs',
    `${opts.app}-${opts.entry.replace('.ts', '')}-${opts.port}.log`,
  );
  const log = openSync(logFile, 'a');
  const built = join(REPO_ROOT, 'dist', 'apps', opts.app, opts.entry.replace(/\.ts$/, '.js'));
  const child = spawn(
    process.execPath,
    opts.command ??
      (existsSync(built)
        ? ['--enable-source-maps', built]
        : [
            '-r',
            join(REPO_ROOT, 'tools', 'register.js'),
            join(REPO_ROOT, 'apps', opts.app, 'src', opts.entry),
          ]),
    { env, cwd: REPO_ROOT, stdio: ['ignore', log, log] },
  );
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  const instance: ServiceInstance = {
    app: opts.app,
    entry: opts.entry,
    port: opts.port,
    pid: child.pid!,
    child,
    logFile,
    exited,
    async stop(graceMs = 20_000) {
      if (gone) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(t);
    },
    async kill() {
      if (gone) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
  try {
    const state = await waitFor(
      `${opts.app} ${opts.entry} ready on :${opts.port}`,
      async () => {
        if (gone) return 'exited';
        const res = await fetch(`http://127.0.0.1:${opts.port}/health/ready`).catch(() => undefined);
        return res?.status === 200 ? 'ready' : 'starting';
      },
      (s) => s !== 'starting',
      { timeoutMs: opts.readyTimeoutMs ?? 120_000 },
    );
    if (state === 'exited')
      throw new Error(`${opts.app} ${opts.entry} exited during start-up (log: ${logFile})`);
  } catch (err) {
    await instance.kill();
    throw err;
  }
  return instance;
}

/**
 * A second process of a service that runs as one process — its HTTP API with its Kafka consumers and outbox
 * relay (audit, notifications, the gateway) — on another port, with the running process's environment plus
 * `env`.
 */
export function startSecondProcess(
  app: string,
  port: number,
  env: Record<string, string> = {},
): Promise<ServiceInstance> {
  return startServiceInstance({ app, entry: 'main.ts', port, env: { RUN_BACKGROUND_WORK: 'true', ...env } });
}
