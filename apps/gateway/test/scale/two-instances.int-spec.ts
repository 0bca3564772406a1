// Issue 14 §2 on the real local stack: a second gateway beside the running one (scripts/start-services.sh: :3000),
// with the same settings on another port, as a second replica behind a load balancer. Proves that nothing a client
// or a service relies on lives in one gateway process:
// - the local issuer's signing key and the internal-assertion key come from shared configuration (the key files, a
//   mounted secret in a cluster): both gateways publish the same keys, a token issued by one is accepted by the
//   other, and the services (which fetch the assertion key from the first gateway only) accept what the second
//   vouches for;
// - an authorisation code created through one gateway is redeemed through the other, and only once across both,
//   also when both are asked at the same moment (the code is in the gateway's PostgreSQL);
// - a personal-data read through either gateway is recorded once (outbox; one relay publishes, the other stands
//   by) and lands once in the audit trail;
// - the rate limit is one per client across the gateways (each decides in memory and exchanges its counts through
//   PostgreSQL every second): hits through one are refused at the other.
import {
  localSecrets,
  outboxRelaySessions,
  ServiceInstance,
  startSecondProcess,
  waitFor,
} from '@oversight/testing';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { query } from '../support';

const FIRST = 'http://127.0.0.1:3000';
const PORT = 3300;
const SECOND = `http://127.0.0.1:${PORT}`;
/** The second gateway's own limit, low enough to reach in a test (the running one's is RATE_LIMIT_PER_MINUTE). */
const SECOND_LIMIT = 120;
const secrets = localSecrets() as unknown as Record<string, string>;
const CLIENT_ID = 'staff-ui';
const REDIRECT = 'http://127.0.0.1:3200/auth/callback';
const RUN = `scale-gw-${randomUUID().slice(0, 8)}`;
jest.setTimeout(150_000);

async function tokenAt(gateway: string, username: string): Promise<string> {
  const res = await fetch(`${gateway}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: secrets.DEMO_USER_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login of ${username} at ${gateway} failed: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A code for reviewer.amara from `gateway`'s sign-in form (authorisation code + PKCE), with its verifier. */
async function codeAt(gateway: string): Promise<{ code: string; verifier: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const form = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT,
    scope: 'openid profile',
    state: randomUUID(),
    nonce: randomUUID(),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    username: 'reviewer.amara',
    password: secrets.DEMO_USER_PASSWORD,
  });
  const res = await fetch(`${gateway}/auth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  expect(res.status).toBe(303);
  const code = new URL(res.headers.get('location')!).searchParams.get('code');
  expect(code).toBeTruthy();
  return { code: code!, verifier };
}

function redeemAt(gateway: string, code: string, verifier: string) {
  return fetch(`${gateway}/auth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${secrets.OIDC_CLIENT_SECRET}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    }),
  });
}

const json = async (url: string) => (await fetch(url)).json();

describe('two gateways on the real stack', () => {
  let second: ServiceInstance | undefined;

  beforeAll(async () => {
    if (!secrets.OIDC_CLIENT_SECRET) throw new Error('OIDC_CLIENT_SECRET missing from .local/secrets.env');
    second = await startSecondProcess('gateway', PORT, { RATE_LIMIT_PER_MINUTE: String(SECOND_LIMIT) });
  });

  afterAll(async () => {
    await second?.stop();
  });

  it('both publish the same keys: the issuer’s JWKS and the internal-assertion key come from shared configuration', async () => {
    expect(await json(`${SECOND}/auth/jwks.json`)).toEqual(await json(`${FIRST}/auth/jwks.json`));
    const internal = await json(`${SECOND}/internal/jwks.json`);
    expect(internal).toEqual(await json(`${FIRST}/internal/jwks.json`));
    expect((internal as { keys: unknown[] }).keys.length).toBeGreaterThan(0);
  });

  it('a token issued by one gateway is accepted by the other, and the services accept what the second vouches for', async () => {
    for (const [issuedBy, usedAt] of [
      [SECOND, FIRST],
      [FIRST, SECOND],
    ]) {
      const token = await tokenAt(issuedBy, 'reviewer.amara');
      const res = await fetch(`${usedAt}/api/complaint-reviews/applications?limit=1`, {
        headers: { authorization: `Bearer ${token}` },
      });
      // 200: the gateway verified the token, and complaint-reviews verified the gateway's assertion with the key
      // it fetched from the first gateway's /internal/jwks.json (INTERNAL_JWKS_URL): the second signs alike.
      expect([issuedBy, usedAt, res.status]).toEqual([issuedBy, usedAt, 200]);
    }
  });

  it('an authorisation code created through one gateway is redeemed through the other, once', async () => {
    const { code, verifier } = await codeAt(FIRST);
    const redeemed = await redeemAt(SECOND, code, verifier);
    expect(redeemed.status).toBe(200);
    const { access_token } = (await redeemed.json()) as { access_token: string };
    const use = await fetch(`${FIRST}/api/complaint-reviews/applications?limit=1`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(use.status).toBe(200);
    const again = await redeemAt(FIRST, code, verifier);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('a code redeemed through both gateways at the same moment is honoured once', async () => {
    for (let i = 0; i < 3; i++) {
      const { code, verifier } = await codeAt(i % 2 ? FIRST : SECOND);
      const statuses = (
        await Promise.all([redeemAt(FIRST, code, verifier), redeemAt(SECOND, code, verifier)])
      ).map((r) => r.status);
      expect(statuses.sort()).toEqual([200, 400]);
    }
  });

  it('a personal-data read through either gateway is recorded once and lands once in the audit trail', async () => {
    // Two relays on the gateway's database, one of them the leader: each access record is published by one.
    expect(
      await waitFor(
        'two gateway relays, one leader',
        () => outboxRelaySessions('gateway', 'gateway'),
        (r) => r.relays === 2,
        { timeoutMs: 30_000, intervalMs: 200 },
      ),
    ).toEqual({ relays: 2, leaders: 1 });

    const [app] = await query<{ id: string }>(
      'complaint_reviews',
      `SELECT id::text FROM review_application ORDER BY received_on DESC, id LIMIT 1`,
    );
    expect(app).toBeDefined(); // the demo data or an earlier test's application
    const reads = [FIRST, SECOND, SECOND, FIRST].map((gateway, i) => ({
      gateway,
      correlationId: `${RUN}-${i}`,
    }));
    const token = await tokenAt(FIRST, 'manager.priya');
    for (const r of reads) {
      const res = await fetch(`${r.gateway}/api/complaint-reviews/applications/${app.id}`, {
        headers: {
          authorization: `Bearer ${token}`,
          'x-correlation-id': r.correlationId,
          'x-access-reason': 'two-gateway scale test',
        },
      });
      expect([r.gateway, res.status]).toEqual([r.gateway, 200]);
    }
    const ids = reads.map((r) => r.correlationId);
    const entries = await waitFor(
      'an audit entry for every read',
      () =>
        query<{ correlation_id: string; n: number }>(
          'audit',
          `SELECT correlation_id, count(*)::int AS n FROM audit_entry
            WHERE correlation_id = ANY($1::text[]) AND event_type = 'platform.access-recorded'
            GROUP BY correlation_id ORDER BY correlation_id`,
          [ids],
        ),
      (rows) => rows.length === ids.length,
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(entries).toEqual(ids.sort().map((correlation_id) => ({ correlation_id, n: 1 })));
    // One outbox row per read in the gateway's database, published.
    const outbox = await query<{ n: number; unpublished: number }>(
      'gateway',
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE published_at IS NULL)::int AS unpublished
         FROM outbox_message WHERE headers->>'x-correlation-id' = ANY($1::text[])`,
      [ids],
    );
    expect(outbox).toEqual([{ n: ids.length, unpublished: 0 }]);
  });

  it('the rate limit is one per client across both gateways: hits through the first count at the second', async () => {
    // Windows are fixed minutes (aligned to the epoch, the same in every instance): start early in one, so that
    // the window does not end while the test counts.
    await waitFor(
      'an early moment in a rate-limit window',
      async () => new Date().getSeconds(),
      (sec) => sec < 40,
      {
        timeoutMs: 25_000,
        intervalMs: 250,
      },
    );
    const probe = (gateway: string) => fetch(`${gateway}/auth/jwks.json`).then((r) => r.status);
    // The second's limit's worth of requests, all through the first (whose own limit, the local run's, is far higher).
    for (let i = 0; i < SECOND_LIMIT; i++) expect(await probe(FIRST)).toBe(200);
    // The second learns the others' hits at its next exchange (each second) and refuses the client, after a few
    // requests of its own: far under its limit, so only the first's hits can have brought it there.
    const atSecond: number[] = [];
    await waitFor(
      'the second gateway to refuse the client',
      async () => {
        atSecond.push(await probe(SECOND));
        return atSecond[atSecond.length - 1];
      },
      (status) => status === 429,
      { timeoutMs: 5_000, intervalMs: 250 },
    );
    expect(atSecond.length).toBeLessThan(SECOND_LIMIT / 4);
  });
});
