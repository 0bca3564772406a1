import { AuthenticationError } from './errors';
import { JwtVerifier } from './jwt.verifier';
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
});
