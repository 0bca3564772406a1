// Demo data for the Buddi tag referrals service (apps/tag-referrals): both pools stocked, invented young people
// referred by the three demo partner organisations, and referrals at every stage, entered through the gateway as
// the demo users would (so events, audit entries, notifications and episode workflows are real too). The VRU pool
// ends full with a waiting list. Some referrals carry equality-monitoring data (special category). The fitted
// episodes then get a day of invented location fixes from the "monitoring platform" (Kafka, as the platform sends
// them), kept apart and short-lived like real ones. Idempotent: a marker in .local/ per step, and the fixes' device
// event ids are derived from the referral, so a repeated publish is absorbed by the consumer.
import { ActorKind, buildEvent, encodeEvent, eventHeaders, Processing, Topics } from '@oversight/contracts';
import { createKafka } from '@oversight/messaging';
import { Partitioners } from 'kafkajs';
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MARKER = join(__dirname, '../../.local/demo-data-tag-referrals-seeded');
const LOCATION_MARKER = join(__dirname, '../../.local/demo-data-tag-referrals-locations-seeded');
const ETHNICITY = ['WHITE', 'BLACK', 'MIXED', 'WHITE', 'ASIAN', 'NOT_STATED', 'WHITE', 'OTHER'];
const BASE = '/api/tag-referrals';

type Stage =
  | 'RECEIVED'
  | 'MORE_INFO'
  | 'DECLINED'
  | 'CONSENT_PENDING'
  | 'WAITING'
  | 'FITTED'
  | 'EXTENDED'
  | 'WITHDRAWN_EARLY'
  | 'REMOVED';

// name, age, pool, risk, referrer, grounds, stage (invented people)
const PEOPLE: Array<[string, number, 'IOM' | 'VRU', 'LOW' | 'MEDIUM' | 'HIGH', string, string, Stage]> = [
  ['Kacper Wrona', 15, 'VRU', 'HIGH', 'partner.yjs', 'CRIMINAL_EXPLOITATION_RISK', 'FITTED'],
  ['Tyreke Mensah', 16, 'VRU', 'HIGH', 'partner.police', 'CRIMINAL_EXPLOITATION_RISK', 'FITTED'],
  ['Ellie-Mae Corbett', 14, 'VRU', 'MEDIUM', 'partner.earlyhelp', 'TRAFFICKING_RISK', 'FITTED'],
  ['Jayden Oduya', 17, 'VRU', 'HIGH', 'partner.yjs', 'CRIMINAL_EXPLOITATION_RISK', 'EXTENDED'],
  ['Reuben Castellano', 16, 'VRU', 'MEDIUM', 'partner.earlyhelp', 'CRIMINAL_EXPLOITATION_RISK', 'FITTED'],
  ['Amir Haddad', 15, 'VRU', 'LOW', 'partner.police', 'CRIMINAL_EXPLOITATION_RISK', 'FITTED'],
  ['Lacey Brennan', 16, 'VRU', 'MEDIUM', 'partner.earlyhelp', 'TRAFFICKING_RISK', 'WITHDRAWN_EARLY'],
  ['Connor Whitlock', 17, 'VRU', 'HIGH', 'partner.yjs', 'CRIMINAL_EXPLOITATION_RISK', 'REMOVED'],
  ['Shanice Adeyinka', 15, 'VRU', 'HIGH', 'partner.police', 'CRIMINAL_EXPLOITATION_RISK', 'WAITING'],
  ['Oliver Pask', 16, 'VRU', 'MEDIUM', 'partner.earlyhelp', 'CRIMINAL_EXPLOITATION_RISK', 'WAITING'],
  ['Mateusz Gajek', 14, 'VRU', 'LOW', 'partner.yjs', 'TRAFFICKING_RISK', 'WAITING'],
  ['Darnell Fairweather', 22, 'IOM', 'HIGH', 'partner.police', 'HIGH_HARM_OFFENDER', 'FITTED'],
  ['Kieran Moss', 24, 'IOM', 'MEDIUM', 'partner.police', 'HIGH_HARM_OFFENDER', 'FITTED'],
  ['Zak Pemberton', 19, 'IOM', 'MEDIUM', 'partner.yjs', 'HIGH_HARM_OFFENDER', 'CONSENT_PENDING'],
  ['Rosie Tandy', 13, 'VRU', 'MEDIUM', 'partner.earlyhelp', 'CRIMINAL_EXPLOITATION_RISK', 'RECEIVED'],
  ['Billy Ashworth', 16, 'VRU', 'LOW', 'partner.yjs', 'CRIMINAL_EXPLOITATION_RISK', 'MORE_INFO'],
  ['Nathan Greig', 23, 'IOM', 'LOW', 'partner.police', 'HIGH_HARM_OFFENDER', 'DECLINED'],
];

const AGENCY: Record<string, string> = {
  'partner.yjs': 'YOUTH_JUSTICE',
  'partner.police': 'POLICE',
  'partner.earlyhelp': 'EARLY_HELP',
};
const STRAPS = ['S', 'M', 'L', 'XL'];

const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const bornAged = (years: number, i: number) => {
  const d = new Date(`${londonToday()}T12:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - 20 - i * 11);
  return d.toISOString().slice(0, 10);
};

export async function seedTagReferrals(
  gateway: string,
  token: (username: string) => Promise<string>,
): Promise<void> {
  await seedReferrals(gateway, token);
  await seedLocations(gateway, token);
}

async function seedReferrals(gateway: string, token: (username: string) => Promise<string>): Promise<void> {
  if (existsSync(MARKER)) return;
  const tokens = new Map<string, string>();
  const call = async (as: string, method: string, path: string, body?: unknown) => {
    if (!tokens.has(as)) tokens.set(as, await token(as));
    const r = await fetch(`${gateway}${BASE}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens.get(as)}`,
        'content-type': 'application/json',
        'x-access-reason': 'demo data',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (r.status >= 400 && r.status !== 409)
      throw new Error(`${method} ${path} as ${as}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const C = 'vru.sam';
  const P = 'vru.practitioner.ola';
  for (let n = 1; n <= 15; n++)
    await call(C, 'POST', '/tags', { serial: `BUD-IOM-${String(n).padStart(3, '0')}`, pool: 'IOM' });
  for (let n = 1; n <= 8; n++)
    await call(C, 'POST', '/tags', { serial: `BUD-VRU-${String(n).padStart(3, '0')}`, pool: 'VRU' });
  await call(C, 'POST', '/consumables', { kind: 'LOCKING_PLATE', change: 60 });
  for (const size of STRAPS) await call(C, 'POST', '/consumables', { kind: 'STRAP', size, change: 8 });
  await call(C, 'POST', '/consumables', { kind: 'CHARGER', change: 6 });

  for (let i = 0; i < PEOPLE.length; i++) {
    const [name, age, pool, risk, referrer, grounds, stage] = PEOPLE[i];
    const { id } = await call(referrer, 'POST', '/referrals', {
      subjectName: name,
      dateOfBirth: bornAged(age, i),
      addressLines: [
        `${12 + i} ${['Rochester Road', 'Canal Walk', 'Luton Arches', 'Dock Road'][i % 4]}`,
        ['Chatham', 'Gillingham', 'Strood', 'Maidstone'][i % 4],
      ],
      ...(age < 18 ? { yotCaseId: `YOT-${4400 + i}` } : {}),
      ...(i % 3 === 0 ? { socialCareCaseId: `SC-${8100 + i}` } : {}),
      ...(i % 4 === 1 ? { earlyHelpCaseId: `EH-${2300 + i}` } : {}),
      referrerEmail: `${referrer.replace('partner.', '')}.referrals@example.org`,
      agency: AGENCY[referrer],
      grounds,
      multiAgencyPlanRef: `${age < 18 ? 'CIN' : 'IOM'}-PLAN-${500 + i}`,
      riskLevel: risk,
      tagType: 'GPS',
      monitoringBasis: 'VOLUNTARY',
      pool,
      summary:
        grounds === 'HIGH_HARM_OFFENDER'
          ? 'Released on licence; asked for the tag to help keep away from former associates.'
          : 'Repeated missing episodes; found out of area with older males; county-lines concerns from the exploitation panel.',
      ...(i === 2 ? { language: 'WELSH' } : {}),
      // Equality monitoring on most referrals (one in five declined to say: no data recorded).
      ...(i % 5 === 4
        ? {}
        : {
            specialCategory: {
              ethnicity: ETHNICITY[i % ETHNICITY.length],
              sex: i % 3 === 2 ? 'FEMALE' : 'MALE',
              disability: i % 6 === 0 ? 'YES' : i % 7 === 0 ? 'NOT_STATED' : 'NO',
            },
          }),
    });
    if (stage === 'RECEIVED') continue;
    if (stage === 'MORE_INFO') {
      await call(C, 'POST', `/referrals/${id}/triage`, {
        decision: 'REQUEST_INFO',
        reason: 'Please attach the latest strategy meeting minutes.',
      });
      continue;
    }
    if (stage === 'DECLINED') {
      await call(C, 'POST', `/referrals/${id}/triage`, {
        decision: 'DECLINE',
        reason: 'Already monitored on licence conditions: not a voluntary case.',
      });
      continue;
    }
    await call(C, 'POST', `/referrals/${id}/triage`, { decision: 'ACCEPT' });
    if (stage === 'CONSENT_PENDING') continue;
    const consent = { method: 'SIGNED_FORM', informationVersion: 'v2.1', givenOn: londonToday() };
    await call(C, 'POST', `/referrals/${id}/consents`, { ...consent, party: 'SUBJECT', givenBy: name });
    if (age < 18)
      await call(C, 'POST', `/referrals/${id}/consents`, {
        ...consent,
        party: 'GUARDIAN',
        givenBy: `parent of ${name}`,
      });
    if (stage === 'WAITING') continue;
    await call(C, 'POST', `/referrals/${id}/allocation`, {});
    await call(P, 'POST', `/referrals/${id}/fitting`, {
      fittedOn: londonToday(),
      fittedWhere: ['Medway YJS office', 'home visit', 'Chatham police station'][i % 3],
      strapSize: STRAPS[i % 4],
      ...(stage === 'EXTENDED' ? { days: 56, reason: 'GCSE exams during the sixth week' } : {}),
    });
    if (stage === 'WITHDRAWN_EARLY')
      await call(P, 'POST', `/referrals/${id}/withdrawal`, {
        withdrawnBy: 'SUBJECT',
        reason: 'Finds the tag embarrassing at college',
      });
    if (stage === 'REMOVED')
      await call(P, 'POST', `/referrals/${id}/removal`, {
        removedOn: londonToday(),
        reason: 'STRAP_OFF_TAMPER',
      });
  }
  writeFileSync(MARKER, new Date().toISOString());
  console.log(`[oversight] demo data: ${PEOPLE.length} tag referrals, 23 tags in two pools`);
}

const uuidFrom = (key: string) => {
  const h = createHash('sha1').update(`oversight.demo.tag-locations:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/**
 * A day's trail for each fitted demo episode: fixes every 20 minutes since midnight (or since the fit) around a
 * Medway town centre, as one DAILY_SUMMARY device event per tag. They expire with the configured retention.
 */
async function seedLocations(gateway: string, token: (username: string) => Promise<string>): Promise<void> {
  if (existsSync(LOCATION_MARKER)) return;
  const auth = {
    authorization: `Bearer ${await token('vru.practitioner.ola')}`,
    'x-access-reason': 'demo data',
  };
  const list = (await (
    await fetch(`${gateway}${BASE}/referrals?status=FITTED&limit=200`, { headers: auth })
  ).json()) as Array<{
    id: string;
  }>;
  const producer = createKafka(
    'tag-referrals-demo-seed',
    `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`,
  ).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const towns = [
    [51.3826, 0.5229],
    [51.3891, 0.5486],
    [51.2721, 0.5227],
    [51.3925, 0.4953],
  ];
  let episodes = 0;
  try {
    for (const [n, { id }] of list.entries()) {
      const r = (await (await fetch(`${gateway}${BASE}/referrals/${id}`, { headers: auth })).json()) as {
        episode: { tagSerial: string; fittedOn: string } | null;
      };
      if (!r.episode) continue;
      const now = Date.now();
      const from = Math.max(new Date(`${r.episode.fittedOn}T00:00:00Z`).getTime(), now - 24 * 3_600_000);
      const [lat, lon] = towns[n % towns.length];
      const locations = [];
      for (let t = from, k = 0; t <= now - 60_000; t += 20 * 60_000, k++)
        locations.push({
          recordedAt: new Date(t).toISOString(),
          latitude: +(lat + 0.004 * Math.sin(k / 5 + n)).toFixed(5),
          longitude: +(lon + 0.006 * Math.cos(k / 7 + n)).toFixed(5),
          accuracyMetres: 5 + (k % 20),
          source: k % 9 === 0 ? 'RF_BEACON' : 'GPS',
        });
      if (!locations.length) continue;
      const event = buildEvent(
        Topics.tagDeviceEventReported,
        {
          aggregateId: r.episode.tagSerial,
          actor: { subject: 'buddi-platform', kind: ActorKind.EXTERNAL_SYSTEM },
          correlationId: `demo-locations-${id}`,
          processing: Processing.COLLECTION,
        },
        {
          deviceEventId: uuidFrom(`${id}:${r.episode.fittedOn}`),
          tagSerial: r.episode.tagSerial,
          kind: 'DAILY_SUMMARY',
          summaryDate: new Date(now).toISOString().slice(0, 10),
          observedAt: new Date(now - 60_000).toISOString(),
          batteryPercent: 60 + (n % 35),
          detail: 'daily summary (demo)',
          locations,
        },
      );
      await producer.send({
        topic: Topics.tagDeviceEventReported.name,
        messages: [
          {
            key: r.episode.tagSerial,
            value: encodeEvent(Topics.tagDeviceEventReported, event),
            headers: eventHeaders(event),
          },
        ],
      });
      episodes++;
    }
  } finally {
    await producer.disconnect();
  }
  writeFileSync(LOCATION_MARKER, new Date().toISOString());
  console.log(`[oversight] demo data: a day of location fixes for ${episodes} fitted tag episodes`);
}
