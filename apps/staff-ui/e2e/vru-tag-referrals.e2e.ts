import { expect, Page, test } from '@playwright/test';
import { apiAs, apiAsWhenUp, expectAccessible, runTag, screenshot, signIn, visit } from './support';

const bornAged = (years: number) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - 40);
  return d.toISOString().slice(0, 10);
};

/**
 * Set-up through the API as a demo user. Other engineers restart tag-referrals on this shared machine: the
 * gateway's 503 meanwhile is waited out (bounded), never slept over.
 */
const api = apiAsWhenUp;

/**
 * By default a 22-year-old high-harm offender who wants help, referred by the police to the IOM pool (domain.md
 * 3.4.1: the VRU pool is for the younger band), as the force's own system would send it. Each run makes its own.
 */
async function newReferral(
  tag: string,
  o = { by: 'partner.police', age: 22, agency: 'POLICE', grounds: 'HIGH_HARM_OFFENDER', pool: 'IOM' },
): Promise<{ id: string; reference: string; name: string }> {
  const name = `Jordan Test-${tag}`;
  const created = await api<{ id: string; reference: string }>(o.by, 'POST', '/api/tag-referrals/referrals', {
    subjectName: name,
    dateOfBirth: bornAged(o.age),
    addressLines: ['12 Test Street', 'Gillingham'],
    referrerEmail: 'referrals@example.org',
    agency: o.agency,
    grounds: o.grounds,
    multiAgencyPlanRef: `PLAN-${tag}`,
    riskLevel: 'MEDIUM',
    tagType: 'GPS',
    monitoringBasis: 'VOLUNTARY',
    pool: o.pool,
    summary: 'Asked for the tag to keep away from the group he offended with.',
  });
  return { ...created, name };
}

/**
 * The pool this run can take a tag from. Both pools are shared with other engineers' runs on this machine; when
 * neither has a tag free the journey cannot be shown, and the test says why before creating anything.
 */
async function poolWithFreeTag(): Promise<'IOM' | 'VRU'> {
  const { pools } = await api<{ pools: { code: string; capacity: number; inUse: number; free: number }[] }>(
    'vru.sam',
    'GET',
    '/api/tag-referrals/pools',
  );
  const free = pools.find((p) => (p.code === 'IOM' || p.code === 'VRU') && p.free > 0);
  const state = pools
    .filter((p) => p.code === 'IOM' || p.code === 'VRU')
    .map((p) => `${p.code} ${p.inUse} of ${p.capacity} in use`);
  expect(free, `a pool with a tag free for this journey (${state.join(', ')})`).toBeDefined();
  return free!.code as 'IOM' | 'VRU';
}

/** The young person's signed consent, and a guardian's too when asked (under 18: domain.md 3.4.1), through the API. */
async function recordConsents(referralId: string, name: string, guardian: boolean) {
  const parties = guardian
    ? [
        ['SUBJECT', name],
        ['GUARDIAN', `Parent of ${name}`],
      ]
    : [['SUBJECT', name]];
  for (const [party, givenBy] of parties)
    await api('vru.sam', 'POST', `/api/tag-referrals/referrals/${referralId}/consents`, {
      party,
      givenBy,
      method: 'SIGNED_FORM',
      informationVersion: 'v2.1',
      givenOn: new Date().toISOString().slice(0, 10),
    });
}

/**
 * A referral accepted and consented through the API (the triage and consent pages have their own test in
 * vru.e2e.ts): an adult for the IOM pool (only their own consent), or a 16-year-old for the VRU pool (a guardian's
 * consent too: domain.md 3.4.1), whichever pool has a tag free.
 */
async function readyForAllocation(tag: string) {
  const pool = await poolWithFreeTag();
  const referral =
    pool === 'IOM'
      ? await newReferral(tag)
      : await newReferral(tag, {
          by: 'partner.yjs',
          age: 16,
          agency: 'YOUTH_JUSTICE',
          grounds: 'CRIMINAL_EXPLOITATION_RISK',
          pool: 'VRU',
        });
  await api('vru.sam', 'POST', `/api/tag-referrals/referrals/${referral.id}/triage`, { decision: 'ACCEPT' });
  await recordConsents(referral.id, referral.name, pool !== 'IOM');
  // The fitting uses two locking plates and a strap (vru-notes 3.2): this run brings its own, so the shared
  // stock is not run down by repeated runs.
  await api('vru.sam', 'POST', '/api/tag-referrals/consumables', { kind: 'LOCKING_PLATE', change: 2 });
  await api('vru.sam', 'POST', '/api/tag-referrals/consumables', { kind: 'STRAP', size: 'M', change: 1 });
  return { ...referral, pool };
}

/**
 * After a failed run, gives back what its referral holds, so repeated failures do not drain the shared pools:
 * an allocated tag is released by withdrawing, a fitted one removed and inspected back into stock. Best effort.
 */
async function release(id: string) {
  const today = new Date().toISOString().slice(0, 10);
  const quietly = (user: string, path: string, body: unknown) =>
    apiAs(user, 'POST', path, body).catch(() => undefined);
  const r = await apiAs<{ status: string; tagSerial?: string }>(
    'vru.sam',
    'GET',
    `/api/tag-referrals/referrals/${id}`,
  ).catch(() => undefined);
  if (!r) return;
  if (['RECEIVED', 'CONSENT_PENDING', 'AWAITING_DEVICE', 'ALLOCATED'].includes(r.status))
    await quietly('vru.sam', `/api/tag-referrals/referrals/${id}/withdrawal`, {
      withdrawnBy: 'SUBJECT',
      reason: 'Test referral of a failed e2e run: released',
    });
  if (['FITTED', 'REMOVAL_DUE'].includes(r.status))
    await quietly('vru.practitioner.ola', `/api/tag-referrals/referrals/${id}/removal`, {
      removedOn: today,
      reason: 'PLANNED_END',
    });
  if (['FITTED', 'REMOVAL_DUE', 'REMOVED'].includes(r.status) && r.tagSerial)
    await quietly('vru.sam', `/api/tag-referrals/tags/${r.tagSerial}/inspection`, { outcome: 'IN_STOCK' });
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: /Sign out/ }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

test.describe('VRU tag episode forms', () => {
  let made: string | undefined;
  // eslint-disable-next-line no-empty-pattern -- Playwright needs the fixtures argument as a pattern
  test.afterEach(async ({}, info) => {
    if (made && info.status !== info.expectedStatus) await release(made);
    made = undefined;
  });

  test('allocate → fit → extend (a missing reason shown against its field) → remove → inspect, outcomes and tasks', async ({
    page,
  }) => {
    const tag = runTag();
    const referral = await readyForAllocation(tag);
    made = referral.id;
    const referralPage = `/vru/tag-referrals/${referral.id}`;

    // Coordinator: the pool's free tags, then allocation; no fitting form for this role.
    await signIn(page, 'vru.sam');
    await visit(page, referralPage);
    await expect(page.locator('.moj-identity-bar')).toContainText('Awaiting device');
    await expect(page.getByRole('heading', { name: 'Waiting for a tag' })).toBeVisible();
    await expect(page.getByText(new RegExp(`tags free in the ${referral.pool} pool`))).toBeVisible();
    await page.getByRole('button', { name: 'Allocate tag' }).click();
    const allocated = page.getByText(
      new RegExp(`Tag (\\S+) allocated from the ${referral.pool} pool: it can now be fitted`),
    );
    await expect(allocated).toBeVisible();
    const serial = /Tag (\S+) allocated/.exec(await allocated.innerText())![1];
    await expect(page.locator('.moj-identity-bar')).toContainText('Allocated');
    await expect(page.locator('form#fit')).toHaveCount(0);
    await expectAccessible(page);
    // What the page hides is also refused if posted anyway, with a valid CSRF token: the fitting is not the
    // coordinator's (gateway route table), so the page refuses it before calling the API, and nothing changes.
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const refused = await page.request.post(`${referralPage}/fit`, {
      form: { _csrf: csrf, serial, fittedOn: '2026-01-01', fittedWhere: 'x', strapSize: 'M' },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('You cannot see this page');
    await visit(page, referralPage);
    await expect(page.locator('.moj-identity-bar')).toContainText('Allocated');
    await signOut(page);

    // Practitioner: fitting, with the allocated serial read from the device.
    await signIn(page, 'vru.practitioner.ola');
    await visit(page, referralPage);
    await expect(page.locator('form#allocate')).toHaveCount(0);
    const fit = page.locator('form#fit');
    await fit.getByLabel('Serial on the tag fitted').fill('WRONG-0000');
    await fit.getByLabel('Where it was fitted').fill('Medway office');
    await fit.getByLabel('Strap size').selectOption('M');
    await fit.getByRole('button', { name: 'Record fitting' }).click();
    await expect(page.getByRole('alert')).toContainText(`it must be the allocated tag ${serial}`);
    await expect(page.locator('#fit-serial-error')).toBeVisible();
    await expect(page.locator('#fit-fittedWhere')).toHaveValue('Medway office');
    await expectAccessible(page);
    await page.locator('#fit-serial').fill(serial);
    await page.locator('form#fit').getByRole('button', { name: 'Record fitting' }).click();
    await expect(
      page.getByText(/Tag fitted: planned end \d{1,2} [A-Z][a-z]{2} \d{4} \(42 days\)/),
    ).toBeVisible();
    await expect(page.locator('.moj-identity-bar')).toContainText('Fitted');

    // Extension to 8 weeks: without a reason the API's rule is shown against the reason, the days kept.
    const extend = page.locator('form#extend');
    await extend.getByLabel('New planned length in days from the fit').fill('56');
    await extend.getByRole('button', { name: 'Extend episode' }).click();
    await expect(page.getByRole('alert')).toContainText('give a reason for more than 42 days');
    await expect(page.locator('#extend-reason-error')).toContainText('give a reason for more than 42 days');
    await expect(page.locator('#extend-days')).toHaveValue('56');
    await expect(page.locator('#extend-managerReason')).toHaveCount(0); // past 8 weeks is a manager's call
    await expectAccessible(page);
    await page.locator('#extend-reason').fill('Exams in week 7: keep the routine until they are over');
    await page.locator('form#extend').getByRole('button', { name: 'Extend episode' }).click();
    await expect(page.getByText(/Episode extended to 56 days: planned end/)).toBeVisible();
    await expect(page.getByText('(56 days)')).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'vru-tag-episode');

    // Removal at the planned end (closed list), then the returned tag inspected back into stock.
    const remove = page.locator('form#remove');
    await remove.getByLabel('Planned end').check();
    await remove.getByRole('button', { name: 'Record removal' }).click();
    await expect(page.getByText(/Removal recorded \(planned end\)/)).toBeVisible();
    await expect(page.locator('.moj-identity-bar')).toContainText('Removed');
    const inspect = page.locator('form#inspect');
    await inspect.getByLabel('Back in stock (new locking plates fitted)').check();
    await inspect.getByRole('button', { name: 'Record inspection' }).click();
    await expect(page.getByText(new RegExp(`Tag ${serial} is back in stock`))).toBeVisible();
    await expectAccessible(page);

    // The removal opened the closure outcomes task; recording the outcomes closes it.
    const tasks = page.getByRole('table', { name: 'Open tasks for this referral' });
    await expect(tasks).toContainText('Outcome at closure');
    await page.locator('summary', { hasText: 'Record outcomes' }).click();
    const outcome = page.locator('form#outcome');
    await outcome.getByLabel('Outcomes at').selectOption('CLOSURE');
    await outcome.getByLabel('Number of suspected offences').fill('0');
    await outcome.getByLabel('Number of violent offences').fill('0');
    await outcome.getByLabel('Number of days missing from home').fill('0');
    for (const [question, answer] of [
      ['Re-engaged with services?', 'Yes'],
      ['In education or training?', 'No'],
      ['Connected with family?', 'Yes'],
    ])
      await outcome.getByRole('group', { name: question }).getByLabel(answer, { exact: true }).check();
    await outcome.getByRole('button', { name: 'Record outcomes' }).click();
    await expect(page.getByText('Outcomes recorded (at closure)')).toBeVisible();
    await expect(page.getByRole('cell', { name: /Outcome at closure:/ })).toHaveCount(0);
    await expectAccessible(page);

    // My tasks: the list is the practitioner's, filtered in the query string.
    // In the top navigation, for the VRU roles.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'My tasks' }).click();
    await expect(page.getByRole('heading', { name: 'My tasks' })).toBeVisible();
    await page.getByLabel('State').selectOption('done');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await expect(page).toHaveURL(/state=done/);
    await expectAccessible(page);
  });

  test('coordinator: a referral waiting for a VRU tag shows its place on the waiting list; consent withdrawn ends it', async ({
    page,
  }) => {
    // A 15-year-old for the VRU pool (8 tags, usually all out): consent of the young person and a guardian.
    const tag = runTag();
    const name = `Kai Test-${tag}`;
    const referral = await api<{ id: string; reference: string }>(
      'partner.yjs',
      'POST',
      '/api/tag-referrals/referrals',
      {
        subjectName: name,
        dateOfBirth: bornAged(15),
        addressLines: ['4 Test Close', 'Rochester'],
        yotCaseId: `YOT-${tag}`,
        referrerEmail: 'yjs.referrals@example.org',
        agency: 'YOUTH_JUSTICE',
        grounds: 'CRIMINAL_EXPLOITATION_RISK',
        multiAgencyPlanRef: `CIN-PLAN-${tag}`,
        riskLevel: 'LOW',
        tagType: 'GPS',
        monitoringBasis: 'VOLUNTARY',
        pool: 'VRU',
        summary: 'Seen with older males out of area; wants a reason to say no.',
      },
    );
    made = referral.id;
    await api('vru.sam', 'POST', `/api/tag-referrals/referrals/${referral.id}/triage`, {
      decision: 'ACCEPT',
    });
    await recordConsents(referral.id, name, true);

    await signIn(page, 'vru.sam');
    await visit(page, `/vru/tag-referrals/${referral.id}`);
    await expect(page.locator('.moj-identity-bar')).toContainText('Awaiting device');
    // Its place on the list (risk, then date) is shown whether or not the pool has a tag free; the allocation
    // form only when it has.
    const placeText = page.getByText(/This referral is number \d+ of \d+/);
    await expect(placeText).toBeVisible();
    const [, at, of] = /number (\d+) of (\d+)/.exec(await placeText.innerText())!.map(Number);
    const list = await api<{ id: string }[]>('vru.sam', 'GET', '/api/tag-referrals/waiting-list?pool=VRU');
    expect(list.map((w) => w.id)).toContain(referral.id);
    expect(at).toBeGreaterThanOrEqual(1);
    expect(at).toBeLessThanOrEqual(of);
    const waiting = await api<{ pools: { code: string; free: number }[] }>(
      'vru.sam',
      'GET',
      '/api/tag-referrals/pools',
    );
    if (waiting.pools.find((p) => p.code === 'VRU')!.free <= 0) {
      await expect(page.getByText(/The VRU pool is full: \d+ of \d+ tags in use/)).toBeVisible();
      await expect(page.locator('form#allocate')).toHaveCount(0);
    } else await expect(page.locator('form#allocate')).toHaveCount(1);
    await expectAccessible(page);
    await screenshot(page, 'vru-tag-waiting');

    // The young person withdraws consent: who, and the reason, are asked; the referral ends.
    await page.locator('summary', { hasText: 'Record a withdrawal of consent' }).click();
    await page.getByRole('button', { name: 'Record withdrawal' }).click();
    await expect(page.locator('#withdraw-withdrawnBy-error')).toContainText('Choose who withdrew');
    await expect(page.locator('#withdraw-reason-error')).toContainText('Give the reason for the withdrawal');
    await expectAccessible(page);
    await page.getByLabel('The young person').check();
    await page.locator('#withdraw-reason').fill('Does not want to wait any longer');
    await page.getByRole('button', { name: 'Record withdrawal' }).click();
    await expect(page.getByText('Withdrawal recorded: the referral is closed')).toBeVisible();
    await expect(page.locator('.moj-identity-bar')).toContainText('Withdrawn');
    await expect(page.getByRole('table', { name: 'Consents recorded' })).toContainText('Withdrawn');
    await expectAccessible(page);
  });

  test('partner referrer: no episode forms and no task list; withdraws its own referral', async ({
    page,
  }) => {
    const referral = await newReferral(runTag());
    await signIn(page, 'partner.police');
    await visit(page, `/vru/tag-referrals/${referral.id}`);
    await expect(page.getByRole('heading', { name: `Tag referral ${referral.reference}` })).toBeVisible();
    for (const form of ['triage', 'allocate', 'fit', 'extend', 'remove', 'inspect', 'outcome'])
      await expect(page.locator(`form#${form}`)).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Open tasks' })).toHaveCount(0);
    await page.locator('summary', { hasText: 'Withdraw this referral' }).click();
    await page.getByRole('button', { name: 'Record withdrawal' }).click();
    await expect(page.getByRole('alert')).toContainText('Give the reason for the withdrawal');
    await expectAccessible(page);
    await page.locator('#withdraw-reason').fill('Engaging with the IOM team without a tag');
    await page.getByRole('button', { name: 'Record withdrawal' }).click();
    await expect(page.getByText('Withdrawal recorded: the referral is closed')).toBeVisible();
    await expect(page.locator('.moj-identity-bar')).toContainText('Withdrawn');
    await expectAccessible(page);
    expect((await page.goto('/vru/tasks'))?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'You cannot see this page' })).toBeVisible();
  });
});
