import request from 'supertest';
import { routeHarness } from '../test/route-harness';

/**
 * Route and template tests: the real app (sessions in memory) in front of a stub gateway that answers
 * what each test says and records what it was asked.
 */
const REVIEW_ID = '5b0c6a1e-7a39-4c7e-9d0e-111111111111';

describe('staff-ui routes', () => {
  const ui = routeHarness({ username: 'reviewer.amara' });
  const { seen, signedIn, csrfOf } = ui;

  it('sends a visitor without a session to sign in', async () => {
    const res = await request(ui.app.getHttpServer()).get('/reviews').expect(303);
    expect(res.headers.location).toBe('/sign-in');
  });

  it('signs in: a new session id, HttpOnly SameSite=Lax cookie, the token never sent to the browser', async () => {
    const { res, before } = await signedIn(['OPCC_REVIEWER']);
    const cookie = res.headers['set-cookie'][0];
    expect(cookie).toMatch(/^staff_ui_session=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie.split(';')[0]).not.toBe(before?.split(';')[0]);
    expect(res.headers.location).toBe('/reviews');
    expect(JSON.stringify(res.headers)).not.toContain('access_token');
  });

  it('refuses a form without the CSRF token and calls nothing', async () => {
    const { agent } = await signedIn(['OPCC_REVIEWER']);
    seen.length = 0;
    const res = await agent.post('/reviews/new').type('form').send({ grounds: 'x' }).expect(403);
    expect(res.text).toContain('This form could not be sent');
    expect(seen).toEqual([]);
  });

  it('renders a queue from the gateway with the user token, no-store and a CSP nonce, sorted as asked', async () => {
    const { agent } = await signedIn(['OPCC_REVIEWER']);
    seen.length = 0;
    ui.handler = () => ({
      status: 200,
      body: ['CR-2026-000002', 'CR-2026-000003', 'CR-2026-000001'].map((reference, i) => ({
        id: `5b0c6a1e-7a39-4c7e-9d0e-00000000000${i}`,
        reference,
        status: 'RECEIVED',
        team: 'east',
        receivedOn: '2026-11-20',
        assignedTo: null,
        nextDeadline: '2026-12-10',
      })),
    });
    const res = await agent.get('/reviews?view=team&sort=reference&order=desc').expect(200);
    expect(seen[0].url).toBe('/api/complaint-reviews/applications?view=team&limit=200');
    expect(seen[0].authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.x$/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
    const order = [...res.text.matchAll(/>(CR-2026-00000\d)</g)].map((m) => m[1]);
    expect(order).toEqual(['CR-2026-000003', 'CR-2026-000002', 'CR-2026-000001']);
    expect(res.text).toContain('aria-sort="descending"');
  });

  it.each([
    [403, 403, 'You cannot see this page'],
    [404, 403, 'You cannot see this page'],
    [500, 503, 'Sorry, there is a problem with the service'],
    [502, 503, 'Sorry, there is a problem with the service'],
  ])('gateway %d on a case → page %d', async (upstream, shown, heading) => {
    const { agent } = await signedIn(['OPCC_REVIEWER']);
    ui.handler = () => ({
      status: upstream,
      body: { message: 'Error: stack at secret.ts:1', statusCode: upstream },
    });
    const res = await agent.get(`/reviews/${REVIEW_ID}`).expect(shown);
    expect(res.text).toContain(heading);
    expect(res.text).not.toContain('secret.ts');
  });

  it('a 401 from the gateway ends the session and comes back after signing in', async () => {
    const { agent } = await signedIn(['OPCC_REVIEWER']);
    ui.handler = () => ({ status: 401, body: { message: 'expired' } });
    const res = await agent.get('/reviews?view=mine').expect(303);
    expect(res.headers.location).toBe('/sign-in');
    expect((await agent.get('/sign-in')).text).toContain('Your session has ended');
  });

  it('shows a page, not a stack trace, when the gateway cannot be reached', async () => {
    const { agent } = await signedIn(['OPCC_REVIEWER']);
    ui.handler = (_method, _url, _body, req) => {
      req.socket.destroy();
      return { status: 200 };
    };
    const res = await agent.get('/reviews').expect(503);
    expect(res.text).toContain('Sorry, there is a problem with the service');
  });

  it("refuses another role's page before calling the gateway", async () => {
    const { agent } = await signedIn(['CJ_OPS_OFFICER'], 'cjops.dan');
    seen.length = 0;
    for (const path of ['/reviews', '/reviews/workload', '/audit', '/oocr/scrutiny']) {
      await agent.get(path).expect(403);
    }
    expect(seen).toEqual([]);
  });

  it('intake: API field problems are shown against the fields, with the input kept', async () => {
    const { agent } = await signedIn(['OPCC_REVIEWER']);
    const csrf = await csrfOf(agent, '/reviews/new');
    ui.handler = () => ({
      status: 400,
      body: {
        statusCode: 400,
        message: 'Invalid request',
        fields: [{ field: 'complainant.email', problems: ['complainant.email must be an email address'] }],
      },
    });
    const res = await agent
      .post('/reviews/new')
      .type('form')
      .send({ _csrf: csrf, complainantName: 'Ann <b>Example</b>', complainantEmail: 'nope', grounds: 'CCTV' })
      .expect(400);
    expect(JSON.parse(seen.at(-1)!.body).complainant).toMatchObject({
      fullName: 'Ann <b>Example</b>',
      email: 'nope',
    });
    expect(res.text).toContain('id="complainantEmail-error"');
    expect(res.text).toContain('complainant.email must be an email address');
    expect(res.text).toContain('href="#complainantEmail"');
    expect(res.text).toContain('value="Ann &lt;b&gt;Example&lt;/b&gt;"'); // kept, and escaped
  });

  it('audit: asks the reason first, keeps it out of the URL and sends it as X-Access-Reason', async () => {
    const { agent } = await signedIn(['AUDITOR'], 'auditor.ruth');
    seen.length = 0;
    expect((await agent.get('/audit?actor=x').expect(200)).text).toContain(
      'Why are you searching the audit trail?',
    );
    expect(seen).toEqual([]);
    const csrf = await csrfOf(agent, '/audit');
    const posted = await agent
      .post('/audit/reason')
      .type('form')
      .send({ _csrf: csrf, reason: 'Complaint about Ann' });
    expect(posted.headers.location).toBe('/audit');
    ui.handler = () => ({ status: 200, body: [] });
    await agent.get('/audit?actor=reviewer.amara').expect(200);
    expect(seen.at(-1)).toMatchObject({ reason: 'Complaint about Ann' });
    expect(seen.at(-1)!.url).toBe('/api/audit/entries?actor=reviewer.amara&limit=51');
  });
  it('VRU: a partner referrer gets no stock page and no triage, refused before the gateway is called', async () => {
    const { agent } = await signedIn(['PARTNER_REFERRER'], 'partner.yjs');
    seen.length = 0;
    await agent.get('/vru/stock').expect(403);
    const csrf = await csrfOf(agent, '/sign-in');
    await agent
      .post(`/vru/tag-referrals/${REVIEW_ID}/triage`)
      .type('form')
      .send({ _csrf: csrf, decision: 'ACCEPT' })
      .expect(403);
    expect(seen.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('VRU: tag referral list filtered by pool and risk on the server, status passed to the API', async () => {
    const { agent } = await signedIn(['VRU_COORDINATOR'], 'vru.sam');
    ui.handler = () => ({
      status: 200,
      body: [
        ['TAG-2026-00003', 'VRU', 'LOW'],
        ['TAG-2026-00001', 'VRU', 'HIGH'],
        ['TAG-2026-00002', 'IOM', 'HIGH'],
        ['TAG-2026-00004', 'VRU', 'HIGH'],
      ].map(([reference, pool, riskLevel], i) => ({
        id: `5b0c6a1e-7a39-4c7e-9d0e-00000000001${i}`,
        reference,
        status: 'RECEIVED',
        pool,
        riskLevel,
        organisation: 'youth-justice-kent',
        receivedAt: '2026-12-01T10:00:00Z',
      })),
    });
    seen.length = 0;
    const res = await agent
      .get('/vru/tag-referrals?status=RECEIVED&pool=VRU&risk=HIGH&sort=reference&order=desc&evil=1')
      .expect(200);
    expect(seen[0].url).toBe('/api/tag-referrals/referrals?status=RECEIVED&limit=200');
    const order = [...res.text.matchAll(/>(TAG-2026-0000\d)</g)].map((m) => m[1]);
    expect(order).toEqual(['TAG-2026-00004', 'TAG-2026-00001']);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('VRU: a domestic-abuse knife swap referral asks the reason first, then sends it as X-Access-Reason', async () => {
    const { agent } = await signedIn(['VRU_PRACTITIONER'], 'vru.practitioner.ola');
    ui.handler = (_method, _url, _body, req) =>
      req.headers['x-access-reason']
        ? { status: 404, body: { message: 'not stubbed' } }
        : {
            status: 400,
            body: {
              statusCode: 400,
              message: 'Reading a domestic-abuse referral needs a reason',
              violations: [
                { rule: 'SKRS_ACCESS_REASON_REQUIRED', field: 'x-access-reason', message: 'needs a reason' },
              ],
            },
          };
    const first = await agent.get(`/vru/knife-swaps/${REVIEW_ID}`).expect(200);
    expect(first.text).toContain('Why are you opening this referral?');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(first.text)![1];
    await agent
      .post(`/vru/knife-swaps/${REVIEW_ID}/reason`)
      .type('form')
      .send({ _csrf: csrf, reason: 'x' })
      .expect(400);
    const posted = await agent
      .post(`/vru/knife-swaps/${REVIEW_ID}/reason`)
      .type('form')
      .send({ _csrf: csrf, reason: 'Preparing the home visit' })
      .expect(303);
    expect(posted.headers.location).toBe(`/vru/knife-swaps/${REVIEW_ID}`);
    seen.length = 0;
    await agent.get(`/vru/knife-swaps/${REVIEW_ID}`).expect(403); // the stub's 404 → "cannot see", same as 403
    expect(seen[0]).toMatchObject({ reason: 'Preparing the home visit' });
  });

  it("VRU: a knife-swap custody step goes to the referral's own bag; a swap by a coordinator is refused before the gateway", async () => {
    const BAG = '9a1b2c3d-0000-4000-8000-000000000001';
    const referral = {
      id: REVIEW_ID,
      reference: 'SKRS-2026-000001',
      status: 'SWAPPED',
      domesticAbuse: false,
      household: { addressLines: ['1 Road'], postcode: 'ME4 4AA', members: [] },
      discussions: [],
      swap: {
        swappedOn: '2026-12-01',
        safetyAdvice: [],
        custody: { bagId: BAG, bagNumber: 'KSB-1', status: 'HANDED_FOR_DESTRUCTION', chain: [] },
      },
    };
    const { agent } = await signedIn(['VRU_PRACTITIONER'], 'vru.practitioner.ola');
    ui.handler = (method) =>
      method === 'GET' ? { status: 200, body: referral } : { status: 200, body: { status: 'DESTROYED' } };
    const csrf = await csrfOf(agent, `/vru/knife-swaps/${REVIEW_ID}`);
    seen.length = 0;
    const res = await agent
      .post(`/vru/knife-swaps/${REVIEW_ID}/custody`)
      .type('form')
      .send({ _csrf: csrf, action: 'DESTROY', certificateRef: 'DC-1', bagId: 'ignored' })
      .expect(303);
    expect(res.headers.location).toBe(`/vru/knife-swaps/${REVIEW_ID}`);
    expect(seen.map((c) => `${c.method} ${c.url}`)).toEqual([
      `GET /api/knife-swaps/referrals/${REVIEW_ID}`,
      `POST /api/knife-swaps/custody/${BAG}/steps`,
    ]);
    expect(JSON.parse(seen[1].body)).toEqual({ action: 'DESTROY', certificateRef: 'DC-1' });

    const coordinator = (await signedIn(['VRU_COORDINATOR'], 'vru.sam')).agent;
    const token = await csrfOf(coordinator, `/vru/knife-swaps/${REVIEW_ID}`);
    seen.length = 0;
    await coordinator
      .post(`/vru/knife-swaps/${REVIEW_ID}/swap`)
      .type('form')
      .send({ _csrf: token, knivesSurrendered: '3' })
      .expect(403);
    expect(seen).toEqual([]);
  });

  it('VRU reports: CSV passed on as an attachment, never stored; a backwards period and a practitioner refused before the gateway', async () => {
    const { agent } = await signedIn(['VRU_MANAGER'], 'vru.manager.rhian');
    ui.handler = () => ({
      status: 200,
      type: 'text/csv',
      body: 'district,swaps,knives_removed,kits_issued\n',
    });
    seen.length = 0;
    const csv = await agent
      .get('/vru/reports/knife-swaps?from=2026-01-01&to=2026-06-30&groupBy=reason&format=csv')
      .expect(200);
    expect(seen[0].url).toBe(
      '/api/knife-swaps/reports/swaps.csv?from=2026-01-01&to=2026-06-30&groupBy=reason',
    );
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="knife-swaps-by-reason-2026-01-01-to-2026-06-30.csv"',
    );
    expect(csv.headers['cache-control']).toBe('no-store');
    expect(csv.text).toBe('district,swaps,knives_removed,kits_issued\n');
    seen.length = 0;
    const backwards = await agent.get('/vru/reports/tag-referrals?from=2026-12-31&to=2026-01-01').expect(400);
    expect(backwards.text).toContain('The start of the period must be on or before its end');
    expect(seen).toEqual([]);

    const practitioner = (await signedIn(['VRU_PRACTITIONER'], 'vru.practitioner.ola')).agent;
    seen.length = 0;
    await practitioner.get('/vru/reports/knife-swaps?format=csv').expect(403);
    expect(seen).toEqual([]);
  });

  it('VRU reports: the board report shows the equality breakdown when the API gives it, small counts not shown', async () => {
    const { agent } = await signedIn(['VRU_MANAGER'], 'vru.manager.rhian');
    const board = {
      from: '2026-01-01',
      to: '2026-12-07',
      specialCategory: {
        suppressedBelow: 5,
        notRecorded: 12,
        ethnicity: [
          { key: 'WHITE', referrals: 9, suppressed: false },
          { key: 'MIXED', referrals: null, suppressed: true },
        ],
        sex: [{ key: 'FEMALE', referrals: 0, suppressed: false }],
      },
      referralsByAgencyAndGrounds: [],
      decisions: { accepted: 0, declined: 0, acceptanceRate: null },
      referralToFitDays: { fitted: 0, median: null, mean: null },
      poolUtilisation: [],
      waitingList: { waiting: 0, meanWaitDays: null, longestWaitDays: null },
      episodeLengthDays: [],
      earlyEndings: [],
      outcomes: [],
    };
    ui.handler = () => ({ status: 200, body: board });
    const res = await agent.get('/vru/reports/tag-referrals').expect(200);
    expect(res.text).toContain('Equality monitoring');
    expect(res.text).toContain('Not recorded: 12.');
    expect(res.text).toMatch(
      /Mixed<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">Fewer than 5</,
    );
    expect(res.text).not.toContain('Referrals by disability'); // not in the answer: no table
    ui.handler = () => ({ status: 200, body: { ...board, specialCategory: undefined } });
    expect((await agent.get('/vru/reports/tag-referrals').expect(200)).text).not.toContain(
      'Equality monitoring',
    );
  });
});
