import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectAccessible, runTag, screenshot, signIn, visit } from './support';

test('OPCC manager: workload by reviewer, the report with its chart against national figures, CSV download', async ({
  page,
}) => {
  await signIn(page, 'manager.priya');
  await expect(page.getByRole('link', { name: 'Workload' })).toHaveAttribute('href', '/reviews/workload');
  expect(await visit(page, '/reviews/workload')).toBe(200);
  await expect(page.getByRole('heading', { name: 'Workload by reviewer' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Overdue' })).toBeVisible();
  await screenshot(page, 'manager-workload');

  expect(await visit(page, '/reviews/reports')).toBe(200);
  await expect(
    page.getByRole('heading', { name: 'Days to complete a review, against national figures' }),
  ).toBeVisible();
  await expect(page.locator('.app-chart__row')).toHaveCount(3);
  await expect(page.getByRole('cell', { name: 'National' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'manager-report');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download this report (CSV)' }).click();
  const file = await (await download).path();
  expect(readFileSync(file, 'utf8')).toMatch(/^metric,value\n/);
});

test('CJ Operations supervisor: review queue, caution ledger and the Scrutiny Panel chart', async ({
  page,
}) => {
  await signIn(page, 'cjops.sgt.lena');
  await expect(page.getByRole('heading', { name: 'Community resolutions to review' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'cjops-review-queue');

  await page.getByRole('link', { name: 'Conditional cautions' }).click();
  await expect(page.getByRole('heading', { name: 'Conditional cautions' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'cjops-caution-ledger');

  await page.getByRole('link', { name: 'Scrutiny Panel' }).click();
  await expect(page.getByRole('heading', { name: 'Ethnicity' })).toBeVisible();
  await expect(page.getByRole('table', { name: /Ethnicity: disposals/ })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'cjops-scrutiny-disproportionality');
});

test('CJ Operations officer: no Scrutiny Panel (supervisors only), refused by URL too', async ({ page }) => {
  await signIn(page, 'cjops.dan');
  await expect(page.getByRole('link', { name: 'Scrutiny Panel' })).toHaveCount(0);
  const res = await page.goto('/oocr/scrutiny');
  expect(res?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'You cannot see this page' })).toBeVisible();
  await expectAccessible(page);
});

test('Auditor: the reason is asked first (an emoji refused, a curly apostrophe sent plain), then search by actor', async ({
  page,
}) => {
  const tag = runTag();
  await signIn(page, 'auditor.ruth');
  await expect(page.getByRole('heading', { name: 'Why are you searching the audit trail?' })).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('#reason-error')).toContainText('Enter a reason');
  await expectAccessible(page);
  // A reason travels as a header (Latin-1 only): an emoji is refused against the field, a curly apostrophe made plain.
  const reason = page.getByLabel('Why are you searching the audit trail?');
  await reason.fill(`Staff UI test ${tag}: checking access records 🙂`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('#reason-error')).toContainText('no emoji or symbols');
  await reason.fill(`Staff UI test ${tag}: checking Jo’s access records`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Audit trail' })).toBeVisible();
  // The reason is never in the URL (it may name a person); the filters are.
  expect(page.url()).not.toContain(tag);
  await page.getByLabel('Actor (user name)').fill('auditor.ruth');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/actor=auditor\.ruth/);
  // Each search is itself recorded in the trail with the reason given: the next search shows it.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('cell', { name: new RegExp(tag) }).first()).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole('cell', { name: new RegExp(tag) }).first()).toContainText(
    "checking Jo's access records",
  );
  await expectAccessible(page);
  await screenshot(page, 'auditor-search');
});
