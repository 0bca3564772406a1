import { routeHarness } from '../../../test/route-harness';
import { todayInLondon } from '../../reviews/review-view';

/**
 * Route and template tests of the location data page (issue 11 item 7): the real app (sessions in memory) in front
 * of a stub gateway that answers what each test says and records what it was asked.
 */
const ID = '7c0c6a1e-7a39-4c7e-9d0e-222222222222';

describe('staff-ui tag location data', () => {
  const ui = routeHarness({ username: 'vru.sam' });
  const { seen, signedIn } = ui;
  const lastHeaders = () => seen.at(-1)?.headers;

  const PAGE = `/vru/tag-referrals/${ID}/locations`;
  const FIXES = {
    referralId: ID,
    reference: 'TAG-2026-09999',
    from: '2026-12-06',
    to: '2026-12-07',
    points: [
      {
        recordedAt: '2026-12-06T09:00:00.000Z',
        latitude: 51.3826,
        longitude: 0.5229,
        accuracyMetres: 7,
        source: 'GPS',
      },
      {
        recordedAt: '2026-12-06T09:20:00.000Z',
        latitude: 51.3831,
        longitude: 0.5301,
        accuracyMetres: null,
        source: 'RF_BEACON',
      },
    ],
  };
  const locationCalls = () => seen.filter((c) => c.url.includes('/locations'));
  const yesterday = () => {
    const d = new Date(`${todayInLondon()}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  };

  /** Answers the fixes and the CSV. */
  function stubFixes() {
    ui.handler = (_m, url) => {
      if (url.startsWith(`/api/tag-referrals/referrals/${ID}/locations.csv`))
        return { status: 200, body: 'reference,recorded_at\n' };
      if (url.startsWith(`/api/tag-referrals/referrals/${ID}/locations`)) return { status: 200, body: FIXES };
      return { status: 404, body: { message: 'not stubbed' } };
    };
  }

  it.each([['VRU_COORDINATOR'], ['PARTNER_REFERRER'], ['AUDITOR']])(
    '%s: 403 for the page and the export, before any call',
    async (role) => {
      const { agent, csrf } = await signedIn([role]);
      stubFixes();
      await agent.get(PAGE).expect(403);
      await agent.post(PAGE).type('form').send({ _csrf: csrf, reason: 'Reviewing the data' }).expect(403);
      await agent
        .post(`${PAGE}/export`)
        .type('form')
        .send({ _csrf: csrf, recipient: 'Kent Police' })
        .expect(403);
      expect(seen).toEqual([]);
    },
  );

  it('the referral page links to the location data for practitioners and managers only', async () => {
    const referral = {
      id: ID,
      reference: 'TAG-2026-09999',
      status: 'FITTED',
      pool: 'VRU',
      riskLevel: 'HIGH',
      subject: { name: 'Remy Example', dateOfBirth: '2010-06-01', addressLines: ['1 Test Row'] },
      requiredConsents: [],
      consents: [],
      decisions: [],
      episode: {
        tagSerial: 'BUD-VRU-0001',
        fittedOn: '2026-11-20',
        plannedDays: 42,
        plannedEnd: '2027-01-01',
        status: 'ACTIVE',
      },
    };
    for (const [role, shown] of [
      ['VRU_PRACTITIONER', true],
      ['VRU_MANAGER', true],
      ['VRU_COORDINATOR', false],
    ] as const) {
      const { agent } = await signedIn([role]);
      ui.handler = (_m, url) =>
        url === `/api/tag-referrals/referrals/${ID}`
          ? { status: 200, body: referral }
          : url.startsWith('/api/tag-referrals/tasks')
            ? { status: 200, body: [] }
            : { status: 404, body: { message: 'not stubbed' } };
      const res = await agent.get(`/vru/tag-referrals/${ID}`).expect(200);
      expect(res.text.includes(`href="${PAGE}"`)).toBe(shown);
    }
  });

  it('practitioner: the reason is asked first (no call), then kept in the session and sent as X-Access-Reason, never in the URL', async () => {
    const { agent, csrf } = await signedIn(['VRU_PRACTITIONER']);
    stubFixes();
    const first = await agent.get(PAGE).expect(200);
    expect(first.text).toContain('Why do you need the location data?');
    expect(first.text).toContain(`value="${yesterday()}"`); // yesterday and today by default
    expect(first.text).not.toContain('Export as CSV');
    expect(seen).toEqual([]);

    // No reason: refused against its field, the period kept, nothing asked of the API.
    const refused = await agent
      .post(PAGE)
      .type('form')
      .send({ _csrf: csrf, reason: ' ', from: '2026-12-01', to: '2026-12-02' })
      .expect(400);
    expect(refused.text).toContain('Enter why you need the location data, in 5 to 500 characters');
    expect(refused.text).toContain('href="#reason"');
    expect(refused.text).toContain('value="2026-12-01"');
    expect(seen).toEqual([]);

    const sent = await agent
      .post(PAGE)
      .type('form')
      .send({ _csrf: csrf, reason: 'Reviewing\r\nyesterday’s data', from: '2026-12-06', to: '2026-12-07' })
      .expect(303);
    expect(sent.headers.location).toBe(`${PAGE}?from=2026-12-06&to=2026-12-07`);
    expect(sent.headers.location).not.toContain('Reviewing');

    const page = await agent.get(sent.headers.location).expect(200);
    expect(locationCalls().map((c) => c.url)).toEqual([
      `/api/tag-referrals/referrals/${ID}/locations?from=2026-12-06&to=2026-12-07`,
    ]);
    expect(page.text).toContain('Location data');
    expect(page.text).toContain('TAG-2026-09999');
    expect(page.text).toContain('2 location fixes');
    expect(page.text).toContain('51.3826');
    expect(page.text).toContain('RF beacon');
    expect(page.text).toContain('0.52290'); // 5 decimals
    expect(page.text).toContain('Not given');
    expect(page.text).toContain('Your reason, recorded with each view: Reviewing yesterday&#39;s data');
    expect(page.text).not.toContain('Export as CSV'); // the manager's only
    // The practitioner cannot export, even by posting.
    await agent
      .post(`${PAGE}/export`)
      .type('form')
      .send({ _csrf: csrf, recipient: 'Kent Police' })
      .expect(403);
  });

  it('the reason reaches the API in the X-Access-Reason header', async () => {
    const { agent, csrf } = await signedIn(['VRU_MANAGER']);
    stubFixes();
    await agent
      .post(PAGE)
      .type('form')
      .send({ _csrf: csrf, reason: 'Board review of the episode', from: '2026-12-06', to: '2026-12-06' })
      .expect(303);
    await agent.get(`${PAGE}?from=2026-12-06&to=2026-12-06`).expect(200);
    expect(lastHeaders()?.['x-access-reason']).toBe('Board review of the episode');
  });

  it.each([
    [{ from: '2026-11-30', to: '2026-12-07' }, 'from', 'Choose at most 7 days of location data'],
    [{ from: '2026-12-07', to: '2026-12-01' }, 'from', 'The first day must be on or before the last day'],
    [{ from: '2026-12-01', to: '2099-01-01' }, 'to', 'The last day cannot be after today'],
    [{ from: 'yesterday', to: '2026-12-07' }, 'from', 'Enter the first day as a date like 2026-12-06'],
  ])('period %j is refused against %s before any call', async (period, field, text) => {
    const { agent, csrf } = await signedIn(['VRU_PRACTITIONER']);
    stubFixes();
    const res = await agent
      .post(PAGE)
      .type('form')
      .send({ _csrf: csrf, reason: 'Reviewing the data', ...period })
      .expect(400);
    expect(res.text).toContain(text);
    expect(res.text).toContain(`href="#${field}"`);
    expect(seen).toEqual([]);
    // And by URL once a reason is held.
    await agent.post(PAGE).type('form').send({ _csrf: csrf, reason: 'Reviewing the data' }).expect(303);
    seen.length = 0;
    const byUrl = await agent.get(`${PAGE}?${new URLSearchParams(period)}`).expect(400);
    expect(byUrl.text).toContain(text);
    expect(seen).toEqual([]);
  });

  it('the API’s refusal of the period comes back against its field', async () => {
    const { agent, csrf } = await signedIn(['VRU_PRACTITIONER']);
    await agent.post(PAGE).type('form').send({ _csrf: csrf, reason: 'Reviewing the data' }).expect(303);
    ui.handler = () => ({
      status: 422,
      body: {
        message: 'rule violated',
        violations: [
          {
            rule: 'TAG_LOCATION_PERIOD_TOO_LONG',
            field: 'from',
            message: 'at most 5 days of location data per read',
          },
        ],
      },
    });
    const res = await agent.get(`${PAGE}?from=2026-12-01&to=2026-12-07`).expect(400);
    expect(res.text).toContain('at most 5 days of location data per read');
    expect(res.text).toContain('href="#from"');
  });

  it('manager: the CSV export names its recipient, is an attachment and never stored', async () => {
    const { agent, csrf } = await signedIn(['VRU_MANAGER']);
    // Without a reason held the export goes back to the reason first, asking nothing of the API.
    const noReason = await agent
      .post(`${PAGE}/export`)
      .type('form')
      .send({ _csrf: csrf, recipient: 'Kent Police' })
      .expect(303);
    expect(noReason.headers.location).toBe(PAGE);
    expect(seen).toEqual([]);
    await agent
      .post(PAGE)
      .type('form')
      .send({ _csrf: csrf, reason: 'Disclosure request DR-1', from: '2026-12-06', to: '2026-12-07' })
      .expect(303);
    stubFixes();
    const page = await agent.get(`${PAGE}?from=2026-12-06&to=2026-12-07`).expect(200);
    expect(page.text).toContain('Export as CSV');

    seen.length = 0;
    const missing = await agent
      .post(`${PAGE}/export`)
      .type('form')
      .send({ _csrf: csrf, recipient: ' ', from: '2026-12-06', to: '2026-12-07' })
      .expect(400);
    expect(missing.text).toContain('Enter who receives the export, in 3 to 200 characters');
    expect(missing.text).toContain('href="#recipient"');
    expect(seen).toEqual([]);

    const csv = await agent
      .post(`${PAGE}/export`)
      .type('form')
      .send({ _csrf: csrf, recipient: 'Kent Police disclosure unit', from: '2026-12-06', to: '2026-12-07' })
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="tag-locations-2026-12-06-to-2026-12-07.csv"',
    );
    expect(csv.headers['cache-control']).toBe('no-store');
    expect(csv.text).toBe(JSON.stringify('reference,recorded_at\n')); // the stub's answer, passed on as is
    expect(seen.map((c) => c.url)).toEqual([
      `/api/tag-referrals/referrals/${ID}/locations.csv?from=2026-12-06&to=2026-12-07&recipient=Kent+Police+disclosure+unit`,
    ]);
    expect(lastHeaders()?.['x-access-reason']).toBe('Disclosure request DR-1');
    expect(lastHeaders()?.accept).toBe('text/csv');
  });

  it('a reason the API refuses is forgotten and asked again', async () => {
    const { agent, csrf } = await signedIn(['VRU_PRACTITIONER']);
    await agent.post(PAGE).type('form').send({ _csrf: csrf, reason: 'Reviewing the data' }).expect(303);
    ui.handler = () => ({
      status: 400,
      body: {
        message: 'bad reason',
        violations: [
          { rule: 'TAG_LOCATION_REASON_REQUIRED', field: 'x-access-reason', message: 'send a reason' },
        ],
      },
    });
    const res = await agent.get(PAGE).expect(400);
    expect(res.text).toContain('send a reason');
    expect(res.text).toContain('href="#reason"');
    stubFixes();
    seen.length = 0;
    const again = await agent.get(PAGE).expect(200);
    expect(again.text).toContain('Why do you need the location data?');
    expect(seen).toEqual([]);
  });
});
