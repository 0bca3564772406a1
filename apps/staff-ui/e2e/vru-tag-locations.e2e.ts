import { expect, Page, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { apiAsWhenUp, expectAccessible, screenshot, signIn, visit } from './support';

/** Written by tools/seed when it sent the demo fixes: a day of fixes up to that moment, for each fitted episode. */
const SEEDED = path.resolve(__dirname, '../../../.local/demo-data-tag-referrals-locations-seeded');

const londonDay = (t: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(t);

/** The two days the demo fixes fall in (the day they were sent and the day before). */
function demoPeriod(): { from: string; to: string } {
  const sent = existsSync(SEEDED) ? new Date(readFileSync(SEEDED, 'utf8').trim()) : new Date();
  return { from: londonDay(new Date(sent.getTime() - 86_400_000)), to: londonDay(sent) };
}

/**
 * A fitted tag episode with demo fixes in the period (the list also holds other runs' episodes, without fixes). The
 * search reads through the API as the manager, with a reason, so it is logged like any read.
 */
async function episodeWithFixes(period: {
  from: string;
  to: string;
}): Promise<{ id: string; reference: string }> {
  const fitted = await apiAsWhenUp<{ id: string; reference: string; receivedAt: string }[]>(
    'vru.manager.rhian',
    'GET',
    '/api/tag-referrals/referrals?status=FITTED&limit=200',
  );
  // Oldest first: the demo episodes were received before any test run's.
  fitted.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  for (const r of fitted.slice(0, 20)) {
    const fixes = await apiAsWhenUp<{ points: unknown[] }>(
      'vru.manager.rhian',
      'GET',
      `/api/tag-referrals/referrals/${r.id}/locations?from=${period.from}&to=${period.to}`,
      undefined,
      { 'x-access-reason': 'Staff UI end-to-end test: finding a demo episode with location fixes' },
    );
    if (fixes.points.length) return r;
  }
  throw new Error(
    `no fitted episode has location fixes from ${period.from} to ${period.to}: seed the demo data (tools/seed)`,
  );
}

/** From the referral page to the location data, through the reason and the period. */
async function openLocations(
  page: Page,
  referral: { id: string; reference: string },
  period: { from: string; to: string },
) {
  await visit(page, `/vru/tag-referrals/${referral.id}`);
  await page.getByRole('link', { name: 'Location data' }).click();
  await expect(page.getByRole('heading', { name: 'Location data' })).toBeVisible();
  await expectAccessible(page);
  // No reason: refused against its field, nothing shown.
  await page.getByLabel('First day').fill(period.from);
  await page.getByLabel('Last day').fill(period.to);
  await page.getByRole('button', { name: 'Show location data' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter why you need the location data');
  await expect(page.getByLabel('First day')).toHaveValue(period.from);
  await expectAccessible(page);
  await page
    .getByLabel('Why do you need the location data?')
    .fill('Reviewing the previous day’s data for the plan');
  await page.getByRole('button', { name: 'Show location data' }).click();
  await page.waitForURL(/\/locations\?from=/);
  // A 503 while another engineer restarts the gateway: the reason is kept, so the page is opened again (bounded).
  if (await page.getByRole('heading', { name: 'Sorry, there is a problem with the service' }).count())
    await visit(page, page.url());
  await expect(page.getByText(`Tag referral ${referral.reference}`)).toBeVisible();
  const table = page.getByRole('table', { name: 'Location fixes' });
  await expect(table).toBeVisible();
  expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
  // The reason is in the session, never in the URL.
  expect(page.url()).not.toContain('Reviewing');
  expect(page.url()).toContain(`from=${period.from}`);
  await expectAccessible(page);
}

test.describe('VRU tag location data', () => {
  test('manager: reason and period first, the fixes in a table, a period too long refused, a CSV to a named recipient', async ({
    page,
  }) => {
    const period = demoPeriod();
    const referral = await episodeWithFixes(period);
    await signIn(page, 'vru.manager.rhian');
    await openLocations(page, referral, period);
    await screenshot(page, 'vru-tag-locations');

    // More than 7 days: refused by the page against the first day.
    await page.getByLabel('First day').fill('2026-01-01');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('Choose at most 7 days of location data');
    await expect(page.getByRole('table', { name: 'Location fixes' })).toHaveCount(0);
    await expectAccessible(page);
    await page.getByLabel('First day').fill(period.from);
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect(page.getByRole('table', { name: 'Location fixes' })).toBeVisible();

    // The export names who receives it.
    await page.getByRole('button', { name: 'Download CSV' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter who receives the export');
    await expectAccessible(page);
    await page.getByLabel('Who receives the export?').fill('Kent Police disclosure unit (e2e test)');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`tag-locations-${period.from}-to-${period.to}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toBe('reference,recorded_at,latitude,longitude,accuracy_metres,source');
    expect(csv).toContain(`${referral.reference},`);

    // The same export as the browser sends it: an attachment, text/csv, never stored.
    const form = page.locator('form[action$="/locations/export"]');
    const res = await page.request.post(`/vru/tag-referrals/${referral.id}/locations/export`, {
      form: {
        _csrf: (await form.locator('input[name="_csrf"]').inputValue())!,
        from: period.from,
        to: period.to,
        recipient: 'Kent Police disclosure unit (e2e test)',
      },
    });
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/csv');
    expect(res.headers()['content-disposition']).toMatch(
      /^attachment; filename="tag-locations-[0-9-]+-to-[0-9-]+\.csv"$/,
    );
    expect(res.headers()['cache-control']).toBe('no-store');
  });

  test('practitioner: the fixes after a reason, no export', async ({ page }) => {
    const period = demoPeriod();
    const referral = await episodeWithFixes(period);
    await signIn(page, 'vru.practitioner.ola');
    await openLocations(page, referral, period);
    await expect(page.getByRole('heading', { name: 'Export as CSV' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Download CSV' })).toHaveCount(0);
  });

  test('coordinator: no link on the referral page, and 403 by URL', async ({ page }) => {
    const referral = await episodeWithFixes(demoPeriod());
    await signIn(page, 'vru.sam');
    await visit(page, `/vru/tag-referrals/${referral.id}`);
    await expect(page.getByRole('heading', { name: `Tag referral ${referral.reference}` })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Location data' })).toHaveCount(0);
    expect(await visit(page, `/vru/tag-referrals/${referral.id}/locations`)).toBe(403);
    await expect(page.getByRole('heading', { name: 'You cannot see this page' })).toBeVisible();
  });
});
