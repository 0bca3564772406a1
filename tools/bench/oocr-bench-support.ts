// Helpers shared by the oocr benchmark's parts (tools/bench/oocr-bench.ts).
import { databaseUrl, localSecrets, REPO_ROOT } from '@oversight/testing';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

export const GATEWAY = 'http://127.0.0.1:3000';
export const OOCR_DIRECT = 'http://127.0.0.1:3103';

export const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
export const daysFrom = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
export const pct = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
export const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} ms` : 'n/a');
export const sleep = (n: number) => new Promise((r) => setTimeout(r, n));

export async function sql<T = any>(db: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: databaseUrl(db) });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

export async function token(username: string): Promise<string> {
  const r = await fetch(`${GATEWAY}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: localSecrets().DEMO_USER_PASSWORD }),
  });
  if (!r.ok)
    throw new Error(`login failed (${r.status}): is the system running (scripts/start-services.sh)?`);
  return ((await r.json()) as { access_token: string }).access_token;
}

export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs = 600_000,
  everyMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

// --- processes of the local stack, read from /proc (Linux) ---

export function servicePid(service: string): number | null {
  try {
    return Number(readFileSync(join(REPO_ROOT, `.local/run/services/${service}.pid`), 'utf8').trim());
  } catch {
    return null;
  }
}

/** Pids whose command line matches (the stack's PostgreSQL, Kafka and Temporal have no pid file of ours). */
export function pidsMatching(test: (cmdline: string, comm: string) => boolean): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmdline = readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const comm = readFileSync(`/proc/${d}/comm`, 'utf8').trim();
      if (test(cmdline, comm)) out.push(Number(d));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

export function rssMb(pids: number[]): number | null {
  let kb = 0;
  let seen = false;
  for (const pid of pids) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      seen = true;
    } catch {
      // gone
    }
  }
  return seen ? Math.round(kb / 1024) : null;
}

/** CPU time (user + system, in clock ticks of 10 ms) of the processes, summed. */
export function cpuTicks(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // gone
    }
  }
  return ticks;
}

export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
