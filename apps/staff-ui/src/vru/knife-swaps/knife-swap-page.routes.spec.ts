import { routeHarness } from '../../../test/route-harness';

/**
 * Route and view tests of the knife-swap referral page's household section (apps/knife-swaps README, "Households
 * across referrals"): the real app (sessions in memory) in front of a stub gateway.
 */
const ID = '7c0c6a1e-7a39-4c7e-9d0e-444444444444';
const EARLIER = '7c0c6a1e-7a39-4c7e-9d0e-555555555555';
const DA_EARLIER = '7c0c6a1e-7a39-4c7e-9d0e-666666666666';

describe('staff-ui knife-swap referral page', () => {
  const ui = routeHarness({ username: 'vru.sam' });
  const { seen, signedIn } = ui;

  function referral(otherReferrals: unknown[] | undefined, extra: Record<string, unknown> = {}) {
    return {
      id: ID,
      reference: 'SKRS-2026-09999',
      status: 'REFERRED',
      reason: 'WEAPON_CARRYING',
      domesticAbuse: false,
      referringAgency: 'POLICE',
      referringOrganisation: 'kent-police-medway-chst',
      referredOn: '2026-12-01',
      district: 'medway',
      household: {
        addressLines: ['14 Test Close', 'Chatham'],
        postcode: 'ME4 5AA',
        members: [],
        householderName: 'Householder Example',
        language: 'ENGLISH',
        ...(otherReferrals ? { otherReferrals } : {}),
      },
      discussions: [],
      links: {},
      ...extra,
    };
  }
  const EARLIER_ROW = {
    id: EARLIER,
    reference: 'SKRS-2026-00042',
    status: 'FOLLOWED_UP',
    reason: 'WEAPON_CARRYING',
    domesticAbuse: false,
    referringOrganisation: 'early-help-medway',
    referredOn: '2026-03-02',
    swappedOn: '2026-03-20',
    knivesSurrendered: 6,
  };
  const DA_ROW = {
    id: DA_EARLIER,
    reference: 'SKRS-2026-00077',
    status: 'REFERRED',
    reason: 'HIGH_RISK_DOMESTIC_ABUSE',
    domesticAbuse: true,
    referringOrganisation: 'kent-police-medway-chst',
    referredOn: '2026-06-11',
    swappedOn: null,
    knivesSurrendered: null,
  };
  const answer = (body: unknown) => {
    ui.handler = (_m, url) =>
      url === `/api/knife-swaps/referrals/${ID}`
        ? { status: 200, body }
        : { status: 404, body: { message: 'not stubbed' } };
  };
  const rowsOf = (html: string) => {
    const table = /<table[^>]*>\s*<caption[^>]*>\s*Other referrals of this household[\s\S]*?<\/table>/.exec(
      html,
    );
    return table
      ? [...table[0].matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].slice(1).map((m) =>
          m[1]
            .replace(/<[^>]+>/g, ' ')
            .replace(/\s+/g, ' ')
            .trim(),
        )
      : [];
  };

  it('lists the household’s other referrals, each linking to its page, a domestic-abuse one marked', async () => {
    const { agent } = await signedIn(['VRU_COORDINATOR']);
    answer(referral([EARLIER_ROW, DA_ROW]));
    const res = await agent.get(`/vru/knife-swaps/${ID}`).expect(200);
    expect(res.text).toContain('Other referrals of this household');
    expect(res.text).toContain(`href="/vru/knife-swaps/${EARLIER}">SKRS-2026-00042</a>`);
    expect(res.text).toContain(`href="/vru/knife-swaps/${DA_EARLIER}">SKRS-2026-00077</a>`);
    expect(rowsOf(res.text)).toEqual([
      'SKRS-2026-00042 Followed up Weapon carrying 2 Mar 2026 20 Mar 2026 6',
      'SKRS-2026-00077 Referred High risk domestic abuse Domestic abuse 11 Jun 2026 Not swapped None',
    ]);
    // Only the referral itself was read: the list comes with it.
    expect(seen.map((c) => c.url)).toEqual([`/api/knife-swaps/referrals/${ID}`]);
  });

  it('says when the household has no other referral the user can see', async () => {
    const { agent } = await signedIn(['PARTNER_REFERRER']);
    answer(referral([]));
    const res = await agent.get(`/vru/knife-swaps/${ID}`).expect(200);
    expect(res.text).toContain('No other referrals of this household that you can see.');
    expect(rowsOf(res.text)).toEqual([]);
  });

  it('shows nothing about other referrals when the API does not say (an older API)', async () => {
    const { agent } = await signedIn(['VRU_PRACTITIONER']);
    answer(referral(undefined));
    const res = await agent.get(`/vru/knife-swaps/${ID}`).expect(200);
    expect(res.text).toContain('Knife swap referral SKRS-2026-09999');
    expect(res.text).not.toContain('Other referrals of this household');
  });

  it('data from the API is escaped in the links', async () => {
    const { agent } = await signedIn(['VRU_COORDINATOR']);
    answer(referral([{ ...EARLIER_ROW, reference: '<script>x</script>' }]));
    const res = await agent.get(`/vru/knife-swaps/${ID}`).expect(200);
    expect(res.text).not.toContain('<script>x</script>');
    expect(res.text).toContain('&lt;script&gt;x&lt;/script&gt;');
  });

  it('a domestic-abuse reason with typographic quotes is sent plain; one that cannot travel as a header is refused against its field', async () => {
    const { agent, csrf } = await signedIn(['VRU_PRACTITIONER']);
    answer(referral([], { reason: 'HIGH_RISK_DOMESTIC_ABUSE', domesticAbuse: true }));
    const refused = await agent
      .post(`/vru/knife-swaps/${ID}/reason`)
      .type('form')
      .send({ _csrf: csrf, reason: 'Home visit ✓ prep' })
      .expect(400);
    expect(refused.text).toContain('Write the reason with letters, numbers and ordinary punctuation');
    expect(refused.text).toContain('href="#reason"');
    await agent
      .post(`/vru/knife-swaps/${ID}/reason`)
      .type('form')
      .send({ _csrf: csrf, reason: 'Preparing the householder’s\r\nhome visit' })
      .expect(303);
    seen.length = 0;
    await agent.get(`/vru/knife-swaps/${ID}`).expect(200);
    expect(seen.at(-1)?.headers['x-access-reason']).toBe("Preparing the householder's home visit");
  });

  describe('the safe contact of a domestic-abuse household', () => {
    const LABEL = 'Channel agreed with the victim as safe';
    const daReferral = (safeContact: unknown) =>
      referral([], { reason: 'HIGH_RISK_DOMESTIC_ABUSE', domesticAbuse: true, safeContact });
    /** Opens the DA referral after giving a reason, as the page asks. */
    async function openAs(role: string, body: unknown) {
      const { agent, csrf } = await signedIn([role]);
      answer(body);
      await agent
        .post(`/vru/knife-swaps/${ID}/reason`)
        .type('form')
        .send({ _csrf: csrf, reason: 'Arranging the home visit' })
        .expect(303);
      return (await agent.get(`/vru/knife-swaps/${ID}`).expect(200)).text;
    }
    const rowOf = (html: string) =>
      new RegExp(`${LABEL}\\s*</dt>\\s*<dd class="govuk-summary-list__value">\\s*([^<]*?)\\s*</dd>`).exec(
        html,
      )?.[1];

    it.each([
      ['VRU_PRACTITIONER', { channel: 'SMS', contact: '07700 900123' }, 'Text message only, to 07700 900123'],
      [
        'VRU_COORDINATOR',
        { channel: 'EMAIL', contact: 'safe@example.org' },
        'Email only, to safe@example.org',
      ],
      [
        'VRU_MANAGER',
        { channel: 'NONE', contact: null },
        'None: no written channel is safe. Nothing is sent: tell the household in person or through the domestic abuse adviser.',
      ],
    ])('%s is shown the channel the API gives: %j', async (role, safeContact, shown) => {
      const html = await openAs(role, daReferral(safeContact));
      expect(rowOf(html)).toBe(shown);
      expect(seen.at(-1)?.reason).toBe('Arranging the home visit');
    });

    it('the contact from the API is escaped', async () => {
      const html = await openAs(
        'VRU_PRACTITIONER',
        daReferral({ channel: 'EMAIL', contact: '<b>x</b>@example.org' }),
      );
      expect(html).not.toContain('<b>x</b>');
      expect(rowOf(html)).toBe('Email only, to &lt;b&gt;x&lt;/b&gt;@example.org');
    });

    it('nothing is shown when the API gives none (an ordinary referral, or a role it does not give it to)', async () => {
      const { agent } = await signedIn(['VRU_COORDINATOR']);
      answer(referral([], { safeContact: null }));
      expect((await agent.get(`/vru/knife-swaps/${ID}`).expect(200)).text).not.toContain(LABEL);
      expect(await openAs('VRU_PRACTITIONER', daReferral(undefined))).not.toContain(LABEL);
    });

    it('a partner is never shown it, even should an API give it', async () => {
      const { agent } = await signedIn(['PARTNER_REFERRER'], 'partner.kent');
      answer(daReferral({ channel: 'SMS', contact: '07700 900123' }));
      const html = (await agent.get(`/vru/knife-swaps/${ID}`).expect(200)).text;
      expect(html).toContain('Knife swap referral SKRS-2026-09999');
      expect(html).not.toContain(LABEL);
      expect(html).not.toContain('07700 900123');
    });
  });
});
