import { expect, Page, test } from '@playwright/test';
import { completeSignIn, expectAccessible, screenshot, visit } from './support';

/** These journeys are the OIDC sign-in (SIGN_IN_MODE=oidc, the local run's mode); skipped in local mode. */
async function requireOidc(page: Page): Promise<void> {
  await visit(page, '/sign-in');
  test.skip((await page.getByLabel('Username').count()) > 0, 'the staff UI runs with SIGN_IN_MODE=local');
}

test('OIDC sign-in: through the identity provider and back to the page asked for; sign-out ends both sessions', async ({
  page,
}) => {
  await requireOidc(page);
  await page.goto('/reviews?view=team');
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:3000\/auth\/authorize\?.*code_challenge_method=S256/);
  const authorize = new URL(page.url());
  expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(authorize.searchParams.get('state')).toBeTruthy();
  expect(authorize.searchParams.get('nonce')).toBeTruthy();
  await expectAccessible(page);
  await screenshot(page, 'sign-in-identity-provider');
  await completeSignIn(page, 'reviewer.amara');
  await expect(page).toHaveURL(/\/reviews\?view=team$/);
  await expect(page.getByText('Signed in as Amara Okafor')).toBeVisible();

  // Sign-out: the session ends here, then at the provider (RP-initiated logout), then back to sign-in.
  const providerLogout = page.waitForRequest(/^http:\/\/127\.0\.0\.1:3000\/auth\/logout\?.*id_token_hint=/);
  await page.getByRole('button', { name: /Sign out/ }).click();
  await providerLogout;
  await expect(page).toHaveURL(/\/signed-out$/);
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await expectAccessible(page);
  await page.goto('/reviews?view=team');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('OIDC sign-in: a code used twice, and a state this browser was not sent with, are refused', async ({
  page,
}) => {
  await requireOidc(page);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/auth\/authorize\?/);
  const callback = page.waitForRequest(/\/auth\/callback\?code=/);
  await completeSignIn(page, 'cjops.dan');
  const callbackUrl = (await callback).url();
  await expect(page.getByText('Signed in as Dan Mercer')).toBeVisible();

  // The same redirect again (a replayed code): this browser has no sign-in under way, and the code is spent.
  const replay = await page.goto(callbackUrl);
  expect(replay?.status()).toBe(400);
  await expect(page.getByText('Your sign-in could not be completed')).toBeVisible();
  await expectAccessible(page);

  // A sign-in under way, and a callback carrying another state: refused, nobody signed in.
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/auth\/authorize\?/);
  const forged = new URL(callbackUrl);
  forged.searchParams.set('state', 'not-the-state-this-browser-was-sent-with');
  expect((await page.goto(forged.toString()))?.status()).toBe(400);
  await expect(page.getByText('Your sign-in could not be completed')).toBeVisible();
});
