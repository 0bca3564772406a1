import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { completeSignIn, expectAccessible, screenshot, signIn, visit } from './support';

test('session expired: back to sign-in with a message, then to the page the user was on', async ({
  page,
  context,
}) => {
  await signIn(page, 'reviewer.amara');
  await context.clearCookies();
  // A cookie the server no longer has a session for: what an expired or ended session looks like.
  await context.addCookies([
    { name: 'staff_ui_session', value: 's%3Agone.invalid', domain: '127.0.0.1', path: '/', httpOnly: true },
  ]);
  await page.goto('/reviews?view=unassigned');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByText('Your session has ended. Sign in again to continue.')).toBeVisible();
  await expectAccessible(page);
  await completeSignIn(page, 'reviewer.amara');
  await expect(page).toHaveURL(/\/reviews\?view=unassigned$/);
  await expect(page.getByRole('heading', { name: 'Reviews: Unassigned' })).toBeVisible();
});

test('wrong password: the form comes back with the username kept and an error against it', async ({
  page,
}) => {
  await visit(page, '/sign-in');
  await completeSignIn(page, 'reviewer.amara', 'not-the-password');
  await expect(page.locator('#username-error')).toContainText('Enter a correct username and password');
  await expect(page.getByLabel('Username')).toHaveValue('reviewer.amara');
  await expect(page.getByLabel('Password')).toHaveValue('');
  await expectAccessible(page);
});

test("403: another role's pages by URL, and a record that does not exist, look the same", async ({
  page,
}) => {
  await signIn(page, 'reviewer.amara');
  for (const url of [
    '/audit',
    '/oocr/cautions',
    '/oocr/reviews',
    '/reviews/workload',
    `/reviews/${randomUUID()}`,
  ]) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(403);
    await expect(page.getByRole('heading', { name: 'You cannot see this page' })).toBeVisible();
  }
  await expectAccessible(page);
  await screenshot(page, 'error-forbidden');

  await signIn(page, 'cjops.dan');
  for (const url of ['/reviews', '/reviews/reports', '/audit']) {
    expect((await page.goto(url))?.status(), url).toBe(403);
  }
});

test('security headers: HttpOnly cookie, CSP with a nonce, no-store on personal data', async ({
  page,
  context,
}) => {
  await signIn(page, 'reviewer.amara');
  expect(await page.evaluate(() => document.cookie)).toBe('');
  const cookie = (await context.cookies()).find((c) => c.name === 'staff_ui_session');
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Lax');

  const res = await page.goto('/reviews?view=team');
  const headers = res!.headers();
  expect(headers['cache-control']).toBe('no-store');
  const csp = headers['content-security-policy'];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  // The nonce changes on every response.
  const again = (await page.goto('/reviews?view=team'))!.headers()['content-security-policy'];
  expect(again).not.toBe(csp);
});

test('CSRF: a form post without the token is refused and changes nothing', async ({ page }) => {
  await signIn(page, 'reviewer.amara');
  const res = await page.request.post('/reviews/new', {
    form: { receivedOn: '2026-12-01', grounds: 'x', complainantName: 'Should Not Exist' },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  expect(await res.text()).toContain('This form could not be sent');
  const wrong = await page.request.post('/reviews/new', { form: { _csrf: 'forged' }, maxRedirects: 0 });
  expect(wrong.status()).toBe(403);
});
