// Demo data for the Safer Knife Replacement Scheme (apps/knife-swaps): four kit stores with stock (receipts, a
// transfer, a write-off; the Thanet store drops to its reorder level, which raises the coordinator's task), and invented households referred by the three demo
// partner organisations and by the VRU, at every stage from referral to follow-up, with surrendered knives at
// every step of their chain of custody. Entered through the gateway as the demo users would, so events, audit
// entries, notifications, tasks and swap workflows are real too. Dates are spread over the last two months.
//
// Idempotent without a marker file: each store is created once (409 after that), and each referral carries its
// referrer's case number (partnerCaseRef), which the service refuses twice; a referral found again is taken on
// from the stage it reached, so a run cut off half way is finished by the next one.
//
// usage: node -r ./tools/register.js tools/seed/knife-swaps.seed.ts   (or seedKnifeSwaps(GATEWAY, token))
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const BASE = '/api/knife-swaps';
const C = 'vru.sam';
const P = 'vru.practitioner.ola';
const CJOPS = 'cjops.dan';
const ADVICE = [
  'STORAGE_OF_REPLACEMENT_KNIVES',
  'NO_POINTED_KNIVES_BROUGHT_BACK',
  'KNIFE_CARRYING_RISKS_DISCUSSED',
  'SUPPORT_SERVICES_SIGNPOSTED',
];

// id, name, district, reorder level, [four-packs, singles] received
const STORES: Array<[string, string, string, number, number, number]> = [
  ['medway-vru-office', 'Medway VRU office, Chatham', 'medway', 5, 40, 15],
  ['maidstone-police-station', 'Maidstone police station, front desk store', 'maidstone', 4, 24, 10],
  ['canterbury-early-help-hub', 'Canterbury Early Help hub', 'canterbury', 3, 12, 6],
  ['thanet-yjs-office', 'Thanet youth justice office, Margate', 'thanet', 3, 4, 2],
];

type Stage =
  | 'REFERRED'
  | 'DISCUSSED'
  | 'ELIGIBLE'
  | 'NOT_ELIGIBLE'
  | 'DECLINED'
  | 'CONSENTED'
  | 'WITHDRAWN'
  | 'SEALED'
  | 'HELD'
  | 'HANDED'
  | 'DESTROYED'
  | 'FOLLOWED_UP';

interface Household {
  caseRef: string;
  referrer: string; // a demo user: partner.* refer for their organisation, vru.sam on behalf of one
  organisation?: string; // when the VRU refers on a partner's behalf
  agency: string;
  reason: 'WEAPON_CARRYING' | 'DRUGS_OR_GANG' | 'HIGH_RISK_DOMESTIC_ABUSE';
  district: string;
  address: [string, string];
  postcode: string;
  householder: string;
  youngPerson?: [string, number]; // name, age
  stage: Stage;
  daysAgo: number; // when the referral came in
  knives?: number;
  kit?: 'FOUR_PACK' | 'SINGLE_5_INCH';
  store?: string;
  linkTag?: boolean;
  linkOocr?: boolean;
}

// Invented households (names, addresses and case numbers are made up).
const HOUSEHOLDS: Household[] = [
  h(
    'EH-SKRS-0101',
    'partner.earlyhelp',
    'EARLY_HELP',
    'WEAPON_CARRYING',
    'medway',
    ['14 Luton Road', 'Chatham'],
    'ME4 5AA',
    'Donna Kershaw',
    ['Tyler Kershaw', 15],
    'FOLLOWED_UP',
    58,
    6,
  ),
  h(
    'KP-MED-55120',
    'partner.police',
    'POLICE',
    'WEAPON_CARRYING',
    'medway',
    ['3 Canal Walk', 'Strood'],
    'ME2 4BB',
    'Marcus Adebayo',
    ['Jamal Adebayo', 16],
    'DESTROYED',
    52,
    9,
    { linkOocr: true },
  ),
  h(
    'YJ-KNT-7781',
    'partner.yjs',
    'YOUTH_JUSTICE',
    'DRUGS_OR_GANG',
    'maidstone',
    ['27 Tonbridge Road', 'Maidstone'],
    'ME16 8CC',
    'Agnieszka Nowak',
    ['Kacper Nowak', 15],
    'DESTROYED',
    47,
    5,
    { store: 'maidstone-police-station', linkTag: true },
  ),
  h(
    'KP-MED-55874',
    'partner.police',
    'POLICE',
    'HIGH_RISK_DOMESTIC_ABUSE',
    'gravesham',
    ['9 Dover Road East', 'Gravesend'],
    'DA11 0DD',
    'Leanne Pritchard',
    undefined,
    'HANDED',
    44,
    8,
    { kit: 'SINGLE_5_INCH' },
  ),
  h(
    'EH-SKRS-0117',
    'partner.earlyhelp',
    'EARLY_HELP',
    'WEAPON_CARRYING',
    'swale',
    ['51 Key Street', 'Sittingbourne'],
    'ME10 1EE',
    'Carl Whitmore',
    ['Reece Whitmore', 14],
    'SEALED',
    38,
    4,
  ),
  h(
    'SCH-CANT-0042',
    C,
    'SCHOOL',
    'WEAPON_CARRYING',
    'canterbury',
    ['6 Sturry Road', 'Canterbury'],
    'CT1 1FF',
    'Priya Raman',
    ['Arjun Raman', 13],
    'HELD',
    30,
    7,
    { organisation: 'canterbury-academy', store: 'canterbury-early-help-hub' },
  ),
  h(
    'YJ-KNT-7802',
    'partner.yjs',
    'YOUTH_JUSTICE',
    'DRUGS_OR_GANG',
    'thanet',
    ['18 Northdown Road', 'Margate'],
    'CT9 2GG',
    'Shirley Okafor',
    ['Daniel Okafor', 17],
    'SEALED',
    12,
    11,
    { store: 'thanet-yjs-office' },
  ),
  h(
    'COL-MKC-0009',
    C,
    'COLLEGE',
    'DRUGS_OR_GANG',
    'medway',
    ['2 Maidstone Road', 'Rochester'],
    'ME1 3HH',
    'Gary Lambert',
    ['Ellis Lambert', 17],
    'FOLLOWED_UP',
    55,
    5,
    { organisation: 'mid-kent-college' },
  ),
  h(
    'KP-MED-56010',
    'partner.police',
    'POLICE',
    'HIGH_RISK_DOMESTIC_ABUSE',
    'medway',
    ['40 Canterbury Street', 'Gillingham'],
    'ME7 5JJ',
    'Sarah Doyle',
    ['Connor Doyle', 12],
    'CONSENTED',
    9,
  ),
  h(
    'EH-SKRS-0125',
    'partner.earlyhelp',
    'EARLY_HELP',
    'WEAPON_CARRYING',
    'ashford',
    ['11 Beaver Road', 'Ashford'],
    'TN23 7KK',
    'Michelle Ford',
    ['Kai Ford', 16],
    'ELIGIBLE',
    8,
  ),
  h(
    'YJ-KNT-7815',
    'partner.yjs',
    'YOUTH_JUSTICE',
    'DRUGS_OR_GANG',
    'dartford',
    ['7 Lowfield Street', 'Dartford'],
    'DA1 1LL',
    'Tunde Bello',
    ['Femi Bello', 15],
    'DISCUSSED',
    6,
  ),
  h(
    'KP-MED-56133',
    'partner.police',
    'POLICE',
    'WEAPON_CARRYING',
    'folkestone-and-hythe',
    ['22 Dover Road', 'Folkestone'],
    'CT20 1MM',
    'Janice Harper',
    ['Liam Harper', 16],
    'REFERRED',
    2,
  ),
  h(
    'EH-SKRS-0131',
    'partner.earlyhelp',
    'EARLY_HELP',
    'WEAPON_CARRYING',
    'medway',
    ['5 Magpie Hall Road', 'Chatham'],
    'ME4 5NN',
    'Robert Quinn',
    ['Alfie Quinn', 14],
    'REFERRED',
    1,
  ),
  h(
    'YJ-KNT-7790',
    'partner.yjs',
    'YOUTH_JUSTICE',
    'DRUGS_OR_GANG',
    'tunbridge-wells',
    ['30 Camden Road', 'Tunbridge Wells'],
    'TN1 2PP',
    'Hannah Cole',
    ['Jordan Cole', 17],
    'NOT_ELIGIBLE',
    20,
  ),
  h(
    'KP-MED-55990',
    'partner.police',
    'POLICE',
    'WEAPON_CARRYING',
    'dover',
    ['15 London Road', 'Dover'],
    'CT17 0QQ',
    'Kevin Marsh',
    ['Bradley Marsh', 15],
    'DECLINED',
    26,
  ),
  h(
    'EH-SKRS-0109',
    'partner.earlyhelp',
    'EARLY_HELP',
    'DRUGS_OR_GANG',
    'sevenoaks',
    ['8 St Johns Hill', 'Sevenoaks'],
    'TN13 3RR',
    'Louise Grant',
    ['Mason Grant', 16],
    'WITHDRAWN',
    34,
  ),
];

function h(
  caseRef: string,
  referrer: string,
  agency: string,
  reason: Household['reason'],
  district: string,
  address: [string, string],
  postcode: string,
  householder: string,
  youngPerson: [string, number] | undefined,
  stage: Stage,
  daysAgo: number,
  knives?: number,
  more: Partial<Household> = {},
): Household {
  return {
    caseRef,
    referrer,
    agency,
    reason,
    district,
    address,
    postcode,
    householder,
    youngPerson,
    stage,
    daysAgo,
    knives,
    ...more,
  };
}

const londonDay = (daysAgo: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() - daysAgo * 86_400_000),
  );
const bornAged = (years: number) =>
  `${Number(londonDay(0).slice(0, 4)) - years}-0${1 + (years % 9)}-1${years % 9}`;

// How far each stage goes, in order.
const ORDER = ['REFERRED', 'DISCUSSED', 'DECIDED', 'CONSENT', 'SWAPPED', 'CUSTODY', 'FOLLOWED_UP'] as const;

export async function seedKnifeSwaps(
  gateway: string,
  token: (username: string) => Promise<string>,
): Promise<void> {
  const tokens = new Map<string, string>();
  const call = async (as: string, method: string, path: string, body?: unknown, ok: number[] = []) => {
    if (!tokens.has(as)) tokens.set(as, await token(as));
    const r = await fetch(`${gateway}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens.get(as)}`,
        'content-type': 'application/json',
        'x-access-reason': 'Demo data: taking the demo household through the scheme',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (r.status >= 400 && !ok.includes(r.status))
      throw new Error(`${method} ${path} as ${as}: ${r.status} ${text}`);
    return { status: r.status, body: text ? JSON.parse(text) : undefined };
  };
  const ks = (as: string, method: string, path: string, body?: unknown, ok: number[] = []) =>
    call(as, method, `${BASE}${path}`, body, ok);

  // Stores, then their stock: each movement is made only if the store's ledger does not hold it yet.
  let newStores = 0;
  for (const [id, name, district, reorderLevel] of STORES)
    if ((await ks(C, 'POST', '/stores', { id, name, district, reorderLevel }, [409])).status === 201)
      newStores++;
  const ledgerHas = async (store: string, kind: string, kitType: string) =>
    ((await ks(C, 'GET', `/stores/${store}/ledger`)).body as Array<{ kind: string; kitType: string }>).some(
      (m) => m.kind === kind && m.kitType === kitType,
    );
  for (const [id, , , , packs, singles] of STORES)
    for (const [kitType, quantity] of [
      ['FOUR_PACK', packs],
      ['SINGLE_5_INCH', singles],
    ] as const)
      if (!(await ledgerHas(id, 'RECEIPT', kitType)))
        await ks(C, 'POST', `/stores/${id}/movements`, {
          kind: 'RECEIPT',
          kitType,
          quantity,
          reason: 'Delivery from the supplier',
        });
  if (!(await ledgerHas('medway-vru-office', 'TRANSFER_OUT', 'FOUR_PACK')))
    await ks(C, 'POST', '/stores/medway-vru-office/transfers', {
      toStoreId: 'canterbury-early-help-hub',
      kitType: 'FOUR_PACK',
      quantity: 6,
    });
  if (!(await ledgerHas('medway-vru-office', 'WRITE_OFF', 'FOUR_PACK')))
    await ks(C, 'POST', '/stores/medway-vru-office/movements', {
      kind: 'WRITE_OFF',
      kitType: 'FOUR_PACK',
      quantity: 1,
      reason: 'Packaging split in transit; blades exposed',
    });

  // References of the records some swaps sit alongside (issue 12 §8), found as their own users would.
  const tagRef = await call(C, 'GET', '/api/tag-referrals/referrals?limit=100', undefined, [400, 404, 503])
    .then((r) =>
      Array.isArray(r.body)
        ? ((r.body.find((x: { status?: string }) => x.status === 'FITTED') ?? r.body[0])?.reference as
            | string
            | undefined)
        : undefined,
    )
    .catch(() => undefined);
  const oocrRef = await call(CJOPS, 'GET', '/api/oocr/disposals?limit=20', undefined, [400, 404, 503])
    .then((r) => {
      const rows = Array.isArray(r.body) ? r.body : (r.body?.items ?? []);
      return rows.find((x: { reference?: string }) => x.reference)?.reference as string | undefined;
    })
    .catch(() => undefined);

  let created = 0;
  for (const x of HOUSEHOLDS) {
    const found = await ks(
      x.referrer,
      'GET',
      `/referrals?status=ALL&partnerCaseRef=${encodeURIComponent(x.caseRef)}`,
    );
    let id: string | undefined = found.body?.[0]?.id;
    let status: string = found.body?.[0]?.status ?? 'NONE';
    const referredOn = londonDay(x.daysAgo);
    if (!id) {
      const r = await ks(
        x.referrer,
        'POST',
        '/referrals',
        {
          reason: x.reason,
          ...(x.reason === 'HIGH_RISK_DOMESTIC_ABUSE'
            ? { daRiskAssessmentRef: `DASH-${x.caseRef.slice(-5)}` }
            : {}),
          referringAgency: x.agency,
          ...(x.organisation ? { referringOrganisation: x.organisation } : {}),
          district: x.district,
          addressLines: x.address,
          postcode: x.postcode,
          householdMembers: [
            { relationship: 'parent', ageBand: '25_PLUS' },
            ...(x.youngPerson
              ? [
                  {
                    relationship: 'young person of concern',
                    ageBand: x.youngPerson[1] < 18 ? '10_17' : '18_24',
                  },
                ]
              : []),
            { relationship: 'sibling', ageBand: 'UNDER_10' },
          ],
          householderName: x.householder,
          householderEmail: `${x.householder.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org`,
          ...(x.youngPerson
            ? { youngPersonName: x.youngPerson[0], youngPersonDob: bornAged(x.youngPerson[1]) }
            : {}),
          ...(x.linkTag && tagRef ? { tagEpisodeRef: tagRef } : {}),
          ...(x.linkOocr && oocrRef ? { oocrDisposalRef: oocrRef } : {}),
          partnerCaseRef: x.caseRef,
          referredOn,
        },
        [409],
      );
      if (r.status === 409) continue; // submitted at the same moment by another run
      id = r.body.id as string;
      status = 'REFERRED';
      created++;
    }
    await advance(x, id!, status);
  }

  async function advance(x: Household, id: string, status: string) {
    const target = x.stage;
    const reach = (step: (typeof ORDER)[number]) => {
      const need: Record<Stage, number> = {
        REFERRED: 0,
        DISCUSSED: 1,
        ELIGIBLE: 2,
        NOT_ELIGIBLE: 2,
        DECLINED: 3,
        CONSENTED: 3,
        WITHDRAWN: 1,
        SEALED: 4,
        HELD: 5,
        HANDED: 5,
        DESTROYED: 5,
        FOLLOWED_UP: 6,
      };
      return ORDER.indexOf(step) <= need[target];
    };
    const d = (n: number) => londonDay(Math.max(0, x.daysAgo - n));
    if (status === 'REFERRED' && reach('DISCUSSED')) {
      await ks(C, 'POST', `/referrals/${id}/discussions`, {
        heldOn: d(3),
        protectiveFactors:
          'Parent engaged and worried; grandparent nearby; young person attends school most days',
        homeCircumstances: 'Family home, pointed knives kept in a kitchen drawer and a block on the worktop',
        youngPerson: x.youngPerson
          ? `${x.youngPerson[0]} (${x.youngPerson[1]}): known to the referrer, open to support`
          : 'No young person of concern; adult victim at risk',
        familyEngagement: target === 'NOT_ELIGIBLE' ? 'NOT_ENGAGED' : 'ENGAGED',
      });
      status = 'DISCUSSED';
    }
    if (status === 'DISCUSSED' && target === 'WITHDRAWN') {
      await ks(C, 'POST', `/referrals/${id}/withdrawal`, {
        reason: 'The family moved out of the county before an offer could be made',
      });
      return;
    }
    if (status === 'DISCUSSED' && reach('DECIDED')) {
      const eligible = target !== 'NOT_ELIGIBLE';
      await ks(C, 'POST', `/referrals/${id}/eligibility`, {
        decision: eligible ? 'ELIGIBLE' : 'NOT_ELIGIBLE',
        reason: eligible
          ? 'Referral reason on the scheme list; family engaged; the swap adds to the safety plan'
          : 'Family did not engage with the discussion; offered other support through Early Help',
      });
      status = eligible ? 'ELIGIBLE' : 'NOT_ELIGIBLE';
    }
    if (status === 'ELIGIBLE' && reach('CONSENT')) {
      const given = target !== 'DECLINED';
      await ks(P, 'POST', `/referrals/${id}/consent`, {
        given,
        allPointedKnives: given,
        householderName: x.householder,
        recordedOn: d(5),
      });
      status = given ? 'CONSENTED' : 'DECLINED';
    }
    if (status === 'CONSENTED' && reach('SWAPPED')) {
      const r = await ks(P, 'POST', `/referrals/${id}/swap`, {
        swappedOn: d(6),
        storeId: x.store ?? 'medway-vru-office',
        kitType: x.kit ?? 'FOUR_PACK',
        kitQuantity: 1,
        knivesSurrendered: x.knives ?? 4,
        safetyAdvice: ADVICE,
        bagNumber: `KSB-${x.caseRef.replace(/[^A-Z0-9]/g, '')}`,
      });
      status = r.body.status;
    }
    if (['SWAPPED', 'FOLLOWED_UP'].includes(status) && reach('CUSTODY')) {
      const ref = await ks(P, 'GET', `/referrals/${id}`);
      const bag = ref.body.swap?.custody;
      const steps: Array<[string, Record<string, string>]> = [];
      if (bag?.status === 'SEALED' && target === 'HELD')
        steps.push(['TRANSFER', { holder: 'PC 4471 Hollis, Medway property store' }]);
      if (
        bag?.status !== 'DESTROYED' &&
        bag?.status !== 'HANDED_FOR_DESTRUCTION' &&
        ['HANDED', 'DESTROYED', 'FOLLOWED_UP'].includes(target)
      )
        steps.push([
          'HAND_FOR_DESTRUCTION',
          { holder: 'Kent Police contracted destruction (demo contractor)' },
        ]);
      if (bag?.status !== 'DESTROYED' && ['DESTROYED', 'FOLLOWED_UP'].includes(target))
        steps.push(['DESTROY', { certificateRef: `DEST-${x.caseRef.replace(/[^A-Z0-9]/g, '')}` }]);
      for (const [action, extra] of steps)
        await ks(P, 'POST', `/custody/${bag.bagId}/steps`, { action, ...extra, note: 'Demo data' });
    }
    if (status === 'SWAPPED' && target === 'FOLLOWED_UP') {
      await ks(P, 'POST', `/referrals/${id}/follow-up`, {
        followedUpOn: d(0),
        outcome: 'NO_CONCERNS',
        notes: 'Replacement knives in use; no pointed knives seen; family positive about the scheme',
      });
    }
  }

  console.log(
    `[oversight] demo data: knife swaps: ${newStores} new stores, ${created} new referrals (${STORES.length} stores, ${HOUSEHOLDS.length} households in all)`,
  );
}

if (require.main === module) {
  const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
  const secrets = Object.fromEntries(
    readFileSync(join(__dirname, '../../.local/secrets.env'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('=') && !l.startsWith('#'))
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
  seedKnifeSwaps(gateway, token).catch((err) => {
    console.error(`[oversight] knife-swaps demo data failed: ${(err as Error).stack ?? err}`);
    process.exit(1);
  });
}
