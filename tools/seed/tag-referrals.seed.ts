// Demo data for the Buddi tag referrals service (apps/tag-referrals): both pools stocked, invented young people
// referred by the three demo partner organisations, and referrals at every stage, entered through the gateway as
// the demo users would (so events, audit entries, notifications and episode workflows are real too). The VRU pool
// ends full with a waiting list. Idempotent: its own marker in .local/.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MARKER = join(__dirname, '../../.local/demo-data-tag-referrals-seeded');
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
