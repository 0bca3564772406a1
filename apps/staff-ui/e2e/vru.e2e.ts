import { expect, test } from '@playwright/test';
import { apiAsWhenUp, expectAccessible, runTag, screenshot, signIn, visit } from './support';

const bornAged = (years: number) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - 40);
  return d.toISOString().slice(0, 10);
};

/**
 * A 16-year-old referred by the youth justice service (partner.yjs), as its own case system would send it. A 503
 * while another engineer restarts a service is waited out (apiAsWhenUp), never slept over.
 */
async function newReferral(tag: string): Promise<{ id: string; reference: string; name: string }> {
  const name = `Remy Test-${tag}`;
  const created = await apiAsWhenUp<{ id: string; reference: string }>(
    'partner.yjs',
    'POST',
    '/api/tag-referrals/referrals',
    {
      subjectName: name,
      dateOfBirth: bornAged(16),
      addressLines: ['3 Test Row', 'Chatham'],
      yotCaseId: `YOT-${tag}`,
      referrerEmail: 'yjs.referrals@example.org',
      agency: 'YOUTH_JUSTICE',
      grounds: 'CRIMINAL_EXPLOITATION_RISK',
      multiAgencyPlanRef: `CIN-PLAN-${tag}`,
      riskLevel: 'HIGH',
      tagType: 'GPS',
      monitoringBasis: 'VOLUNTARY',
      pool: 'VRU',
      summary: 'Missing twice this month; found out of area with older males.',
    },
  );
  return { ...created, name };
}

test.describe('VRU', () => {
  test('coordinator: a new referral found by filter, triaged, consent from the young person and a guardian, then the waiting list', async ({
    page,
  }) => {
    const tag = runTag();
    const referral = await newReferral(tag);
    await signIn(page, 'vru.sam');
    await expect(page.getByRole('heading', { name: 'Tag referrals' })).toBeVisible();
    await expect(
      page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'My tasks' }),
    ).toHaveAttribute('href', '/vru/tasks');

    // The filter and the sort are in the URL, applied on the server.
    await page.getByLabel('Status').selectOption('RECEIVED');
    await page.getByLabel('Risk').selectOption('HIGH');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await expect(page).toHaveURL(/status=RECEIVED/);
    await expect(page).toHaveURL(/risk=HIGH/);
    await page.getByRole('link', { name: 'Reference' }).click();
    await expect(page).toHaveURL(/status=RECEIVED.*sort=reference&order=asc/);
    await expect(page.locator('th[aria-sort="ascending"]')).toHaveText('Reference');
    const refs = await page.locator('tbody tr td:first-child').allInnerTexts();
    expect(refs).toEqual([...refs].sort());
    await expectAccessible(page);

    // Triage: declining without a reason is refused by the page and nothing changes.
    await visit(page, `/vru/tag-referrals/${referral.id}`);
    await expect(page.getByRole('heading', { name: `Tag referral ${referral.reference}` })).toBeVisible();
    await expect(page.getByText(referral.name)).toBeVisible();
    await page.getByLabel('Decline').check();
    await page.getByRole('button', { name: 'Record triage decision' }).click();
    await expect(page.getByRole('alert')).toContainText('Give the reason for declining');
    await expectAccessible(page);
    await page.getByLabel('Accept').check();
    await page.getByRole('button', { name: 'Record triage decision' }).click();
    await expect(page.getByText('Referral accepted: consent is now needed')).toBeVisible();
    await expect(page.locator('.moj-identity-bar')).toContainText('Consent pending');
    await expectAccessible(page);

    // Consent: a missing name comes back with the rest of the input kept.
    const consent = page.locator('#consent');
    await consent.getByLabel('Subject').check();
    await consent.getByLabel('Information sheet version').fill('v2.1');
    await consent.getByRole('button', { name: 'Record consent' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter the name of the person who gave consent');
    await expect(page.locator('#informationVersion')).toHaveValue('v2.1');
    await expectAccessible(page);
    await page.locator('#consent').getByLabel('Name of the person giving consent').fill(referral.name);
    await page.locator('#consent').getByRole('button', { name: 'Record consent' }).click();
    await expect(page.getByText('Consent recorded')).toBeVisible();
    // Under 18: a guardian's consent is needed too (domain.md 3.4.1).
    await page.locator('#consent').getByLabel('Guardian').check();
    await page
      .locator('#consent')
      .getByLabel('Name of the person giving consent')
      .fill(`Parent of ${referral.name}`);
    await page.locator('#consent').getByRole('button', { name: 'Record consent' }).click();
    await expect(page.locator('.moj-identity-bar')).toContainText(/Awaiting device|Allocated/);
    await expect(page.getByRole('table', { name: 'Consents recorded' }).getByRole('row')).toHaveCount(3);
    await expectAccessible(page);
    await screenshot(page, 'vru-tag-referral');

    // The pool view: the VRU pool's tags and, when it is full, this referral on the waiting list.
    await page.getByRole('link', { name: 'Stock' }).click();
    await expect(page.getByRole('heading', { name: 'Tag pools' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Tag pools' })).toContainText('Violence Reduction Unit');
    await expect(page.getByRole('heading', { name: 'Knife kit stores' })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'vru-stock');
  });

  test('partner referrer: only their organisation’s referrals, no triage, no stock page', async ({
    page,
  }) => {
    const referral = await newReferral(runTag());
    await signIn(page, 'partner.yjs');
    await expect(page.getByRole('link', { name: 'Stock' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'My tasks' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: referral.reference })).toBeVisible();
    const organisations = await page.locator('tbody tr td:nth-child(5)').allInnerTexts();
    expect(new Set(organisations)).toEqual(new Set(['Youth justice kent']));
    await page.getByRole('link', { name: referral.reference }).click();
    await expect(page.getByRole('heading', { name: `Tag referral ${referral.reference}` })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Record triage decision' })).toHaveCount(0);
    await expectAccessible(page);
    expect((await page.goto('/vru/stock'))?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'You cannot see this page' })).toBeVisible();
  });

  test('practitioner: a swap with its custody chain; a domestic-abuse referral asks the reason first', async ({
    page,
  }) => {
    await signIn(page, 'vru.practitioner.ola');
    await expect(page.getByRole('link', { name: 'Knife swaps' })).toHaveAttribute('href', '/vru/knife-swaps');
    // Opened with visit(): it waits out a 503 while another engineer restarts knife-swaps on this machine.
    await visit(page, '/vru/knife-swaps');
    await page.getByLabel('Status').selectOption('SWAPPED');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await expect(page).toHaveURL(/status=SWAPPED/);
    await expectAccessible(page);
    const first = page.locator('tbody tr').filter({ hasNotText: 'Domestic abuse' }).first().getByRole('link');
    await first.click();
    await expect(page.getByRole('heading', { name: 'Swap', exact: true })).toBeVisible();
    await expect(page.getByText(/Custody of the surrendered knives: bag/)).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'vru-knife-swap');

    // A domestic-abuse referral of its own (the list holds other runs' referrals): a partner's system sends it.
    const tag = runTag();
    const da = await apiAsWhenUp<{ id: string; reference: string }>(
      'partner.police',
      'POST',
      '/api/knife-swaps/referrals',
      {
        reason: 'HIGH_RISK_DOMESTIC_ABUSE',
        daRiskAssessmentRef: `MARAC-${tag}`,
        referringAgency: 'POLICE',
        district: 'medway',
        addressLines: ['9 Test Terrace', 'Gillingham'],
        postcode: 'ME7 1AA',
        householdMembers: [{ relationship: 'parent', ageBand: '25_PLUS' }],
        householderName: `Householder ${tag}`,
        partnerCaseRef: `KP-E2E-${tag}`,
      },
    );
    const daReference = da.reference;
    await visit(page, `/vru/knife-swaps/${da.id}`);
    await expect(page.getByRole('heading', { name: 'Why are you opening this referral?' })).toBeVisible();
    await expect(page.getByText(/knife swap referral/i).first()).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter why you need this referral');
    await page.getByLabel('Why are you opening this referral?').fill('Preparing the home visit this week');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { name: `Knife swap referral ${daReference}` })).toBeVisible();
    expect(page.url()).not.toContain('reason');
    await expectAccessible(page);
  });
});
