import { DEMO_USERS, LocalIssuer } from '@oversight/auth';
import { REPO_ROOT, waitFor } from '@oversight/testing';
import { randomUUID } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  api as callGateway,
  daysAgo,
  demoUser,
  gatewayIssuer,
  query,
  tokenFor,
  validApplication as anApplication,
} from './support';

const CREATE = '/api/complaint-reviews/applications';

/**
 * Every request of this file carries its own correlation id, and every application it builds its
 * own force reference. "Changed nothing" is then checked against exactly what the refused requests
 * could have written — no application with the test's reference, no outbox row (in the gateway or
 * complaint-reviews) with one of their correlation ids — so other work on the same database (other
 * tests, workflows firing) cannot make the check pass or fail.
 */
let sent: string[] = [];
let reference = '';

const api: typeof callGateway = (method, path, opts = {}) => {
  const correlationId = `bad-input-${randomUUID()}`;
  sent.push(correlationId);
  return callGateway(method, path, {
    ...opts,
    headers: { 'x-correlation-id': correlationId, ...(opts.headers ?? {}) },
  });
};

const validApplication = (overrides: Record<string, unknown> = {}) =>
  anApplication({ forceComplaintReference: reference, ...overrides });

beforeEach(() => {
  sent = [];
  reference = `PSD/BAD/${randomUUID().slice(0, 8)}`;
});

/** What the requests sent since the test began wrote: applications and outbox events. */
async function writtenByThisTest(): Promise<Record<string, number>> {
  const count = async (db: string, sql: string, param: unknown) =>
    (await query<{ n: number }>(db, sql, [param]))[0].n;
  const byCorrelation = `SELECT count(*)::int AS n FROM outbox_message WHERE headers->>'x-correlation-id' = ANY($1)`;
  return {
    applications: await count(
      'complaint_reviews',
      'SELECT count(*)::int AS n FROM review_application WHERE force_complaint_reference = $1',
      reference,
    ),
    'complaint-reviews events': await count('complaint_reviews', byCorrelation, sent),
    'gateway events': await count('gateway', byCorrelation, sent),
  };
}
const NOTHING = { applications: 0, 'complaint-reviews events': 0, 'gateway events': 0 };

describe('bad input and bad callers are refused and change nothing', () => {
  afterEach(async () => {
    expect(await writtenByThisTest()).toEqual(NOTHING);
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

  // Issue 9, item 6: paging values are bounded by one shared query DTO in every service.
  it.each([
    ['/api/oocr/cautions?offset=1e308', 'cjops.dan', 'offset'],
    ['/api/oocr/disposals?offset=1000001', 'cjops.dan', 'offset'],
    ['/api/oocr/reviews?limit=1e1', 'cjops.dan', 'limit'],
    ['/api/complaint-reviews/applications?limit=1e308', 'reviewer.amara', 'limit'],
    ['/api/notifications/notifications?reference=CR-2026-000001&limit=0x10', 'reviewer.amara', 'limit'],
  ])('GET %s → 400 naming the paging parameter', async (path, as, field) => {
    const r = await api('GET', path, { as });
    expect(r.status).toBe(400);
    expect(r.body.fields.map((f: any) => f.field)).toEqual([field]);
  });

  // Item 7: a nested object must be an object, a list of objects a list of objects.
  it.each([
    ['complainant missing', { complainant: undefined }, 'complainant'],
    ['complainant as []', { complainant: [] }, 'complainant'],
    ['complainant as an array of objects', { complainant: [validApplication().complainant] }, 'complainant'],
    ['representative as []', { representative: [] }, 'representative'],
    ['attachments as a list of lists', { attachments: [[]] }, 'attachments'],
    ['attachments as a list with null', { attachments: [null] }, 'attachments'],
  ])('%s → 400 naming the field', async (_name, override, field) => {
    const r = await api('POST', CREATE, { as: 'reviewer.amara', body: validApplication(override) });
    expect(r.status).toBe(400);
    expect(r.body.fields.map((f: any) => f.field)).toContain(field);
  });

  // Item 8: text PostgreSQL cannot store is refused at validation, in the body and the query.
  it.each([
    ['a NUL byte in grounds', { grounds: 'the search\u0000of my car' }, 'grounds', /NUL/],
    [
      'a lone surrogate in the complainant name',
      { complainant: { fullName: 'Delphine \ud800', contactPreference: 'EMAIL' } },
      'complainant.fullName',
      /Unicode/,
    ],
  ])('%s → 400 naming the field', async (_name, override, field, problem) => {
    const r = await api('POST', CREATE, { as: 'reviewer.amara', body: validApplication(override) });
    expect(r.status).toBe(400);
    expect(r.body.fields).toEqual([{ field, problems: [expect.stringMatching(problem)] }]);
  });

  it('a NUL byte in a query value → 400', async () => {
    const r = await api('GET', '/api/oocr/disposals?district=maid%00stone', { as: 'cjops.dan' });
    expect(r.status).toBe(400);
    expect(r.body.fields.map((f: any) => f.field)).toEqual(['district']);
  });

  // Found by the fuzzer (issue 9, item 15): a CSV export's own content type must not label its error answer.
  it.each([
    ['oocr', '/api/oocr/reports/export?from=&to=&report=counts-by-month', 'cjops.sgt.lena'],
    ['knife-swaps', '/api/knife-swaps/reports/swaps.csv?from=not-a-date', 'auditor.ruth'],
  ])('a bad date on a CSV export of %s → 400 as JSON, not labelled text/csv', async (_svc, path, as) => {
    const r = await api('GET', path, { as, headers: { 'x-access-reason': 'bad input test' } });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.body.statusCode).toBe(400);
  });

  // Item 9: decimal places are checked on the value, not on how JavaScript writes it.
  it('condition hours in exponent notation (1e-7) → 400 naming the field', async () => {
    const r = await api('POST', '/api/oocr/disposals/validation', {
      as: 'cjops.dan',
      rawBody: '{"conditions":[{"purpose":"REPARATIVE","kind":"UNPAID_WORK","hours":1e-7}]}',
    });
    expect(r.status).toBe(400);
    expect(r.body.fields).toContainEqual({
      field: 'conditions[0].hours',
      problems: ['hours must be a number with at most 2 decimal places'],
    });
  });

  // Item 10: body parsing at the gateway (and in every service, the same shared parser).
  it.each(['gzip', 'deflate', 'br'])('Content-Encoding: %s → 415, whatever the body', async (encoding) => {
    const r = await api('POST', CREATE, {
      as: 'reviewer.amara',
      body: validApplication(),
      headers: { 'content-encoding': encoding },
    });
    expect(r.status).toBe(415);
    expect(r.body.message).toMatch(/Content-Encoding/);
  });

  it.each([
    ['arrays', '['.repeat(5000) + ']'.repeat(5000)],
    ['objects', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)],
  ])('JSON nested 5,000 levels deep (%s) → 400, and the gateway still answers', async (_kind, rawBody) => {
    const r = await api('POST', CREATE, { as: 'reviewer.amara', rawBody });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/nested deeper than 32 levels/);
    const after = await api('POST', CREATE, { as: 'reviewer.amara', body: { priority: 'x' } });
    expect(after.status).toBe(400); // answered by the service, not a 5xx
  });

  // Item 11: a write whose body is not JSON is refused, not run with defaults.
  it.each([
    ['text/plain', JSON.stringify(validApplication())],
    ['application/x-www-form-urlencoded', 'channel=EMAIL&grounds=x'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--'],
  ])('a write sent as %s → 415', async (type, rawBody) => {
    const r = await api('POST', CREATE, { as: 'reviewer.amara', rawBody, headers: { 'content-type': type } });
    expect(r.status).toBe(415);
    expect(r.body.message).toMatch(/application\/json/);
  });

  // Item 12: prototype keys are unknown fields; null is refused unless the field is documented nullable.
  it.each([
    ['__proto__', '{"__proto__":{"restricted":true},', '__proto__'],
    ['constructor', '{"constructor":{"prototype":{}},', 'constructor'],
    ['prototype', '{"prototype":1,', 'prototype'],
  ])('a %s key → 400 naming it', async (key, opening, field) => {
    // Written as text: JSON.stringify of an object literal would drop a __proto__ key.
    const rawBody = JSON.stringify(validApplication()).replace(/^\{/, opening);
    const r = await api('POST', CREATE, { as: 'reviewer.amara', rawBody });
    expect(r.status).toBe(400);
    expect(r.body.fields).toEqual([{ field, problems: [`property ${key} should not exist`] }]);
  });

  it('a nested __proto__ key → 400 naming its path', async () => {
    const rawBody = JSON.stringify(validApplication()).replace(
      '"complainant":{',
      '"complainant":{"__proto__":{"x":1},',
    );
    const r = await api('POST', CREATE, { as: 'reviewer.amara', rawBody });
    expect(r.status).toBe(400);
    expect(r.body.fields).toEqual([
      { field: 'complainant.__proto__', problems: ['property __proto__ should not exist'] },
    ]);
  });

  it.each([
    ['team', { team: null }, 'team'],
    [
      'complainant.email',
      { complainant: { fullName: 'A B', contactPreference: 'EMAIL', email: null } },
      'complainant.email',
    ],
  ])('null on the optional field %s → 400 (leave it out instead)', async (_name, override, field) => {
    const r = await api('POST', CREATE, { as: 'reviewer.amara', body: validApplication(override) });
    expect(r.status).toBe(400);
    expect(r.body.fields).toEqual([{ field, problems: [`${field} must not be null: leave it out instead`] }]);
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
    sent = [];
    const r = await api('GET', `/api/complaint-reviews/applications/${created.body.id}`, {
      as: 'reviewer.tom',
      headers: { 'x-access-reason': 'trying to look' },
    });
    expect(r.status).toBe(403);
    expect(JSON.stringify(r.body)).not.toContain('Delphine');
    // The refused access is recorded (one gateway event); nothing else is written.
    expect(await writtenByThisTest()).toEqual({ ...NOTHING, applications: 1, 'gateway events': 1 });
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

describe('a write that is not JSON does not run with defaults (issue 9, item 11)', () => {
  it('a form-encoded reassignment → 415 and the review keeps its assignee; a write with no body still works', async () => {
    const created = await api('POST', CREATE, { as: 'reviewer.amara', body: validApplication() });
    expect(created.status).toBe(201);
    const path = `/api/complaint-reviews/applications/${created.body.id}`;
    const claimed = await api('POST', `${path}/assignment`, { as: 'reviewer.amara' }); // no body: a claim
    expect(claimed.status).toBe(200);
    sent = [];
    const r = await api('POST', `${path}/assignment`, {
      as: 'manager.priya',
      rawBody: 'assignee=reviewer.tom&reason=covering%20leave',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(r.status).toBe(415);
    expect(await writtenByThisTest()).toEqual({ ...NOTHING, applications: 1 });
    const after = await api('GET', path, { as: 'reviewer.amara' });
    expect(after.body.assignedTo).toBe('reviewer.amara');
  });
});

describe('database errors are logged without the values written (issue 9, item 13)', () => {
  const run = randomUUID().slice(0, 8);
  const marker = `Quillon Vashti-${run}`;
  const email = `quillon.${run}@example.org`;
  const trigger = `test_refuse_person_${run}`;
  const logFile = join(REPO_ROOT, '.local', 'logs', 'complaint-reviews.log');

  // A trigger that fails the insert of this one invented person with a database error quoting the
  // name, as PostgreSQL and Prisma errors quote the values written.
  beforeAll(async () => {
    await query(
      'complaint_reviews',
      `CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'refused person % <%>', NEW.full_name, NEW.email; END $$`,
    );
    await query(
      'complaint_reviews',
      `CREATE TRIGGER ${trigger} BEFORE INSERT ON person FOR EACH ROW
       WHEN (NEW.full_name = '${marker}') EXECUTE FUNCTION ${trigger}()`,
    );
  });
  afterAll(async () => {
    await query('complaint_reviews', `DROP TRIGGER IF EXISTS ${trigger} ON person`);
    await query('complaint_reviews', `DROP FUNCTION IF EXISTS ${trigger}()`);
  });

  it('a 500 from the database: the log has the error kind and correlation id, not the name or email', async () => {
    const logStart = statSync(logFile).size;
    const r = await api('POST', CREATE, {
      as: 'reviewer.amara',
      body: validApplication({ complainant: { fullName: marker, email, contactPreference: 'EMAIL' } }),
    });
    expect(r.status).toBe(500);
    expect(JSON.stringify(r.body)).not.toContain(marker);
    const newLog = () => {
      const fd = openSync(logFile, 'r');
      try {
        const size = fstatSync(fd).size;
        const buf = Buffer.alloc(size - logStart);
        readSync(fd, buf, 0, buf.length, logStart);
        return buf.toString('utf8');
      } finally {
        closeSync(fd);
      }
    };
    const written = await waitFor(
      'the error logged with its correlation id',
      async () => newLog(),
      (text) =>
        text.split('\n').some((l) => l.includes(r.body.correlationId) && l.includes('"unhandled error"')),
    );
    const line = written
      .split('\n')
      .find((l) => l.includes(r.body.correlationId) && l.includes('unhandled'))!;
    // Prisma's driver adapter or node-postgres (the intake is one raw statement): the kind and SQLSTATE only.
    expect(JSON.parse(line).err).toMatchObject({ code: 'P0001' });
    expect(['DriverAdapterError', 'DatabaseError']).toContain(JSON.parse(line).err.name);
    expect(written).not.toContain(marker);
    expect(written).not.toContain(email);
    expect(await writtenByThisTest()).toEqual(NOTHING);
  });
});
