import { GatewayReply, routeHarness } from '../../../test/route-harness';

/**
 * Route and template tests of the tag referral's forms: the real app (sessions in memory) in front of a stub
 * gateway that answers what each test says and records what it was asked.
 */
const ID = '7c0c6a1e-7a39-4c7e-9d0e-222222222222';
const TASK = '7c0c6a1e-7a39-4c7e-9d0e-333333333333';

function referral(status: string, extra: Record<string, unknown> = {}) {
  return {
    id: ID,
    reference: 'TAG-2026-09999',
    status,
    pool: 'VRU',
    riskLevel: 'HIGH',
    subject: { name: 'Remy Example', dateOfBirth: '2010-06-01', addressLines: ['1 Test Row'] },
    organisation: 'youth-justice-kent',
    agency: 'YOUTH_JUSTICE',
    grounds: 'CRIMINAL_EXPLOITATION_RISK',
    multiAgencyPlanRef: 'CIN-1',
    tagType: 'GPS',
    summary: 'Missing twice',
    receivedAt: '2026-12-01T10:00:00Z',
    tagSerial: status === 'AWAITING_DEVICE' ? null : 'BUD-VRU-0001',
    requiredConsents: ['SUBJECT'],
    consents: [],
    decisions: [],
    episode: ['FITTED', 'REMOVAL_DUE', 'REMOVED'].includes(status)
      ? {
          tagSerial: 'BUD-VRU-0001',
          fittedOn: '2026-11-20',
          fittedBy: 'vru.practitioner.ola',
          fittedWhere: 'Home',
          plannedDays: 42,
          plannedEnd: '2027-01-01',
          status: 'ACTIVE',
          removedOn: null,
          removalReason: null,
        }
      : null,
    ...extra,
  };
}

describe('staff-ui tag referral forms', () => {
  const ui = routeHarness({ username: 'vru.sam' });
  const { seen, signedIn } = ui;

  /** The stub answers the referral (and the pools, the waiting list, the tasks) for GETs; `post` for POSTs. */
  function stub(
    status: string,
    post: (url: string, body: string) => GatewayReply,
    extra: Record<string, unknown> = {},
  ) {
    ui.handler = (method, url, body) => {
      if (method === 'POST') return post(url, body);
      if (url === `/api/tag-referrals/referrals/${ID}`) return { status: 200, body: referral(status, extra) };
      if (url.startsWith('/api/tag-referrals/tasks')) return { status: 200, body: [] };
      if (url === '/api/tag-referrals/pools')
        return {
          status: 200,
          body: {
            pools: [{ code: 'VRU', name: 'VRU', capacity: 8, inUse: 8, free: 0, waiting: 3, tags: {} }],
          },
        };
      if (url.startsWith('/api/tag-referrals/waiting-list'))
        return {
          status: 200,
          body: [
            { position: 1, id: 'a', reference: 'TAG-1', pool: 'VRU' },
            { position: 2, id: ID, reference: 'TAG-2026-09999', pool: 'VRU' },
            { position: 3, id: 'b', reference: 'TAG-3', pool: 'VRU' },
          ],
        };
      return { status: 404, body: { message: 'not stubbed' } };
    };
  }
  const posts = () => seen.filter((c) => c.method === 'POST');

  it('allocation: a full pool is shown with the referral’s place on the waiting list, and no allocate form', async () => {
    const { agent } = await signedIn(['VRU_COORDINATOR']);
    stub('AWAITING_DEVICE', () => ({ status: 500 }));
    const res = await agent.get(`/vru/tag-referrals/${ID}`).expect(200);
    expect(res.text).toContain('The VRU pool is full: 8 of 8 tags in use.');
    expect(res.text).toContain('This referral is number 2 of 3 on the waiting list.');
    expect(res.text).not.toContain('id="allocate"');
    expect(seen.map((c) => c.url)).toContain('/api/tag-referrals/waiting-list?pool=VRU');
  });

  it('allocation: the API’s "pool full" refusal (a race with another coordinator) is shown, nothing else changes', async () => {
    const { agent, csrf } = await signedIn(['VRU_COORDINATOR']);
    stub('AWAITING_DEVICE', () => ({
      status: 409,
      body: {
        message: 'The VRU pool is full (8 of 8 tags in use): the referral waits on the list at position 2',
      },
    }));
    const res = await agent
      .post(`/vru/tag-referrals/${ID}/allocate`)
      .type('form')
      .send({ _csrf: csrf, serial: '' })
      .expect(400);
    expect(JSON.parse(posts()[0].body)).toEqual({});
    expect(posts()[0].url).toBe(`/api/tag-referrals/referrals/${ID}/allocation`);
    expect(res.text).toContain('the referral waits on the list at position 2');
    expect(res.text).toContain('href="#allocate"');
  });

  it('fitting: the page’s own checks refuse a wrong serial and a missing place against their fields, nothing sent', async () => {
    const { agent, csrf } = await signedIn(['VRU_PRACTITIONER'], 'vru.practitioner.ola');
    stub('ALLOCATED', () => ({ status: 500 }));
    const res = await agent
      .post(`/vru/tag-referrals/${ID}/fit`)
      .type('form')
      .send({ _csrf: csrf, serial: 'BUD-VRU-0002', fittedOn: '2026-12-01', fittedWhere: ' ', strapSize: 'M' })
      .expect(400);
    expect(posts()).toEqual([]);
    expect(res.text).toContain('id="fit-serial-error"');
    expect(res.text).toContain('it must be the allocated tag BUD-VRU-0001');
    expect(res.text).toContain('id="fit-fittedWhere-error"');
    expect(res.text).toContain('href="#fit-serial"');
    expect(res.text).toMatch(/id="fit-serial"[^>]*value="BUD-VRU-0002"/); // input kept
    expect(res.text).not.toContain('fit-managerReason'); // a practitioner has no manager's reason to give
  });

  it('fitting: what is sent to the API, then back to the referral page (no personal data in the URL)', async () => {
    const { agent, csrf } = await signedIn(['VRU_MANAGER'], 'vru.manager.rhian');
    stub('ALLOCATED', () => ({
      status: 200,
      body: { id: ID, status: 'FITTED', plannedEnd: '2027-01-20', plannedDays: 60 },
    }));
    const res = await agent
      .post(`/vru/tag-referrals/${ID}/fit`)
      .type('form')
      .send({
        _csrf: csrf,
        serial: 'bud-vru-0001',
        fittedOn: '2026-11-21',
        fittedWhere: 'Family home',
        strapSize: 'L',
        days: '60',
        reason: '',
        managerReason: 'School exclusion hearing in week 8',
      })
      .expect(303);
    expect(res.headers.location).toBe(`/vru/tag-referrals/${ID}`);
    expect(posts()[0].url).toBe(`/api/tag-referrals/referrals/${ID}/fitting`);
    expect(JSON.parse(posts()[0].body)).toEqual({
      fittedOn: '2026-11-21',
      fittedWhere: 'Family home',
      strapSize: 'L',
      days: 60,
      managerReason: 'School exclusion hearing in week 8',
    });
  });

  it('extension: the API’s rule violation is shown against its field with the input kept', async () => {
    const { agent, csrf } = await signedIn(['VRU_PRACTITIONER'], 'vru.practitioner.ola');
    stub('FITTED', () => ({
      status: 422,
      body: {
        message: 'Rule violated',
        violations: [
          {
            rule: 'TAG_EPISODE_REASON_REQUIRED',
            field: 'reason',
            message: 'give a reason for more than 42 days',
          },
        ],
      },
    }));
    const res = await agent
      .post(`/vru/tag-referrals/${ID}/extend`)
      .type('form')
      .send({ _csrf: csrf, days: '56', reason: '', managerReason: 'not mine to give' })
      .expect(400);
    expect(JSON.parse(posts()[0].body)).toEqual({ days: 56 }); // no manager's reason from a practitioner
    // The referral is read (an audited consultation) only to show the page again, not before posting.
    expect(seen.map((c) => c.method)).toEqual(['POST', 'GET', 'GET']);
    expect(res.text).toContain('id="extend-reason-error"');
    expect(res.text).toContain('give a reason for more than 42 days');
    expect(res.text).toContain('href="#extend-reason"');
    expect(res.text).toMatch(/id="extend-days"[^>]*value="56"/);
  });

  it('roles: a coordinator gets no fitting form and its post is refused before any call; a practitioner no allocation', async () => {
    const coordinator = await signedIn(['VRU_COORDINATOR']);
    stub('ALLOCATED', () => ({ status: 500 }));
    const page = await coordinator.agent.get(`/vru/tag-referrals/${ID}`).expect(200);
    expect(page.text).not.toContain('id="fit"');
    seen.length = 0;
    await coordinator.agent
      .post(`/vru/tag-referrals/${ID}/fit`)
      .type('form')
      .send({ _csrf: coordinator.csrf, fittedOn: '2026-12-01' })
      .expect(403);
    expect(seen).toEqual([]);

    const practitioner = await signedIn(['VRU_PRACTITIONER'], 'vru.practitioner.ola');
    stub('AWAITING_DEVICE', () => ({ status: 500 }));
    const waiting = await practitioner.agent.get(`/vru/tag-referrals/${ID}`).expect(200);
    expect(waiting.text).not.toContain('id="allocate"');
    expect(waiting.text).toContain('The VRU pool is full');
    expect(seen.map((c) => c.url)).not.toContain('/api/tag-referrals/waiting-list?pool=VRU');
    await practitioner.agent
      .post(`/vru/tag-referrals/${ID}/allocate`)
      .type('form')
      .send({ _csrf: practitioner.csrf })
      .expect(403);
    expect(posts()).toEqual([]);
  });

  it('removal and inspection: the closed list of reasons, then the returned tag back in stock', async () => {
    const { agent, csrf } = await signedIn(['VRU_PRACTITIONER'], 'vru.practitioner.ola');
    stub('FITTED', () => ({ status: 200, body: { id: ID, status: 'REMOVED' } }));
    const bad = await agent
      .post(`/vru/tag-referrals/${ID}/remove`)
      .type('form')
      .send({ _csrf: csrf, removedOn: '2026-12-01', reason: 'BORED' })
      .expect(400);
    expect(bad.text).toContain('id="remove-reason-error"');
    expect(posts()).toEqual([]);
    await agent
      .post(`/vru/tag-referrals/${ID}/remove`)
      .type('form')
      .send({ _csrf: csrf, removedOn: '2026-12-01', reason: 'PLANNED_END' })
      .expect(303);
    expect(JSON.parse(posts()[0].body)).toEqual({ removedOn: '2026-12-01', reason: 'PLANNED_END' });

    seen.length = 0;
    stub('REMOVED', () => ({
      status: 200,
      body: { serial: 'BUD-VRU-0001', status: 'IN_STOCK', offeredTo: 'TAG-2026-00009' },
    }));
    expect((await agent.get(`/vru/tag-referrals/${ID}`)).text).toContain('id="inspect"');
    await agent
      .post(`/vru/tag-referrals/${ID}/inspect`)
      .type('form')
      .send({ _csrf: csrf, outcome: 'IN_STOCK', note: '' })
      .expect(303);
    expect(posts()[0].url).toBe('/api/tag-referrals/tags/BUD-VRU-0001/inspection');
    expect((await agent.get(`/vru/tag-referrals/${ID}`)).text).toContain(
      'Tag BUD-VRU-0001 is back in stock: offered to TAG-2026-00009, the head of the waiting list',
    );
  });

  it('withdrawal: a referrer withdraws as the referrer whatever is posted; VRU staff record who withdrew', async () => {
    const referrer = await signedIn(['PARTNER_REFERRER'], 'partner.yjs');
    stub('CONSENT_PENDING', () => ({ status: 200, body: { id: ID, status: 'WITHDRAWN' } }));
    const page = await referrer.agent.get(`/vru/tag-referrals/${ID}`).expect(200);
    expect(page.text).toContain('Withdraw this referral');
    expect(seen.map((c) => c.url).filter((u) => u.includes('/tasks'))).toEqual([]);
    await referrer.agent
      .post(`/vru/tag-referrals/${ID}/withdraw`)
      .type('form')
      .send({ _csrf: referrer.csrf, withdrawnBy: 'SUBJECT', reason: 'Family moved away' })
      .expect(303);
    expect(JSON.parse(posts()[0].body)).toEqual({ withdrawnBy: 'REFERRER', reason: 'Family moved away' });

    const staff = await signedIn(['VRU_PRACTITIONER'], 'vru.practitioner.ola');
    stub('FITTED', () => ({ status: 500 }));
    const missing = await staff.agent
      .post(`/vru/tag-referrals/${ID}/withdraw`)
      .type('form')
      .send({ _csrf: staff.csrf, reason: 'Does not want it any more' })
      .expect(400);
    expect(missing.text).toContain('id="withdraw-withdrawnBy-error"');
    expect(missing.text).toMatch(/<details class="govuk-details" open>/);
    expect(posts()).toEqual([]);
  });

  it('outcomes: counts and yes/no answers become numbers and booleans', async () => {
    const { agent, csrf } = await signedIn(['VRU_COORDINATOR']);
    stub('REMOVED', () => ({ status: 201, body: { id: 'x' } }));
    await agent
      .post(`/vru/tag-referrals/${ID}/outcome`)
      .type('form')
      .send({
        _csrf: csrf,
        point: 'CLOSURE',
        suspectedOffences: '1',
        violentOffences: '0',
        daysMissingFromHome: '2',
        reEngagedWithServices: 'yes',
        inEducationOrTraining: 'no',
        familyConnection: 'yes',
        wellbeing: '',
        note: '',
      })
      .expect(303);
    expect(JSON.parse(posts()[0].body)).toEqual({
      point: 'CLOSURE',
      suspectedOffences: 1,
      violentOffences: 0,
      daysMissingFromHome: 2,
      reEngagedWithServices: true,
      inEducationOrTraining: false,
      familyConnection: true,
    });
  });

  it('tasks: my tasks filtered by kind on the server, and one marked done', async () => {
    const { agent, csrf } = await signedIn(['VRU_PRACTITIONER'], 'vru.practitioner.ola');
    ui.handler = (method, url) => {
      if (method === 'POST') return { status: 200, body: { id: TASK, done: true } };
      return {
        status: 200,
        body: [
          {
            id: TASK,
            kind: 'DATA_REVIEW',
            referralId: ID,
            assignee: 'VRU_PRACTITIONER',
            dueOn: '2026-12-08',
            summary: 'TAG-2026-09999: review the data',
            createdAt: '2026-12-07T08:00:00Z',
            doneAt: null,
          },
          {
            id: 'c0c6a1e7-7a39-4c7e-9d0e-444444444444',
            kind: 'CONTACT',
            referralId: ID,
            assignee: 'VRU_PRACTITIONER',
            dueOn: '2026-12-09',
            summary: 'TAG-2026-09999: weekly contact',
            createdAt: '2026-12-07T08:00:00Z',
            doneAt: null,
          },
        ].filter(() => url.startsWith('/api/tag-referrals/tasks')),
      };
    };
    const page = await agent.get('/vru/tasks?kind=CONTACT&state=open').expect(200);
    expect(seen.at(-1)!.url).toBe('/api/tag-referrals/tasks?state=open');
    expect(page.text).toContain('weekly contact');
    expect(page.text).not.toContain('review the data');
    expect(page.headers['cache-control']).toContain('no-store');
    const done = await agent.post(`/vru/tasks/${TASK}/done`).type('form').send({ _csrf: csrf }).expect(303);
    expect(done.headers.location).toBe('/vru/tasks');
    expect(posts()[0].url).toBe(`/api/tag-referrals/tasks/${TASK}/done`);
    const referrer = await signedIn(['PARTNER_REFERRER'], 'partner.yjs');
    await referrer.agent.get('/vru/tasks').expect(403);
    expect(seen).toEqual([]);
  });

  it('refuses a form without the CSRF token and calls nothing', async () => {
    const { agent } = await signedIn(['VRU_COORDINATOR']);
    stub('AWAITING_DEVICE', () => ({ status: 200, body: {} }));
    await agent.post(`/vru/tag-referrals/${ID}/allocate`).type('form').send({ serial: '' }).expect(403);
    expect(seen).toEqual([]);
  });
});
