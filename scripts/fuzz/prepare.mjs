/* global process, fetch, AbortSignal, Buffer, console */
// Prepares a fuzzing run of the gateway (scripts/test-fuzz.sh): tokens for each role from the local
// issuer, a few records seeded through the public API so that operations with path parameters reach
// real ids, and per role the part of the gateway's OpenAPI document that role may call plus a
// Schemathesis config that feeds those ids to path parameters most of the time.
// usage: node scripts/fuzz/prepare.mjs <gateway url> <out dir> <username>...
// Writes <out>/<username>.openapi.json, <out>/<username>.toml, <out>/<username>.token, <out>/seeded.json.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [gateway, out, ...users] = process.argv.slice(2);
if (!gateway || !out || users.length === 0) throw new Error('usage: prepare.mjs <gateway> <out> <user>...');
const password = process.env.DEMO_USER_PASSWORD;
if (!password) throw new Error('DEMO_USER_PASSWORD is not set');
const REASON = 'API contract fuzzing (scripts/test-fuzz.sh)';
mkdirSync(out, { recursive: true });

async function call(method, path, { token, body } = {}) {
  const res = await fetch(`${gateway}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
      'x-access-reason': REASON,
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

async function tokenFor(username) {
  const r = await call('POST', '/auth/token', { body: { username, password } });
  if (r.status !== 200) throw new Error(`no token for ${username}: ${r.status} ${r.text}`);
  return r.json.access_token;
}

const ukDate = (offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

/** Seeds one record of each kind a path parameter names, through the API as a real client would. */
async function seed(tokens) {
  const run = randomUUID().slice(0, 8);
  const made = {};
  const reviewer = tokens['manager.priya'];
  const application = await call('POST', '/api/complaint-reviews/applications', {
    token: reviewer,
    body: {
      channel: 'EMAIL',
      receivedOn: ukDate(-1),
      forceComplaintReference: `PSD/2026/F${run.slice(0, 4)}`,
      complaintDate: ukDate(-90),
      handling: 'OTHERWISE_THAN_BY_INVESTIGATION',
      outcomeInformationProvidedOn: ukDate(-10),
      appropriateAuthority: 'Chief Constable of Kent Police',
      grounds: 'Fuzzing seed: the outcome letter did not address my complaint.',
      complainant: {
        fullName: `Fuzz Seed ${run}`,
        email: `fuzz.${run}@example.org`,
        contactPreference: 'EMAIL',
      },
    },
  });
  made.application = application.status;
  const officer = tokens['cjops.sgt.lena'];
  const disposal = await call('POST', '/api/oocr/disposals', {
    token: officer,
    body: {
      disposalType: 'ADULT_CONDITIONAL_CAUTION',
      issueDate: ukDate(),
      district: 'dover',
      offender: { fullName: `Fuzz Seed ${run}`, dateOfBirth: '1985-10-10' },
      offence: {
        code: '5/1',
        description: 'Drunk and disorderly',
        classification: 'SUMMARY_ONLY',
        offenceDate: ukDate(-40),
        offenceGroup: 'PUBLIC_ORDER_OFFENCES',
      },
      issuingOfficer: { id: 'pc.5120', name: 'PC Ndlovu' },
      authoriser: { id: 'ps.2210', rank: 'SERGEANT' },
      admission: 'ADMITTED',
      evidenceSufficientToCharge: true,
      effectExplainedWithBreachWarning: true,
      signedConsent: { documentRef: `DOC-${run}`, signedOn: ukDate() },
      hasIdentifiableVictim: false,
      conditions: [
        {
          purpose: 'REHABILITATIVE',
          kind: 'COURSE',
          description: 'Alcohol awareness course',
          dueDate: ukDate(60),
        },
      ],
    },
  });
  made.disposal = disposal.status;
  return made;
}

/** Real ids and references, read back through the lists (whatever earlier tests also left there). */
async function harvest(tokens) {
  const ids = {};
  const take = async (name, username, path, pick) => {
    const token = tokens[username];
    const r = await call('GET', path, { token });
    const items = Array.isArray(r.json) ? r.json : Array.isArray(r.json?.items) ? r.json.items : [];
    ids[name] = [
      ...new Set(
        items
          .flatMap(pick)
          .filter((v) => v !== undefined && v !== null)
          .map(String),
      ),
    ].slice(0, 20);
  };
  await take('application', 'manager.priya', '/api/complaint-reviews/applications?limit=20', (a) => [a.id]);
  await take('reference', 'applicant.delphine', '/api/complaint-reviews/self-service/applications', (a) => [
    a.reference,
  ]);
  await take('disposal', 'cjops.sgt.lena', '/api/oocr/disposals?limit=20', (d) => [d.id]);
  await take('caution', 'cjops.sgt.lena', '/api/oocr/cautions?limit=20', (c) => [c.id]);
  await take('review', 'cjops.sgt.lena', '/api/oocr/reviews?limit=20', (r) => [r.id]);
  await take('task', 'cjops.sgt.lena', '/api/oocr/tasks', (t) => [t.id]);
  await take('tagReferral', 'vru.sam', '/api/tag-referrals/referrals', (r) => [r.id]);
  await take('tagTask', 'vru.sam', '/api/tag-referrals/tasks', (t) => [t.id]);
  await take('swapReferral', 'vru.sam', '/api/knife-swaps/referrals', (r) => [r.id]);
  await take('store', 'vru.sam', '/api/knife-swaps/stores', (st) => [st.id]);
  await take('bag', 'vru.sam', '/api/knife-swaps/custody', (b) => [b.bagId]);
  await take('swapTask', 'vru.sam', '/api/knife-swaps/tasks', (t) => [t.id]);
  const reference = ids.application.length
    ? (
        await call('GET', `/api/complaint-reviews/applications/${ids.application[0]}`, {
          token: tokens['manager.priya'],
        })
      ).json?.reference
    : undefined;
  if (reference)
    await take(
      'notification',
      'manager.priya',
      `/api/notifications/notifications?reference=${reference}`,
      (n) => [n.id],
    );
  return ids;
}

/** Which dictionary feeds which path parameter, by the operation's path. */
const BINDINGS = [
  ['^/api/complaint-reviews/applications/\\{id\\}', 'path.id', 'application'],
  ['^/api/complaint-reviews/self-service/applications/\\{reference\\}', 'path.reference', 'reference'],
  ['^/api/oocr/disposals/\\{id\\}', 'path.id', 'disposal'],
  ['^/api/oocr/cautions/\\{id\\}', 'path.id', 'caution'],
  ['^/api/oocr/reviews/\\{id\\}', 'path.id', 'review'],
  ['^/api/oocr/tasks/\\{id\\}', 'path.id', 'task'],
  ['^/api/notifications/notifications/\\{id\\}', 'path.id', 'notification'],
  ['^/api/tag-referrals/referrals/\\{id\\}', 'path.id', 'tagReferral'],
  ['^/api/tag-referrals/tasks/\\{id\\}', 'path.id', 'tagTask'],
  ['^/api/knife-swaps/referrals/\\{id\\}', 'path.id', 'swapReferral'],
  ['^/api/knife-swaps/stores/\\{id\\}', 'path.id', 'store'],
  ['^/api/knife-swaps/custody/\\{bagId\\}', 'path.bagId', 'bag'],
  ['^/api/knife-swaps/tasks/\\{id\\}', 'path.id', 'swapTask'],
];

/** Every service behind the gateway: the gateway leaves a service that does not answer out of its document,
 * which would shrink the run silently, so a missing one fails the run instead. */
const SERVICES = ['complaint-reviews', 'oocr', 'tag-referrals', 'knife-swaps', 'notifications', 'audit'];

const doc = await (await fetch(`${gateway}/docs/openapi.json`)).json();
const absent = SERVICES.filter((svc) => !Object.keys(doc.paths).some((p) => p.startsWith(`/api/${svc}/`)));
if (absent.length)
  throw new Error(`the gateway's OpenAPI document has no operations of ${absent.join(', ')}: is it running?`);
const tokens = {};
for (const u of new Set([...users, 'manager.priya', 'cjops.sgt.lena', 'applicant.delphine', 'vru.sam']))
  tokens[u] = await tokenFor(u);
const seeded = await seed(tokens);
const ids = await harvest(tokens);
writeFileSync(join(out, 'seeded.json'), JSON.stringify({ seeded, ids }, null, 2));

const toml = (s) => JSON.stringify(s); // a JSON string is a valid TOML basic string
for (const user of users) {
  const roles = JSON.parse(Buffer.from(tokens[user].split('.')[1], 'base64url').toString()).roles;
  const paths = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const allowed = /Roles: (.*)$/m.exec(op.description ?? '')?.[1].split(', ');
      // The gateway's own public routes once (with the first user), each role's routes with that role.
      const mine = allowed ? allowed.some((r) => roles.includes(r)) : user === users[0];
      if (mine) (paths[path] ??= {})[method] = op;
    }
  }
  writeFileSync(join(out, `${user}.openapi.json`), JSON.stringify({ ...doc, paths }));
  writeFileSync(join(out, `${user}.token`), tokens[user]);
  const lines = [];
  for (const [name, values] of Object.entries(ids))
    if (values.length) lines.push(`[dictionaries.${name}]`, `values = [${values.map(toml).join(', ')}]`, '');
  for (const [regex, param, name] of BINDINGS) {
    if (!ids[name]?.length) continue;
    lines.push(
      '[[operations]]',
      `include-path-regex = ${toml(regex)}`,
      `parameters = { ${toml(param)} = { dictionary = ${toml(name)}, probability = 0.8 } }`,
      '',
    );
  }
  writeFileSync(join(out, `${user}.toml`), lines.join('\n'));
  console.log(`${user}: ${Object.values(paths).reduce((n, i) => n + Object.keys(i).length, 0)} operations`);
}
console.log(
  `seeded: ${JSON.stringify(seeded)}; ids: ${Object.entries(ids)
    .map(([k, v]) => `${k}=${v.length}`)
    .join(' ')}`,
);
