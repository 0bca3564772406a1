import { DEMO_USERS, JwtVerifier, LocalIssuer } from '@oversight/auth';
import { clientTracker } from './client-tracker';

const issuerOpts = { issuer: 'http://issuer.test', audience: 'oversight-api' };

describe('whom a request counts against for the rate limit', () => {
  let issuer: LocalIssuer;
  let track: ReturnType<typeof clientTracker>;
  beforeAll(async () => {
    issuer = await LocalIssuer.create(issuerOpts);
    track = clientTracker(new JwtVerifier({ ...issuerOpts, keys: issuer.keyResolver() }));
  });

  it('the signed-in user, whichever address the request comes from (the staff UI calls for everyone)', async () => {
    const header = `Bearer ${await issuer.issue(DEMO_USERS[0])}`;
    expect(await track({ headers: { authorization: header }, ip: '10.0.0.7' })).toBe(
      'subject:reviewer.amara',
    );
    expect(await track({ headers: { authorization: header }, ip: '10.0.0.8' })).toBe(
      'subject:reviewer.amara',
    );
  });

  it.each([
    ['no token', {}],
    ['a malformed header', { authorization: 'Basic abc' }],
    ['an invented token', { authorization: 'Bearer aaa.bbb.ccc' }],
  ])('the address, for %s', async (_n, headers) => {
    expect(await track({ headers, ip: '10.0.0.9' })).toBe('address:10.0.0.9');
  });

  it('a token signed by another issuer counts against the address, not the subject it names', async () => {
    const other = await LocalIssuer.create(issuerOpts);
    const forged = `Bearer ${await other.issue(DEMO_USERS[0])}`;
    expect(await track({ headers: { authorization: forged }, ip: '10.0.0.9' })).toBe('address:10.0.0.9');
  });
});
