// Demo data for out-of-court resolutions (apps/oocr), entered through the gateway as the CJ Operations demo users
// would (so events, workflows, tasks and audit entries are real too): community resolutions waiting in the review
// queue (some unassigned, some claimed, one referred back to the officer, one already found compliant) and
// conditional cautions at several stages (conditions due, evidence recorded, a payment plan part paid, completed,
// breached, a breach assessed and awaiting the supervisor's decision, a summary-only offence near its
// prosecution time limit). All people are invented.
//
// Idempotent and resumable: each record has a key; the keys done (with the ids the API gave) are kept in
// .local/demo-data-oocr.json, so a second run creates nothing and a run cut off half-way carries on.
//
// Wiring: `await seedOocr(GATEWAY, token)` from seed-demo-data.ts; or alone:
//   node -r ./tools/register.js tools/seed/oocr.seed.ts
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const STATE_FILE = join(__dirname, '../../.local/demo-data-oocr.json');
const BASE = '/api/oocr';
const OFFICER = 'cjops.dan';
const REASON = 'demo data: recording the disposal';

type Token = (username: string) => Promise<string>;
type Json = Record<string, any>;

const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
/** The calendar date `n` days from today (negative: in the past), Europe/London. */
const day = (n: number) => {
  const d = new Date(`${londonToday()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

// ---------------------------------------------------------------------------------------------------------------
// Community resolutions: name, date of birth, gender, ethnicity, district, offence, days ago, victim?, then what
// CJ Operations has done so far.
type CrStage = 'PENDING' | 'CLAIMED' | 'REFERRED_BACK' | 'COMPLIANT';
const OFFENCES = {
  shop: ['49/1', 'Theft from a shop (goods worth £38)', 'EITHER_WAY', 'THEFT'],
  damage: [
    '58/1',
    'Criminal damage to a bus shelter (under £500)',
    'EITHER_WAY',
    'CRIMINAL_DAMAGE_AND_ARSON',
  ],
  cannabis: ['92D/1', 'Possession of cannabis (small amount)', 'EITHER_WAY', 'DRUG_OFFENCES'],
  assault: ['105A/1', 'Common assault (a push in a queue)', 'SUMMARY_ONLY', 'VIOLENCE_AGAINST_THE_PERSON'],
  publicOrder: [
    '125/1',
    'Using threatening words in a car park (s4A)',
    'EITHER_WAY',
    'PUBLIC_ORDER_OFFENCES',
  ],
} as const;
type OffenceKey = keyof typeof OFFENCES;

const CRS: Array<[string, string, string, string, string, OffenceKey, number, CrStage]> = [
  ['Harvey Lindqvist', '2001-03-14', 'MALE', 'W1', 'dartford', 'shop', 2, 'PENDING'],
  ['Precious Okonkwo', '1996-08-02', 'FEMALE', 'B2', 'medway', 'damage', 3, 'PENDING'],
  ['Dominik Szabo', '2004-11-23', 'MALE', 'W3', 'thanet', 'cannabis', 4, 'PENDING'],
  ['Aoife Brannigan', '1989-06-30', 'FEMALE', 'W2', 'maidstone', 'assault', 6, 'PENDING'],
  ['Rahim Chowdhury', '2002-01-09', 'MALE', 'A3', 'gravesham', 'publicOrder', 7, 'CLAIMED'],
  ['Leona Whitcombe', '1999-09-17', 'FEMALE', 'W1', 'swale', 'shop', 9, 'CLAIMED'],
  ['Tomasz Kowalczyk', '1993-04-05', 'MALE', 'W3', 'canterbury', 'damage', 12, 'REFERRED_BACK'],
  ['Jasmine Achterberg', '2003-12-21', 'FEMALE', 'M1', 'ashford', 'cannabis', 14, 'COMPLIANT'],
];

function communityResolution(i: number): Json {
  const [fullName, dateOfBirth, gender, ethnicity, district, offence, ago] = CRS[i];
  const [code, description, classification, offenceGroup] = OFFENCES[offence];
  const victimless = offence === 'cannabis';
  return {
    disposalType: 'COMMUNITY_RESOLUTION',
    issueDate: day(-ago),
    crimeReference: `46/${7100 + i * 37}/26`,
    district,
    offender: { fullName, dateOfBirth, gender, ethnicity },
    offence: { code, description, classification, offenceDate: day(-ago - 1), offenceGroup },
    issuingOfficer: { id: `pc.${4400 + i * 13}`, name: `PC ${['Hale', 'Iqbal', 'Marsh', 'Daly'][i % 4]}` },
    authoriser: { id: 'ps.2210', rank: 'SERGEANT' },
    admission: 'ACCEPTS_RESPONSIBILITY',
    hasIdentifiableVictim: !victimless,
    victims: victimless
      ? []
      : [
          {
            views: {
              soughtOn: day(-ago),
              method: i % 2 ? 'telephone' : 'in person',
              outcome: 'VIEWS_GIVEN',
              views: 'Content with an apology and the damage or goods paid for',
              agreement: 'AGREED',
            },
          },
        ],
    agreedActions: victimless
      ? ['Attend a drug education session']
      : ['Written apology to the victim', 'Pay for the goods or the damage'],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Conditional cautions: each a stage the ledger shows.
type CautionStage =
  | 'DUE_SOON'
  | 'EVIDENCED'
  | 'PAYMENT_PLAN'
  | 'COMPLETED'
  | 'BREACHED'
  | 'BREACH_ASSESSED'
  | 'TIME_LIMIT_NEAR';

interface CautionPlan {
  key: string;
  stage: CautionStage;
  body: Json;
  /** Conditions (by position) to evidence after the workflow has started. */
  evidence?: Array<{ condition: number; completedOn: string; reference: string; instalmentNumber?: number }>;
}

function caution(
  i: number,
  fullName: string,
  dateOfBirth: string,
  issuedDaysAgo: number,
  offence: { code: string; description: string; classification: string; group: string; daysAgo: number },
  conditions: Json[],
  district: string,
): Json {
  return {
    disposalType: 'ADULT_CONDITIONAL_CAUTION',
    issueDate: day(-issuedDaysAgo),
    crimeReference: `46/${8200 + i * 41}/26`,
    district,
    offender: {
      fullName,
      dateOfBirth,
      gender: i % 2 ? 'FEMALE' : 'MALE',
      ethnicity: ['W1', 'B1', 'A1', 'W2', 'M2', 'O2', 'W1'][i % 7],
    },
    offence: {
      code: offence.code,
      description: offence.description,
      classification: offence.classification,
      offenceDate: day(-offence.daysAgo),
      offenceGroup: offence.group,
    },
    issuingOfficer: {
      id: `pc.${5100 + i * 7}`,
      name: `PC ${['Ndlovu', 'Garside', 'Fenwick', 'Osei'][i % 4]}`,
    },
    authoriser: { id: 'ps.2210', rank: 'SERGEANT' },
    admission: 'ADMITTED',
    evidenceSufficientToCharge: true,
    effectExplainedWithBreachWarning: true,
    signedConsent: { documentRef: `DOC-CC-DEMO-${i + 1}`, signedOn: day(-issuedDaysAgo) },
    victims: [
      {
        name: 'Invented victim',
        wantsUpdates: i % 2 === 0,
        views: { soughtOn: day(-issuedDaysAgo - 1), method: 'telephone', outcome: 'VICTIM_DECLINED' },
      },
    ],
    conditions,
  };
}

const theft = (daysAgo: number) => ({
  code: '49/1',
  description: 'Theft from a shop',
  classification: 'EITHER_WAY',
  group: 'THEFT',
  daysAgo,
});
const damage = (daysAgo: number) => ({
  code: '58/1',
  description: 'Criminal damage to a fence',
  classification: 'EITHER_WAY',
  group: 'CRIMINAL_DAMAGE_AND_ARSON',
  daysAgo,
});
const course = (dueDate: string, description = 'Attend a victim awareness course') => ({
  purpose: 'REHABILITATIVE',
  kind: 'COURSE',
  description,
  dueDate,
  provider: 'Kent Victim Awareness Programme',
});
const apology = (dueDate: string) => ({
  purpose: 'REPARATIVE',
  kind: 'APOLOGY',
  description: 'Write a letter of apology to the victim',
  dueDate,
});

const CAUTIONS: CautionPlan[] = [
  {
    key: 'caution-due-soon',
    stage: 'DUE_SOON',
    body: caution(
      0,
      'Gareth Pennington',
      '1986-02-11',
      12,
      theft(15),
      [course(day(4)), apology(day(30))],
      'dover',
    ),
  },
  {
    key: 'caution-evidenced',
    stage: 'EVIDENCED',
    body: caution(
      1,
      'Nadia Rosenthal',
      '1991-07-28',
      40,
      damage(44),
      [
        apology(day(10)),
        {
          purpose: 'REPARATIVE',
          kind: 'UNPAID_WORK',
          description: 'Repaint the damaged fence panels',
          hours: 6,
          dueDate: day(35),
        },
      ],
      'canterbury',
    ),
    evidence: [{ condition: 0, completedOn: day(-3), reference: 'LETTER-RECEIVED-DEMO-1' }],
  },
  {
    key: 'caution-payment-plan',
    stage: 'PAYMENT_PLAN',
    body: caution(
      2,
      'Ifeanyi Obi',
      '1979-10-03',
      20,
      damage(23),
      [
        {
          purpose: 'REPARATIVE',
          kind: 'COMPENSATION',
          description: 'Compensation to the fence owner, £90 in three instalments',
          amountPence: 9000,
          dueDate: day(50),
          instalments: [
            { dueDate: day(8), amountPence: 3000 },
            { dueDate: day(29), amountPence: 3000 },
            { dueDate: day(50), amountPence: 3000 },
          ],
        },
        course(day(40), 'Attend a consequential thinking course'),
      ],
      'medway',
    ),
    evidence: [{ condition: 0, instalmentNumber: 1, completedOn: day(-1), reference: 'RECEIPT-DEMO-301' }],
  },
  {
    key: 'caution-completed',
    stage: 'COMPLETED',
    body: caution(
      3,
      'Colette Marchbank',
      '1995-05-19',
      55,
      theft(58),
      [course(day(3)), apology(day(12))],
      'sevenoaks',
    ),
    evidence: [
      { condition: 0, completedOn: day(-8), reference: 'KVAP-CERT-DEMO-4411' },
      { condition: 1, completedOn: day(-20), reference: 'LETTER-RECEIVED-DEMO-2' },
    ],
  },
  {
    key: 'caution-breached',
    stage: 'BREACHED',
    body: caution(
      4,
      'Stuart Blaylock',
      '1983-12-07',
      30,
      theft(33),
      [course(day(-3)), apology(day(20))],
      'swale',
    ),
  },
  {
    key: 'caution-breach-assessed',
    stage: 'BREACH_ASSESSED',
    body: caution(
      5,
      'Maryam Siddiqui',
      '1990-03-22',
      34,
      damage(36),
      [course(day(-6)), apology(day(25))],
      'thanet',
    ),
  },
  {
    key: 'caution-time-limit-near',
    stage: 'TIME_LIMIT_NEAR',
    body: caution(
      6,
      'Vincent Harrowgate',
      '1988-08-14',
      6,
      {
        code: '5/1',
        description: 'Drunk and disorderly',
        classification: 'SUMMARY_ONLY',
        group: 'PUBLIC_ORDER_OFFENCES',
        daysAgo: 160,
      },
      [course(day(40), 'Attend an alcohol awareness course')],
      'tunbridge-wells',
    ),
  },
];

// ---------------------------------------------------------------------------------------------------------------

export async function seedOocr(gateway: string, token: Token, log = console.log): Promise<void> {
  const done: Record<string, string> = existsSync(STATE_FILE)
    ? JSON.parse(readFileSync(STATE_FILE, 'utf8'))
    : {};
  const mark = (key: string, value: string) => {
    done[key] = value;
    writeFileSync(STATE_FILE, JSON.stringify(done, null, 2));
  };
  const tokens = new Map<string, string>();
  const call = async (as: string, method: string, path: string, body?: unknown): Promise<Json> => {
    if (!tokens.has(as)) tokens.set(as, await token(as));
    // A caution's workflow is started by the service's consumer of the caution's event, a moment after the
    // caution is recorded: a step that needs the workflow waits for it (bounded), as an officer would retry.
    for (let attempt = 0; ; attempt++) {
      const r = await fetch(`${gateway}${BASE}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${tokens.get(as)}`,
          'content-type': 'application/json',
          'x-access-reason': REASON,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      if (r.status === 409 && /workflow is not running \(not started yet/.test(text) && attempt < 120) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        continue;
      }
      if (r.status >= 400) throw new Error(`${method} ${BASE}${path} as ${as}: ${r.status} ${text}`);
      return text ? JSON.parse(text) : {};
    }
  };
  /** A disposal, recorded once; a time-limit warning is acknowledged with a reason, as an officer would. */
  const record = async (key: string, body: Json): Promise<string> => {
    if (done[key]) return done[key];
    const check = await call(OFFICER, 'POST', '/disposals/validation', body);
    const warnings: Json[] = (check.violations ?? []).filter((v: Json) => /TIME_LIMIT/.test(v.rule));
    const acknowledgements = warnings.map((w) => ({
      rule: w.rule,
      reason: 'Prosecution still possible within the time limit if the course is not attended; CPS consulted',
    }));
    const created = await call(OFFICER, 'POST', '/disposals', {
      ...body,
      ...(acknowledgements.length ? { acknowledgements } : {}),
    });
    mark(key, created.id);
    return created.id;
  };
  /** Waits (bounded) until the caution workflow has written the caution and its conditions. */
  const cautionRecord = async (id: string, until: (d: Json) => boolean, what: string): Promise<Json> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const d = await call(OFFICER, 'GET', `/disposals/${id}`);
      if (d.caution && until(d)) return d;
      if (Date.now() > deadline) throw new Error(`caution ${id}: ${what} not seen within 60 s`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  };

  // Community resolutions and the review queue.
  let created = 0;
  for (let i = 0; i < CRS.length; i++) {
    const key = `cr-${i}`;
    const isNew = !done[key];
    const id = await record(key, communityResolution(i));
    if (isNew) created++;
    const stage = CRS[i][7];
    if (stage === 'PENDING' || done[`${key}-reviewed`]) continue;
    const [review] = (await call(OFFICER, 'GET', `/reviews?disposalId=${id}`)) as unknown as Json[];
    if (!review) throw new Error(`community resolution ${id} is not in the review queue`);
    if (!review.assignedTo) {
      await call(OFFICER, 'POST', `/reviews/${review.id}/assignment`, { assignee: OFFICER });
    }
    if (stage === 'REFERRED_BACK') {
      await call(OFFICER, 'POST', `/reviews/${review.id}/outcome`, {
        outcome: 'REFER_BACK',
        notes: 'The victim’s views are recorded but the apology has not been evidenced.',
        requiredActions: ['Upload the written apology', 'Confirm the £45 repair cost was paid'],
        actionsDueOn: day(10),
      });
    } else if (stage === 'COMPLIANT') {
      await call(OFFICER, 'POST', `/reviews/${review.id}/outcome`, {
        outcome: 'COMPLIANT',
        notes: 'Gravity matrix and victimless offence checked.',
      });
    }
    mark(`${key}-reviewed`, stage);
  }

  // Conditional cautions.
  for (const plan of CAUTIONS) {
    const isNew = !done[plan.key];
    const id = await record(plan.key, plan.body);
    if (isNew) created++;
    if (done[`${plan.key}-stage`]) continue;
    let d = await cautionRecord(id, (x) => x.caution.conditions.length > 0, 'conditions');
    for (const e of plan.evidence ?? []) {
      const condition =
        d.caution.conditions.find((c: Json) => c.seq === e.condition + 1) ??
        d.caution.conditions[e.condition];
      await call(OFFICER, 'POST', `/cautions/${id}/conditions/${condition.id}/evidence`, {
        reference: e.reference,
        completedOn: e.completedOn,
        description: 'Seen by CJ Operations (demo data)',
        ...(e.instalmentNumber ? { instalmentNumber: e.instalmentNumber } : {}),
      });
    }
    if (plan.stage === 'COMPLETED') {
      await cautionRecord(id, (x) => x.caution.status === 'COMPLETED', 'completion');
    }
    if (plan.stage === 'BREACHED' || plan.stage === 'BREACH_ASSESSED') {
      d = await cautionRecord(id, (x) => x.caution.breaches.length > 0, 'the breach of the missed condition');
    }
    if (plan.stage === 'BREACH_ASSESSED') {
      await call(OFFICER, 'POST', `/cautions/${id}/breaches/${d.caution.breaches[0].id}/assessment`, {
        outcome: 'NO_REASONABLE_EXCUSE',
        rationale:
          'Booked onto the course twice and did not attend either session; no reason given when called.',
        assessedOn: day(-1),
      });
    }
    mark(`${plan.key}-stage`, plan.stage);
  }
  log(
    created
      ? `[oversight] oocr demo data: ${created} disposals recorded (${CRS.length} community resolutions, ${CAUTIONS.length} conditional cautions in all)`
      : '[oversight] oocr demo data already present',
  );
}

// Run on its own: node -r ./tools/register.js tools/seed/oocr.seed.ts
if (require.main === module) {
  const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
  const secrets = Object.fromEntries(
    readFileSync(join(__dirname, '../../.local/secrets.env'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const token = async (username: string) => {
    const r = await fetch(`${gateway}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: secrets.DEMO_USER_PASSWORD }),
    });
    if (!r.ok) throw new Error(`demo login failed for ${username}: ${r.status}`);
    return ((await r.json()) as { access_token: string }).access_token;
  };
  seedOocr(gateway, token).catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
