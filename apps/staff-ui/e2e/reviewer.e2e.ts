import { expect, test } from '@playwright/test';
import { expectAccessible, runTag, screenshot, signIn, visit } from './support';

const isoDaysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

test.describe('OPCC reviewer', () => {
  test('queues: My work, Team, Unassigned and On hold, sorted on the server with the state in the URL', async ({
    page,
  }) => {
    await signIn(page, 'reviewer.amara');
    for (const queue of ['My work', 'Team', 'Unassigned', 'On hold']) {
      // Followed with visit(), which waits out a 503 while another engineer restarts complaint-reviews.
      const href = await page
        .getByRole('navigation', { name: 'Work queues' })
        .getByRole('link', { name: queue })
        .getAttribute('href');
      expect(await visit(page, href!)).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Reviews: ${queue}`);
    }
    await visit(page, '/reviews?view=team');
    await screenshot(page, 'reviewer-queue-team');
    await page.getByRole('link', { name: 'Reference' }).click();
    await expect(page).toHaveURL(/sort=reference&order=asc/);
    await expect(page.locator('th[aria-sort="ascending"]')).toHaveText('Reference');
    const refs = await page.locator('tbody tr td:first-child').allInnerTexts();
    expect(refs).toEqual([...refs].sort());
    await expectAccessible(page);
  });

  test('intake with field errors from the API, then claim, acknowledge and request information', async ({
    page,
  }) => {
    const tag = runTag();
    await signIn(page, 'reviewer.amara');
    await visit(page, '/reviews/new');
    await page.getByLabel('Date received').fill(isoDaysAgo(0));
    await page.getByLabel('Force complaint reference').fill(`PSD/2026/${tag}`);
    await page.getByLabel('Date the complaint was made (optional)').fill(isoDaysAgo(120));
    await page.getByLabel('Date the outcome was given to the complainant (optional)').fill(isoDaysAgo(10));
    await page
      .getByLabel('Grounds for the review')
      .fill('The force did not look at the CCTV I told them about.');
    await page.getByLabel('Full name').fill(`Test Complainant ${tag}`);
    await page.getByLabel('Email (optional)').fill('not-an-email');
    await page.getByRole('button', { name: 'Record application' }).click();

    // The API's field problem is shown against the field, and everything typed is still there.
    await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
    await expect(page.locator('#complainantEmail-error')).toContainText(/email/i);
    await expect(page.getByLabel('Full name')).toHaveValue(`Test Complainant ${tag}`);
    await expect(page.getByLabel('Grounds for the review')).toHaveValue(/CCTV/);
    await expect(page).toHaveTitle(/^Error: /);
    await expectAccessible(page);
    await screenshot(page, 'reviewer-intake-field-errors');

    await page.getByLabel('Email (optional)').fill(`complainant.${tag.toLowerCase()}@example.org`);
    await page.getByRole('button', { name: 'Record application' }).click();
    await expect(page.getByText(/Application CR-\d{4}-\d+ recorded/)).toBeVisible();
    // No personal data in the URL: the case is addressed by its id.
    expect(page.url()).toMatch(/\/reviews\/[0-9a-f-]{36}$/);
    await expect(page.getByText(`Test Complainant ${tag}`)).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Claim this review' }).click();
    await expect(page.getByText('You have claimed this review')).toBeVisible();
    await expect(page.locator('.moj-identity-bar')).toContainText('Assigned to reviewer.amara');
    await expectAccessible(page);

    // The acknowledgement clock is started by a Kafka consumer: reload until it shows as running.
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole('button', { name: 'Acknowledge' })).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(page.getByText('Acknowledgement recorded and letter requested')).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Request missing information' }).click();
    await expect(page.getByText('Request for information sent')).toBeVisible();
    await expect(page.locator('.moj-timeline')).toContainText(/Information requested/i);
    await expectAccessible(page);
    await screenshot(page, 'reviewer-case-page');
  });
});
