import { execFileSync, ExecFileSyncOptions } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

/** The repository root (where package.json with workspaces lives). */
export const REPO_ROOT = resolve(__dirname, '../../../..');

/** Per-machine secrets written by scripts/lib.sh (never committed). */
export function localSecrets(): { POSTGRES_PASSWORD: string; DEMO_USER_PASSWORD: string } {
  const file = join(REPO_ROOT, '.local', 'secrets.env');
  if (!existsSync(file))
    throw new Error('No .local/secrets.env: run scripts/setup.sh (or the README test command) first');
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2];
  }
  return out as { POSTGRES_PASSWORD: string; DEMO_USER_PASSWORD: string };
}

export function databaseUrl(database: string): string {
  return `postgresql://oversight:${localSecrets().POSTGRES_PASSWORD}@127.0.0.1:${process.env.PG_PORT ?? 5432}/${database}`;
}

export const SHARED_KAFKA_BROKERS = `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`;
export const SHARED_TEMPORAL_ADDRESS = `127.0.0.1:${process.env.TEMPORAL_PORT ?? 7233}`;

/**
 * A database of its own for one test file, dropped and created fresh, so tests never see each
 * other's rows. Returns its connection string.
 */
export async function freshDatabase(name: string, schemaSql?: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(name);
  if (schemaSql) {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(schemaSql);
    } finally {
      await c.end();
    }
  }
  return url;
}

function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
  opts: ExecFileSyncOptions = {},
): string {
  return execFileSync('bash', [join(REPO_ROOT, 'deploy/local', script), ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
    ...opts,
  }) as string;
}

/**
 * A Kafka broker of the test's own (own port, own data directory), so a test can stop, kill and
 * restart it without disturbing the shared stack or other tests.
 */
export class PrivateKafka {
  readonly brokers: string;
  private readonly env: Record<string, string>;

  constructor(name: string, port: number) {
    this.brokers = `127.0.0.1:${port}`;
    this.env = {
      OVERSIGHT_LOCAL_DIR: join(REPO_ROOT, '.local', 'private', name),
      KAFKA_PORT: String(port),
      KAFKA_CONTROLLER_PORT: String(port + 1),
    };
  }

  start(): void {
    runScript('kafka.sh', ['start'], this.env);
  }
  stop(): void {
    runScript('kafka.sh', ['stop'], this.env);
  }
  kill(): void {
    runScript('kafka.sh', ['kill'], this.env);
  }
  /** Removes its data so the next start is a new, empty cluster. */
  reset(): void {
    try {
      this.kill();
    } catch {
      /* not running */
    }
    execFileSync('rm', ['-rf', this.env.OVERSIGHT_LOCAL_DIR]);
  }
}

/** A Temporal dev server of the test's own, persisted to its own file so it survives a restart. */
export class PrivateTemporal {
  readonly address: string;
  private readonly env: Record<string, string>;

  constructor(name: string, port: number) {
    this.address = `127.0.0.1:${port}`;
    this.env = {
      OVERSIGHT_LOCAL_DIR: join(REPO_ROOT, '.local', 'private', name),
      TEMPORAL_PORT: String(port),
      TEMPORAL_UI_PORT: String(port + 1),
    };
  }

  start(): void {
    runScript('temporal.sh', ['start'], this.env);
  }
  stop(): void {
    runScript('temporal.sh', ['stop'], this.env);
  }
  kill(): void {
    runScript('temporal.sh', ['kill'], this.env);
  }
  reset(): void {
    try {
      this.kill();
    } catch {
      /* not running */
    }
    execFileSync('rm', ['-rf', this.env.OVERSIGHT_LOCAL_DIR]);
  }
}
