import { APIResponse, expect, Page, test } from '@playwright/test';
import { apiAs, apiAsWhenUp, expectAccessible, runTag, screenshot, signIn, visit } from './support';

/** The store the journey issues its kit from; the test puts one pack in first, so earlier runs never empty it. */
const STORE = 'medway-vru-office';

/** A household referred by the police for weapon carrying, as the force's own system would send it. */
async function newReferral(tag: string): Promise<{ id: string; reference: string }> {
  return apiAs<{ id: string; reference: string }>('partner.police', 'POST', '/api/knife-swaps/referrals', {
    reason: 'WEAPON_CARRYING',
    referringAgency: 'POLICE',
    district: 'medway',
    addressLines: ['14 Test Close', 'Chatham'],
    postcode: 'ME4 5AA',
    householdMembers: [
      { relationship: 'parent', ageBand: '25_PLUS' },
      { relationship: 'son', ageBand: '10_17' },
    ],
    householderName: `Householder ${tag}`,
    youngPersonName: `Young Person ${tag}`,
    partnerCaseRef: `KP-UI-${tag}`,
  });
}

async function signInAs(page: Page, username: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, username);
}

/** Submits a form and expects the referral page back with its success message (then checks the page with axe). */
async function submitted(page: Page, form: string, button: string, message: string | RegExp): Promise<void> {
  await page.locator(form).getByRole('button', { name: button }).click();
  await expect(page.locator('.govuk-notification-banner')).toContainText(message);
  await expectAccessible(page);
}

/**
 * The CSV behind a download link, fetched with the page's session: an attachment, text/csv, never stored. A 503
 * while another engineer restarts a service on this shared machine is waited out (bounded), never slept over.
 */
async function csvOf(page: Page, link: string): Promise<string> {
  const href = await page.getByRole('link', { name: link }).getAttribute('href');
  expect(href).toMatch(/format=csv/);
  let res: APIResponse | undefined;
  await expect(async () => {
    res = await page.request.get(href!);
    expect(res.status()).not.toBe(503);
  }).toPass({ timeout: 60_000 });
  expect(res!.status()).toBe(200);
  expect(res!.headers()['content-type']).toContain('text/csv');
  expect(res!.headers()['content-disposition']).toMatch(/^attachment; filename="[a-z0-9-]+\.csv"$/);
  expect(res!.headers()['cache-control']).toBe('no-store');
  return res!.text();
}

test.describe('VRU knife swaps', () => {
  test('a referral from the home discussion to the knives destroyed and the follow-up, with refusals shown against their fields', async ({
    page,
  }) => {
    const tag = runTag();
    const referral = await newReferral(tag);
    await apiAs('vru.sam', 'POST', `/api/knife-swaps/stores/${STORE}/movements`, {
      kind: 'RECEIPT',
      kitType: 'FOUR_PACK',
      quantity: 1,
      reason: `staff UI e2e ${tag}`,
    });
    const url = `/vru/knife-swaps/${referral.id}`;

    // Coordinator: the pre-offer discussion, then eligibility.
    await signInAs(page, 'vru.sam');
    await visit(page, url);
    await expect(
      page.getByRole('heading', { name: `Knife swap referral ${referral.reference}` }),
    ).toBeVisible();
    const discussion = page.locator('#discussion-form');
    await discussion
      .getByLabel('Protective factors')
      .fill('Mother engaged with Early Help; older sibling at college');
    await discussion
      .getByLabel("The home's circumstances")
      .fill('Three kitchen knives kept in a drawer; no locks');
    await discussion
      .getByLabel('The young person')
      .fill('Arrested with a kitchen knife last month; attends school');
    // No engagement chosen: refused on the page, the text kept.
    await discussion.getByRole('button', { name: 'Record discussion' }).click();
    await expect(page.getByRole('alert')).toContainText('Choose how engaged the family or guardian is');
    await expect(page.locator('#discussion-familyEngagement-error')).toBeVisible();
    await expect(page.locator('#discussion-protectiveFactors')).toHaveValue(/Mother engaged/);
    await expectAccessible(page);
    await page.locator('#discussion-form').getByLabel('Engaged', { exact: true }).check();
    await submitted(page, '#discussion-form', 'Record discussion', 'Discussion recorded');
    await expect(page.locator('.moj-identity-bar')).toContainText('Discussed');
    await page.locator('#eligibility-form').getByLabel('Eligible', { exact: true }).check();
    await page
      .locator('#eligibility-form')
      .getByLabel('Reason for the decision')
      .fill('Engaged family, knife arrest');
    await submitted(page, '#eligibility-form', 'Record eligibility', 'Household found eligible');
    // The coordinator records neither consent nor the swap (the practitioner's steps).
    await expect(page.locator('#consent-form')).toHaveCount(0);

    // Practitioner: consent, the swap, the custody chain, the follow-up.
    await signInAs(page, 'vru.practitioner.ola');
    await visit(page, url);
    const consent = page.locator('#consent-form');
    await consent.getByLabel('Yes, agreed').check();
    await consent.getByLabel('All pointed knives in the home are to be replaced').check();
    await consent.getByLabel('Name of the householder who answered').fill(`Householder ${tag}`);
    await submitted(page, '#consent-form', 'Record the answer', 'Consent recorded');

    const swap = page.locator('#swap-form');
    await swap.getByLabel('Number of pointed knives surrendered').fill('0');
    await swap.getByLabel('Sealed bag number').fill(`KSB-UI-${tag}`);
    await swap.getByLabel('Kit issued from store').selectOption(STORE);
    await swap.getByLabel('Pack of four rounded-end knives').check();
    for (const advice of [
      'Storage of replacement knives',
      'No pointed knives brought back',
      'Knife carrying risks discussed',
      'Support services signposted',
    ])
      await swap.getByLabel(advice).check();
    // Zero knives: the service refuses by its rule, shown against the field, everything typed kept.
    await swap.getByRole('button', { name: 'Record the swap' }).click();
    await expect(page.getByRole('alert')).toContainText('Pointed knives surrendered must be a whole number');
    await expect(page.locator('#swap-knivesSurrendered-error')).toContainText('whole number from 1');
    await expect(page.locator('#swap-bagNumber')).toHaveValue(`KSB-UI-${tag}`);
    await expect(page.locator('#swap-storeId')).toHaveValue(STORE);
    await expect(page.locator('#swap-form').getByLabel('Support services signposted')).toBeChecked();
    await expectAccessible(page);
    await page.locator('#swap-form').getByLabel('Number of pointed knives surrendered').fill('5');
    await submitted(page, '#swap-form', 'Record the swap', 'Swap recorded');
    await expect(page.locator('.moj-identity-bar')).toContainText('Swapped');
    await expect(
      page.getByText(`Custody of the surrendered knives: bag KSB-UI-${tag}, sealed`),
    ).toBeVisible();

    const custody = () => page.locator('#custody-form');
    await custody()
      .getByLabel(/Received or stored/)
      .check();
    await custody()
      .getByLabel('Who holds the knives from now on')
      .fill('Medway police station property store');
    await submitted(page, '#custody-form', 'Record custody step', 'the knives have a new holder');
    await custody()
      .getByLabel(/Sent for destruction/)
      .check();
    await custody().getByLabel('Who holds the knives from now on').fill('Demo destruction contractor');
    await submitted(page, '#custody-form', 'Record custody step', 'handed for destruction');
    // Destroyed without its certificate: refused by the service's rule, against the certificate field.
    await custody().getByRole('button', { name: 'Record custody step' }).click();
    await expect(page.locator('#custody-certificateRef-error')).toContainText('destruction certificate');
    await expectAccessible(page);
    await custody().getByLabel('Destruction certificate reference').fill(`DC-${tag}`);
    await submitted(page, '#custody-form', 'Record custody step', 'the knives are destroyed');
    await expect(page.getByText(`bag KSB-UI-${tag}, destroyed (certificate DC-${tag})`)).toBeVisible();
    await expect(page.getByRole('table', { name: 'Custody chain' }).getByRole('row')).toHaveCount(5);
    await expect(custody()).toHaveCount(0);

    await page.locator('#followUp-form').getByLabel('No concerns').check();
    await submitted(page, '#followUp-form', 'Record follow-up', 'Follow-up recorded');
    await expect(page.locator('.moj-identity-bar')).toContainText('Followed up');
    expect(page.url()).not.toContain(tag);
    await screenshot(page, 'vru-knife-swap-journey');
  });

  test('manager: the knife swaps report with CSV, a period the wrong way round, and the tag-referrals board report', async ({
    page,
  }) => {
    await signInAs(page, 'vru.manager.rhian');
    await expect(page.getByRole('link', { name: 'VRU reports' })).toHaveAttribute('href', '/vru/reports');
    // Opened with visit(): it waits out a 503 while another engineer restarts the gateway or a service.
    await visit(page, '/vru/reports');
    await expect(page.getByRole('heading', { name: 'Knife swaps report' })).toBeVisible();
    await expect(page.locator('#running-total')).toContainText(
      /has made \d+ swaps?, removing \d+ pointed kni/,
    );
    await expect(page.getByRole('heading', { name: 'By district' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Kit stock by store' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Kit stock by store' })).toContainText('Medway VRU office');
    await expect(page.getByRole('heading', { name: 'Custody exceptions' })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'vru-knife-swaps-report');

    const csv = (await csvOf(page, 'Download swaps by district (CSV)')).trim().split('\n');
    expect(csv[0]).toBe('district,swaps,knives_removed,kits_issued');
    expect(csv[csv.length - 1]).toMatch(/^TOTAL \d{4}-01-01 to \d{4}-\d{2}-\d{2},\d+,\d+,\d+$/);

    // A period that runs backwards: shown against its field, nothing fetched for it.
    await page.getByLabel('From').fill('2026-12-31');
    await page.getByLabel('To').fill('2026-01-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveURL(/from=2026-12-31&to=2026-01-01/);
    await expect(page.locator('#from-error')).toContainText('on or before its end');
    await expect(page.getByLabel('From')).toHaveValue('2026-12-31');
    await expectAccessible(page);

    await expect(page.getByRole('link', { name: 'Tag referrals board' })).toHaveAttribute(
      'href',
      '/vru/reports/tag-referrals',
    );
    await visit(page, '/vru/reports/tag-referrals');
    await expect(page.getByRole('heading', { name: 'Tag referrals board report' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Referrals by agency and grounds' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Pool utilisation' })).toContainText('VRU');
    // The manager (only) is given the equality breakdown by tag-referrals; small counts are not shown.
    await expect(page.getByRole('heading', { name: 'Equality monitoring' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Referrals by ethnic group' })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'vru-tag-board-report');
    const board = (await csvOf(page, 'Download this report (CSV)')).split('\n');
    expect(board[0]).toBe('from,to,section,key,measure,value');
    expect(board.some((l) => /,decisions,,acceptanceRate,/.test(l))).toBe(true);
  });

  test('practitioner and partner: no report pages, a partner is offered no knife-swap form; the auditor reads reports', async ({
    page,
  }) => {
    await signInAs(page, 'vru.practitioner.ola');
    await expect(page.getByRole('link', { name: 'VRU reports' })).toHaveCount(0);
    expect((await page.goto('/vru/reports/knife-swaps'))?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'You cannot see this page' })).toBeVisible();
    await expectAccessible(page);
    expect((await page.goto('/vru/reports/tag-referrals?format=csv'))?.status()).toBe(403);

    const referral = await newReferral(runTag());
    await signInAs(page, 'partner.police');
    await expect(page.getByRole('link', { name: 'VRU reports' })).toHaveCount(0);
    await visit(page, `/vru/knife-swaps/${referral.id}`);
    await expect(
      page.getByRole('heading', { name: `Knife swap referral ${referral.reference}` }),
    ).toBeVisible();
    await expect(page.getByText('Nothing for you to record on this referral now.')).toBeVisible();
    await expect(page.locator('form[action$="/discussion"]')).toHaveCount(0);

    // The auditor reads the reports (aggregates), and still lands on the audit trail first.
    await signInAs(page, 'auditor.ruth');
    await expect(page).toHaveURL(/\/audit/);
    await expect(page.getByRole('link', { name: 'VRU reports' })).toHaveAttribute('href', '/vru/reports');
    await visit(page, '/vru/reports/tag-referrals');
    await expect(page.getByRole('heading', { name: 'Tag referrals board report' })).toBeVisible();
  });
  test('coordinator on a domestic-abuse referral: the reason first, the safe contact, then a form refused and recorded without asking again', async ({
    page,
  }) => {
    const tag = runTag();
    const da = await apiAs<{ id: string; reference: string }>(
      'partner.police',
      'POST',
      '/api/knife-swaps/referrals',
      {
        reason: 'HIGH_RISK_DOMESTIC_ABUSE',
        daRiskAssessmentRef: `MARAC-UI-${tag}`,
        referringAgency: 'POLICE',
        district: 'medway',
        addressLines: ['2 Test Mews', 'Rochester'],
        postcode: 'ME1 1AA',
        householdMembers: [{ relationship: 'parent', ageBand: '25_PLUS' }],
        householderName: `Householder ${tag}`,
        householderPhone: '07700 900321',
        safeContact: 'SMS',
        partnerCaseRef: `KP-UI-DA-${tag}`,
      },
    );
    await signInAs(page, 'vru.sam');
    await visit(page, `/vru/knife-swaps/${da.id}`);
    await expect(page.getByRole('heading', { name: 'Why are you opening this referral?' })).toBeVisible();
    await page
      .getByLabel('Why are you opening this referral?')
      .fill('Planning the pre-offer visit with the IDVA');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { name: `Knife swap referral ${da.reference}` })).toBeVisible();
    await expect(page.getByText(`Domestic abuse`).first()).toBeVisible();
    // The channel the referrer agreed with the victim as safe, which the API gives the coordinator on this read.
    await expect(
      page.locator('.govuk-summary-list__row', { hasText: 'Channel agreed with the victim as safe' }),
    ).toContainText('Text message only, to 07700 900321');
    const discussion = page.locator('#discussion-form');
    await discussion.getByLabel('Protective factors').fill('IDVA in contact; safety plan in place');
    await discussion.getByLabel("The home's circumstances").fill('Knife block in the kitchen');
    await discussion.getByLabel('The young person').fill('No young person of concern');
    await discussion.getByLabel('Date of the discussion').fill('2020-01-01');
    await discussion.getByLabel('Partly engaged').check();
    // Before the referral: refused by the service against the date, the page shown again without a new reason.
    await discussion.getByRole('button', { name: 'Record discussion' }).click();
    await expect(page.locator('#discussion-heldOn-error')).toContainText('cannot be before the referral');
    await expect(page.locator('#discussion-protectiveFactors')).toHaveValue(
      'IDVA in contact; safety plan in place',
    );
    await expectAccessible(page);
    await page.locator('#discussion-form').getByLabel('Date of the discussion').clear();
    await page
      .locator('#discussion-form')
      .getByLabel('Date of the discussion')
      .fill(new Date().toISOString().slice(0, 10));
    await submitted(page, '#discussion-form', 'Record discussion', 'Discussion recorded');
    await expect(page.locator('.moj-identity-bar')).toContainText('Discussed');
    expect(page.url()).not.toMatch(/reason|IDVA/);
  });

  test('coordinator: a household referred again lists its earlier referral, linked to its page', async ({
    page,
  }) => {
    // An address of this run's own (other runs' referrals share the journey's address), written differently the
    // second time: the API matches the household all the same.
    const tag = runTag();
    const referral = (addressLines: string[], partnerCaseRef: string) =>
      apiAsWhenUp<{ id: string; reference: string }>('partner.police', 'POST', '/api/knife-swaps/referrals', {
        reason: 'WEAPON_CARRYING',
        referringAgency: 'POLICE',
        district: 'medway',
        addressLines,
        postcode: 'ME4 5AB',
        householdMembers: [{ relationship: 'parent', ageBand: '25_PLUS' }],
        householderName: `Householder ${tag}`,
        partnerCaseRef,
      });
    const first = await referral([`${tag} Household Road`, 'Chatham'], `KP-HH1-${tag}`);
    const second = await referral([`${tag.toLowerCase()} household rd`, 'Chatham'], `KP-HH2-${tag}`);
    await signInAs(page, 'vru.sam');
    await visit(page, `/vru/knife-swaps/${second.id}`);
    const others = page.getByRole('table', { name: 'Other referrals of this household' });
    await expect(others.getByRole('row')).toHaveCount(2);
    await expect(others).toContainText('Weapon carrying');
    await expect(others).toContainText('Not swapped');
    await screenshot(page, 'vru-knife-swap-household');
    await others.getByRole('link', { name: first.reference }).click();
    await expect(page.getByRole('heading', { name: `Knife swap referral ${first.reference}` })).toBeVisible();
    await expect(
      page
        .getByRole('table', { name: 'Other referrals of this household' })
        .getByRole('link', { name: second.reference }),
    ).toBeVisible();
    await expectAccessible(page);
  });
});
