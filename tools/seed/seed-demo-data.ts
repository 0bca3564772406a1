// Demo data for a local run (every service: tag referrals, knife swaps, out-of-court resolutions and, below,
// invented complainants and review applications), entered through the
// public API as the demo reviewers would (so events, clocks and audit entries are real too).
// Idempotent: a marker in .local/ (which also holds the databases) records that seeding happened.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedKnifeSwaps } from './knife-swaps.seed';
import { seedOocr } from './oocr.seed';
import { seedTagReferrals } from './tag-referrals.seed';

const GATEWAY = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
const secrets = Object.fromEntries(
  readFileSync(join(__dirname, '../../.local/secrets.env'), 'utf8')
    .split('\n')
    .filter((l) => l.includes('='))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
);

const PEOPLE = [
  ['Marguerite Ashdown', 'EMAIL'],
  ['Tobias Venn', 'POST'],
  ['Rukhsana Malik', 'PHONE'],
  ['Callum Iredale', 'EMAIL'],
  ['Beatrix Holloway', 'EMAIL'],
  ['Femi Adebayo', 'POST'],
  ['Agnieszka Nowak', 'EMAIL'],
  ['Declan Farrow', 'PHONE'],
  ['Ishaan Sethi', 'EMAIL'],
  ['Winifred Castell', 'POST'],
  ['Lorcan Tate', 'EMAIL'],
  ['Perpetua Oyelaran', 'EMAIL'],
] as const;
const CHANNELS = ['POST', 'EMAIL', 'PHONE', 'WEB_FORM'];
const HANDLING = ['INVESTIGATED', 'OTHERWISE_THAN_BY_INVESTIGATION'];
const GROUNDS = [
  'The force did not speak to the witness I named.',
  'The outcome letter does not explain why my complaint about the stop and search was not upheld.',
  'I was not told the outcome until weeks after the decision.',
  'The officer’s account was accepted without looking at the body-worn video.',
];

const day = (offset: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() - offset * 86_400_000),
  );

async function token(username: string): Promise<string> {
  const r = await fetch(`${GATEWAY}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: secrets.DEMO_USER_PASSWORD }),
  });
  if (!r.ok) throw new Error(`demo login failed for ${username}: ${r.status}`);
  return ((await r.json()) as { access_token: string }).access_token;
}

const MARKER = join(__dirname, '../../.local/demo-data-seeded');

async function main() {
  // Each service's seed is idempotent on its own (its own marker in .local/).
  // Knife swaps last: two demo swaps link to an OoCR disposal and a tag referral seeded before them.
  await seedTagReferrals(GATEWAY, token);
  await seedOocr(GATEWAY, token);
  await seedKnifeSwaps(GATEWAY, token);
  if (existsSync(MARKER)) {
    console.log('[oversight] demo data already present');
    return;
  }
  const reviewers = [await token('reviewer.amara'), await token('reviewer.tom')];
  for (let i = 0; i < PEOPLE.length; i++) {
    const [fullName, pref] = PEOPLE[i];
    const email =
      pref === 'EMAIL' ? `${fullName.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org` : undefined;
    const received = 1 + ((i * 3) % 20);
    const body = {
      channel: CHANNELS[i % CHANNELS.length],
      receivedOn: day(received),
      forceComplaintReference: `PSD/2026/${String(3100 + i * 17).padStart(5, '0')}`,
      complaintDate: day(received + 120),
      handling: HANDLING[i % 2],
      outcomeInformationProvidedOn: day(received + 5 + (i % 4) * 9),
      grounds: GROUNDS[i % GROUNDS.length],
      restricted: i % 5 === 0,
      complainant: {
        fullName,
        contactPreference: pref,
        ...(email ? { email } : {}),
        ...(pref === 'PHONE' ? { phone: `07700 900${String(100 + i)}` } : {}),
        ...(pref === 'POST' ? { postalAddress: `${10 + i} Orchard Row, Maidstone ME14 ${i}AB` } : {}),
      },
    };
    const r = await fetch(`${GATEWAY}/api/complaint-reviews/applications`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${reviewers[i % 2]}`,
        'content-type': 'application/json',
        'x-correlation-id': `seed-${i}`,
      },
      body: JSON.stringify(body),
    });
    if (r.status !== 201) throw new Error(`seeding application ${i} failed: ${r.status} ${await r.text()}`);
  }
  writeFileSync(MARKER, new Date().toISOString());
  console.log(`[oversight] demo data: ${PEOPLE.length} review applications created`);
}

main().catch((err) => {
  console.error(`[oversight] seeding failed: ${(err as Error).message}`);
  process.exit(1);
});
