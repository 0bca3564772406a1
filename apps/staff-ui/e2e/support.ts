import AxeBuilder from '@axe-core/playwright';
import { expect, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
export const SCREENSHOTS = path.join(ROOT, '.local/test-results/screenshots');

/** The demo password (generated per machine into .local/secrets.env by the local run). */
export function demoPassword(): string {
  if (process.env.DEMO_USER_PASSWORD) return process.env.DEMO_USER_PASSWORD;
  const line = readFileSync(path.join(ROOT, '.local/secrets.env'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('DEMO_USER_PASSWORD='));
  if (!line) throw new Error('DEMO_USER_PASSWORD not found in .local/secrets.env');
  return line.slice('DEMO_USER_PASSWORD='.length).trim();
}

/** WCAG 2.2 AA as axe knows it; any violation fails the test, listed by rule and element. */
export async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const found = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(found, `accessibility violations on ${page.url()}`).toEqual([]);
}

/**
 * Opens a page and checks it with axe. A 503 ("service unavailable" page: another engineer restarting a
 * service on this shared machine) is retried for up to a minute; any other status is returned as is.
 */
export async function visit(page: Page, url: string): Promise<number> {
  let status = 0;
  await expect(async () => {
    status = (await page.goto(url))?.status() ?? 0;
    expect(status).not.toBe(503);
  }).toPass({ timeout: 60_000 });
  await expectAccessible(page);
  return status;
}

/**
 * Sends whichever sign-in form is showing. With SIGN_IN_MODE=oidc (the local run) the staff UI's sign-in
 * page has only a "Sign in" button, which goes to the identity provider (locally the gateway's demo page at
 * /auth/authorize, checked with axe too); with SIGN_IN_MODE=local the staff UI shows the form itself.
 * Leaves the page wherever the provider and the staff UI send it (a signed-in page, or the form again).
 */
export async function completeSignIn(page: Page, username: string, password = demoPassword()): Promise<void> {
  const username_ = page.getByLabel('Username');
  if ((await username_.count()) === 0) {
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/auth\/authorize\?/);
    await expectAccessible(page);
  }
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Signs in from the sign-in page (either mode, see completeSignIn). Other engineers restart the gateway
 * while these tests run: a "service unavailable" answer is retried until the sign-in succeeds (bounded),
 * never slept over.
 */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/sign-in');
  await expectAccessible(page);
  await expect(async () => {
    await page.goto('/sign-in');
    await completeSignIn(page, username);
    await expect(page.getByText('Signed in as')).toBeVisible({ timeout: 5000 });
  }).toPass({ timeout: 60_000 });
  await expectAccessible(page);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Unique per run, so tests never depend on an empty database. */
export function runTag(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`.toUpperCase();
}

const GATEWAY = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';

/**
 * Calls the gateway's API as a demo user, for test set-up that another role does outside the UI (a partner
 * organisation's own system sending a referral). Fails the test on any error answer.
 */
export async function apiAs<T = Record<string, unknown>>(
  username: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const auth = await fetch(`${GATEWAY}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword() }),
  });
  expect(auth.status, `sign-in of ${username}`).toBe(200);
  const { access_token } = (await auth.json()) as { access_token: string };
  const res = await fetch(`${GATEWAY}${path}`, {
    method,
    headers: { ...headers, authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * apiAs for test set-up, waiting out a 503 (another engineer restarting a service on this shared machine): retried
 * for up to 90 s, never slept over. Any other error answer fails the test as apiAs does.
 */
export async function apiAsWhenUp<T = Record<string, unknown>>(
  username: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let out: T | undefined;
  await expect(async () => {
    out = await apiAs<T>(username, method, path, body, headers);
  }).toPass({ timeout: 90_000, intervals: [2_000, 5_000] });
  return out as T;
}
