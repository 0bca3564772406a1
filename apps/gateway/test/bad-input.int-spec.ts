import { randomUUID } from 'node:crypto';
import { api, daysAgo, demoUser, gatewayIssuer, rowCounts, tokenFor, validApplication } from './support';
import { DEMO_USERS, LocalIssuer } from '@oversight/auth';

const CREATE = '/api/complaint-reviews/applications';

/**
 * Every refusal must be a clear 4xx and must change nothing: no row, no outbox event.
 * Row counts are taken before and after each case.
 */
describe('bad input and bad callers are refused and change nothing', () => {
  let before: Record<string, number>;
  beforeEach(async () => {
    before = await rowCounts();
  });
  afterEach(async () => {
    expect(await rowCounts()).toEqual(before);
  });

  it('malformed JSON → 400 saying the body is not JSON', async () => {
    const r = await api('POST', CREATE, { as: 'reviewer.amara', rawBody: '{"channel": "EMAIL",' });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/not valid JSON/);
  });

  it('an unknown field → 400 naming the field', async () => {
    const r = await api('POST', CREATE, {
      as: 'reviewer.amara',
      body: validApplication({ priority: 'high' }),
    });
    expect(r.status).toBe(400);
    expect(r.body.fields).toEqual([{ field: 'priority', problems: ['property priority should not exist'] }]);
  });

  it('an unknown nested field → 400 naming its path', async () => {
    const r = await api('POST', CREATE, {
      as: 'reviewer.amara',
      body: validApplication({ complainant: { fullName: 'A B', contactPreference: 'EMAIL', nino: 'x' } }),
    });
    expect(r.status).toBe(400);
    expect(r.body.fields.map((f: any) => f.field)).toEqual(['complainant.nino']);
  });

  it.each([
    ['wrong type', { grounds: 42 }, 'grounds'],
    ['value outside the enum', { channel: 'CARRIER_PIGEON' }, 'channel'],
    ['impossible date', { receivedOn: '2026-02-30' }, 'receivedOn'],
    ['date in the wrong format', { complaintDate: '30/01/2026' }, 'complaintDate'],
    [
      'bad email',
      { complainant: { fullName: 'A B', email: 'not-an-email', contactPreference: 'EMAIL' } },
      'complainant.email',
    ],
    ['missing required field', { handling: undefined }, 'handling'],
  ])('%s → 400 naming the field', async (_name, override, field) => {
    const r = await api('POST', CREATE, { as: 'reviewer.amara', body: validApplication(override) });
    expect(r.status).toBe(400);
    expect(r.body.fields.map((f: any) => f.field)).toContain(field);
  });

  it('a date in the future → 400 naming the rule and the field', async () => {
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
      new Date(Date.now() + 2 * 86_400_000),
    );
    const r = await api('POST', CREATE, {
      as: 'reviewer.amara',
      body: validApplication({ receivedOn: tomorrow }),
    });
    expect(r.status).toBe(400);
    expect(r.body.violations).toEqual([
      expect.objectContaining({ rule: 'DATE_IN_FUTURE', field: 'receivedOn' }),
    ]);
  });

  it('dates in an impossible order → 400', async () => {
    const r = await api('POST', CREATE, {
      as: 'reviewer.amara',
      body: validApplication({
        complaintDate: daysAgo(5),
        outcomeInformationProvidedOn: daysAgo(20),
        receivedOn: daysAgo(1),
      }),
    });
    expect(r.status).toBe(400);
    expect(r.body.violations[0]).toMatchObject({ rule: 'DATE_ORDER', field: 'outcomeInformationProvidedOn' });
  });

  it.each([
    [
      'an outcome letter before the complaint',
      { complaintDate: daysAgo(30), outcomeLetterDate: daysAgo(40) },
      'outcomeLetterDate',
    ],
    [
      'a complaint after the application',
      { complaintDate: daysAgo(1), receivedOn: daysAgo(3), outcomeInformationProvidedOn: undefined },
      'complaintDate',
    ],
  ])('%s → 400 naming the field', async (_name, dates, field) => {
    const r = await api('POST', CREATE, { as: 'reviewer.amara', body: validApplication(dates) });
    expect(r.status).toBe(400);
    expect(r.body.violations).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'DATE_ORDER', field })]),
    );
  });

  it('an oversized body → 413', async () => {
    const r = await api('POST', CREATE, {
      as: 'reviewer.amara',
      body: validApplication({ grounds: 'x'.repeat(200_000) }),
    });
    expect(r.status).toBe(413);
  });

  it('no token → 401 asking for a bearer token', async () => {
    const r = await api('POST', CREATE, { body: validApplication() });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Bearer');
    expect(r.body.reason).toBe('MISSING_TOKEN');
  });

  it('an expired token → 401 EXPIRED_TOKEN', async () => {
    const issuer = await gatewayIssuer();
    const token = await issuer.issue(demoUser('reviewer.amara'), {
      issuedAt: Math.floor(Date.now() / 1000) - 7200,
      expiresInSeconds: 600,
    });
    const r = await api('POST', CREATE, { token, body: validApplication() });
    expect(r.status).toBe(401);
    expect(r.body.reason).toBe('EXPIRED_TOKEN');
  });

  it('a forged token (signed with another key) → 401', async () => {
    const forger = await LocalIssuer.create({
      issuer: 'http://127.0.0.1:3000/auth',
      audience: 'oversight-api',
    });
    const token = await forger.issue({ ...DEMO_USERS[0], roles: ['OPCC_MANAGER'] });
    const r = await api('POST', CREATE, { token, body: validApplication() });
    expect(r.status).toBe(401);
    expect(r.body.reason).toBe('INVALID_SIGNATURE');
  });

  it('a token with its roles edited → 401', async () => {
    const [h, p, s] = (await tokenFor('auditor.ruth')).split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const edited = `${h}.${Buffer.from(JSON.stringify({ ...payload, roles: ['OPCC_REVIEWER'] })).toString('base64url')}.${s}`;
    const r = await api('POST', CREATE, { token: edited, body: validApplication() });
    expect(r.status).toBe(401);
  });

  it('the wrong role → 403 naming the roles that may', async () => {
    const r = await api('POST', CREATE, { as: 'cjops.dan', body: validApplication() });
    expect(r.status).toBe(403);
    expect(r.body.message).toMatch(/OPCC_REVIEWER/);
  });

  it('an unknown route → 404, a wrong method → 405', async () => {
    expect((await api('GET', '/api/complaint-reviews/secrets', { as: 'admin.kit' })).status).toBe(404);
    expect((await api('DELETE', CREATE, { as: 'reviewer.amara' })).status).toBe(405);
  });

  it('a malformed id → 400, an unknown id → 404', async () => {
    expect(
      (await api('GET', '/api/complaint-reviews/applications/not-a-uuid', { as: 'reviewer.amara' })).status,
    ).toBe(400);
    expect(
      (await api('GET', `/api/complaint-reviews/applications/${randomUUID()}`, { as: 'reviewer.amara' }))
        .status,
    ).toBe(404);
  });

  it('a bad wrong login → 401 and no token', async () => {
    const r = await api('POST', '/auth/token', {
      body: { username: 'reviewer.amara', password: 'not-the-password' },
    });
    expect(r.status).toBe(401);
    expect(r.body.access_token).toBeUndefined();
  });
});

describe('record-level access', () => {
  it("a reviewer cannot read another team's restricted case; the refusal is itself recorded", async () => {
    const created = await api('POST', CREATE, {
      as: 'reviewer.amara',
      body: validApplication({ restricted: true }),
    });
    expect(created.status).toBe(201);
    const before = await rowCounts();
    const r = await api('GET', `/api/complaint-reviews/applications/${created.body.id}`, {
      as: 'reviewer.tom',
      headers: { 'x-access-reason': 'trying to look' },
    });
    expect(r.status).toBe(403);
    expect(JSON.stringify(r.body)).not.toContain('Delphine');
    const after = await rowCounts();
    expect(after['gateway.outbox_message']).toBe(before['gateway.outbox_message'] + 1); // the refused access record
    expect(after['complaint_reviews.review_application']).toBe(
      before['complaint_reviews.review_application'],
    );
    // The owning team and a manager can read it.
    expect(
      (await api('GET', `/api/complaint-reviews/applications/${created.body.id}`, { as: 'reviewer.amara' }))
        .status,
    ).toBe(200);
    expect(
      (await api('GET', `/api/complaint-reviews/applications/${created.body.id}`, { as: 'manager.priya' }))
        .status,
    ).toBe(200);
    // ...and it does not appear in the other team's queue.
    const queue = await api('GET', '/api/complaint-reviews/applications?limit=200', { as: 'reviewer.tom' });
    expect(queue.status).toBe(200);
    expect((queue.body as any[]).some((a) => a.id === created.body.id)).toBe(false);
  });

  it('reading the audit trail without a reason → 400 and nothing recorded', async () => {
    const r = await api('GET', '/api/audit/entries?recordType=complaint-review', { as: 'auditor.ruth' });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/X-Access-Reason/);
  });
});
