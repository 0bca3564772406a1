// What the benchmark scripts (tools/bench/*.ts) share: the load generator, their command-line numbers,
// demo-user tokens and percentiles. Scripts, not tests: they print figures against the running stack.
import { localSecrets } from '@oversight/testing';

export const GATEWAY = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';

// autocannon (a maintained HTTP load generator: keep-alive connections, HdrHistogram percentiles)
// ships no types; the part the scripts use.
export interface CannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}
export interface CannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { total: number; average: number };
  latency: { p50: number; p99: number };
  '2xx': number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const autocannon = require('autocannon') as (opts: {
  url: string;
  connections: number;
  amount: number;
  timeout?: number;
  requests: Array<{
    setupRequest: (req: CannonRequest) => CannonRequest;
    onResponse?: (status: number, body: string) => void;
  }>;
}) => Promise<CannonResult>;

/** A number from the command line (`--name 12`), or the default. */
export function numberArg(name: string, dflt: number): number {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
}

const tokens = new Map<string, string>();
/** A demo user's token from the gateway's local issuer (password from .local/secrets.env), kept per user. */
export async function demoToken(username: string, gateway = GATEWAY): Promise<string> {
  if (!tokens.has(username)) {
    const r = await fetch(`${gateway}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: localSecrets().DEMO_USER_PASSWORD }),
    });
    if (!r.ok)
      throw new Error(
        `login of ${username} failed (${r.status}): is the system running (npm run start:all)?`,
      );
    tokens.set(username, ((await r.json()) as { access_token: string }).access_token);
  }
  return tokens.get(username)!;
}

/** The p-th percentile of an ascending list (NaN when empty). */
export const pct = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
