import { AuthenticationError } from './errors';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, JwtVerifier, tokenTimeProblem } from './jwt.verifier';
import { DEMO_USERS, LocalIssuer } from './local.issuer';

const issuerOpts = { issuer: 'http://issuer.test', audience: 'oversight-api' };

describe('JwtVerifier', () => {
  let issuer: LocalIssuer;
  let verifier: JwtVerifier;
  beforeAll(async () => {
    issuer = await LocalIssuer.create(issuerOpts);
    verifier = new JwtVerifier({ ...issuerOpts, keys: issuer.keyResolver() });
  });

  it('accepts a token from the issuer and returns the principal with roles and team', async () => {
    const token = await issuer.issue(DEMO_USERS[0]);
    const p = await verifier.verifyAuthorizationHeader(`Bearer ${token}`);
    expect(p).toMatchObject({
      subject: 'reviewer.amara',
      roles: ['OPCC_REVIEWER'],
      team: 'opcc-reviews-east',
    });
  });

  it.each([
    ['no header', undefined, 'MISSING_TOKEN'],
    ['not a bearer token', 'Basic abc', 'MALFORMED_TOKEN'],
    ['garbage token', 'Bearer a.b.c', 'MALFORMED_TOKEN'],
  ])('rejects %s', async (_n, header, reason) => {
    await expect(verifier.verifyAuthorizationHeader(header)).rejects.toMatchObject({ reason });
  });

  it('rejects an expired token', async () => {
    const token = await issuer.issue(DEMO_USERS[0], {
      issuedAt: Math.floor(Date.now() / 1000) - 7200,
      expiresInSeconds: 60,
    });
    await expect(verifier.verify(token)).rejects.toMatchObject({ reason: 'EXPIRED_TOKEN' });
  });

  it('rejects a token signed by another key (forged)', async () => {
    const forger = await LocalIssuer.create(issuerOpts);
    const token = await forger.issue(DEMO_USERS[0]);
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('rejects a token for another audience', async () => {
    const other = await LocalIssuer.create({ ...issuerOpts, audience: 'someone-else' });
    const v = new JwtVerifier({ ...issuerOpts, keys: other.keyResolver() });
    await expect(v.verify(await other.issue(DEMO_USERS[0]))).rejects.toMatchObject({
      reason: 'INVALID_CLAIMS',
    });
  });

  it('rejects a token whose payload was altered', async () => {
    const token = await issuer.issue(DEMO_USERS[0]);
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    payload.roles = ['ADMINISTRATOR'];
    const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    await expect(verifier.verify(tampered)).rejects.toMatchObject({ reason: 'INVALID_SIGNATURE' });
  });

  describe('token times (issue 9 item 4: no iat in the future, no lifetime above the maximum)', () => {
    const now = () => Math.floor(Date.now() / 1000);

    it('refuses a token issued in the future beyond the clock-skew tolerance', async () => {
      const token = await issuer.issue(DEMO_USERS[0], { issuedAt: now() + 120, expiresInSeconds: 600 });
      await expect(verifier.verify(token)).rejects.toMatchObject({
        reason: 'INVALID_CLAIMS',
        message: expect.stringContaining('issued in the future'),
      });
    });

    it('accepts an iat a little ahead, within the tolerance', async () => {
      const token = await issuer.issue(DEMO_USERS[0], { issuedAt: now() + 3, expiresInSeconds: 600 });
      await expect(verifier.verify(token)).resolves.toMatchObject({ subject: DEMO_USERS[0].username });
    });

    it('refuses an unexpired token whose lifetime exceeds the default maximum', async () => {
      const token = await issuer.issue(DEMO_USERS[0], {
        expiresInSeconds: DEFAULT_MAX_TOKEN_LIFETIME_SECONDS + 1,
      });
      await expect(verifier.verify(token)).rejects.toMatchObject({
        reason: 'INVALID_CLAIMS',
        message: expect.stringContaining('lives longer'),
      });
    });

    it('applies a configured maximum', async () => {
      const strict = new JwtVerifier({ ...issuerOpts, keys: issuer.keyResolver(), maxLifetimeSeconds: 300 });
      await expect(
        strict.verify(await issuer.issue(DEMO_USERS[0], { expiresInSeconds: 300 })),
      ).resolves.toBeDefined();
      await expect(
        strict.verify(await issuer.issue(DEMO_USERS[0], { expiresInSeconds: 301 })),
      ).rejects.toMatchObject({ reason: 'INVALID_CLAIMS' });
    });

    const opts = { clockToleranceSeconds: 5, maxLifetimeSeconds: 3600 };
    it.each([
      ['a normal token', { iat: 1000, exp: 4600 }, 1000, undefined],
      ['iat exactly at the tolerance', { iat: 1005, exp: 2000 }, 1000, undefined],
      ['iat one second past the tolerance', { iat: 1006, exp: 2000 }, 1000, /future/],
      ['lifetime exactly the maximum', { iat: 1000, exp: 4600 }, 1000, undefined],
      ['lifetime one second over', { iat: 1000, exp: 4601 }, 1000, /lives longer/],
      ['exp before iat', { iat: 1000, exp: 999 }, 1000, /before it was issued/],
      ['no iat', { exp: 2000 }, 1000, /no iat/],
    ])('%s', (_name, claims, nowSeconds, expected) => {
      const problem = tokenTimeProblem(claims, nowSeconds, opts);
      if (expected) expect(problem).toMatch(expected);
      else expect(problem).toBeUndefined();
    });
  });

  describe('remembering verified tokens (issue 14 §5: one signature check per token, not per request)', () => {
    /** A verifier whose key lookups are counted: a lookup means the signature was checked again. */
    const counted = (opts: { verifiedCacheSize?: number; verifiedCacheSeconds?: number } = {}) => {
      const resolver = issuer.keyResolver();
      const state = { lookups: 0 };
      const v = new JwtVerifier({
        ...issuerOpts,
        ...opts,
        keys: (header, token) => {
          state.lookups++;
          return resolver(header, token);
        },
      });
      return { v, state };
    };

    it('checks a token once and answers the same principal after', async () => {
      const { v, state } = counted();
      const token = await issuer.issue(DEMO_USERS[0]);
      const first = await v.verify(token);
      const second = await v.verify(token);
      expect(second).toEqual(first);
      expect(state.lookups).toBe(1);
    });

    it('hands out copies: changing one does not change what the next request gets', async () => {
      const { v } = counted();
      const token = await issuer.issue(DEMO_USERS[0]);
      const first = await v.verify(token);
      first.roles.push('VRU_MANAGER' as never);
      first.subject = 'someone.else';
      expect(await v.verify(token)).toMatchObject({ subject: 'reviewer.amara', roles: ['OPCC_REVIEWER'] });
    });

    it('checks again once the remembered time has passed', async () => {
      const { v, state } = counted({ verifiedCacheSeconds: 60 });
      const token = await issuer.issue(DEMO_USERS[0]);
      const now = Date.now();
      await v.verify(token, now);
      await v.verify(token, now + 59_000);
      expect(state.lookups).toBe(1);
      await v.verify(token, now + 60_000);
      expect(state.lookups).toBe(2);
    });

    it("never answers from memory past the token's own expiry (plus the clock tolerance)", async () => {
      const { v, state } = counted({ verifiedCacheSeconds: 3600 });
      const iat = Math.floor(Date.now() / 1000);
      const token = await issuer.issue(DEMO_USERS[0], { issuedAt: iat, expiresInSeconds: 30 });
      await v.verify(token, iat * 1000);
      await v.verify(token, (iat + 34) * 1000);
      expect(state.lookups).toBe(1);
      // 35 s after iat = exp + 5 s tolerance: not from memory (the real check then runs at the real time)
      await v.verify(token, (iat + 35) * 1000);
      expect(state.lookups).toBe(2);
    });

    it('keeps at most the configured number of tokens, dropping the least recently used', async () => {
      const { v, state } = counted({ verifiedCacheSize: 2 });
      const [a, b, c] = await Promise.all([0, 1, 2].map((i) => issuer.issue(DEMO_USERS[i])));
      await v.verify(a);
      await v.verify(b);
      await v.verify(a); // a is now the most recently used
      await v.verify(c); // drops b
      expect(state.lookups).toBe(3);
      await v.verify(a);
      expect(state.lookups).toBe(3);
      await v.verify(b);
      expect(state.lookups).toBe(4);
    });

    it('remembers nothing with a size of 0', async () => {
      const { v, state } = counted({ verifiedCacheSize: 0 });
      const token = await issuer.issue(DEMO_USERS[0]);
      await v.verify(token);
      await v.verify(token);
      expect(state.lookups).toBe(2);
    });

    it('does not remember refusals, and a remembered token does not vouch for an altered copy', async () => {
      const { v, state } = counted();
      const token = await issuer.issue(DEMO_USERS[0]);
      await v.verify(token);
      const [h, p, sig] = token.split('.');
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
      const altered = `${h}.${Buffer.from(JSON.stringify({ ...claims, roles: ['VRU_MANAGER'] })).toString('base64url')}.${sig}`;
      await expect(v.verify(altered)).rejects.toMatchObject({ reason: 'INVALID_SIGNATURE' });
      await expect(v.verify(altered)).rejects.toMatchObject({ reason: 'INVALID_SIGNATURE' });
      expect(state.lookups).toBe(3);
    });
  });
});
