// Helpers for the end-to-end tests of apps/knife-swaps on the running stack (scripts/start-services.sh).
// The shared helpers (sign-in, API through the gateway, database, audit trail) are @oversight/testing's e2e-client.
import {
  ApiOptions,
  ApiResponse,
  auditEntriesAbout,
  gatewayApi,
  queryDatabase,
  today,
} from '@oversight/testing';
import { randomUUID } from 'node:crypto';

export { GATEWAY_URL as GATEWAY, tokenFor, today, type ApiResponse } from '@oversight/testing';
export const COORDINATOR = 'vru.sam';
export const MANAGER = 'vru.manager.rhian';
export const PRACTITIONER = 'vru.practitioner.ola';
export const EARLY_HELP = 'partner.earlyhelp';
export const YJS = 'partner.yjs';
export const AUDITOR = 'auditor.ruth';

/** A request to the knife-swaps API through the gateway (`path` under /api/knife-swaps). */
export function api<T = any>(method: string, path: string, opts: ApiOptions = {}): Promise<ApiResponse<T>> {
  return gatewayApi<T>(method, `/api/knife-swaps${path}`, opts);
}

/** Rows of a query on the knife_swaps database (or another of the stack). */
export const query = <T = any>(sql: string, params: unknown[] = [], db = 'knife_swaps'): Promise<T[]> =>
  queryDatabase<T>(db, sql, params);

const TABLES = [
  'referral',
  'pre_offer_discussion',
  'swap',
  'custody_bag',
  'custody_event',
  'store',
  'stock_balance',
  'stock_movement',
  'coordinator_task',
  'household',
  'outbox_message',
];

/** Row counts of every table a write could touch, the referral versions and the stock: a refused request changes none. */
export async function serviceState(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = (await query(`SELECT count(*)::int AS n FROM ${t}`))[0].n;
  out.referralVersions = (await query(`SELECT coalesce(sum(version), 0)::int AS v FROM referral`))[0].v;
  out.stock = (await query(`SELECT coalesce(sum(quantity), 0)::int AS q FROM stock_balance`))[0].q;
  return out;
}

/** Audit entries about one record (as an auditor, who must give a reason). */
export const auditEntries = (recordId: string) =>
  auditEntriesAbout(recordId, 'knife-swaps e2e: check the trail');

export const SAFETY_ADVICE = [
  'STORAGE_OF_REPLACEMENT_KNIVES',
  'NO_POINTED_KNIVES_BROUGHT_BACK',
  'KNIFE_CARRYING_RISKS_DISCUSSED',
  'SUPPORT_SERVICES_SIGNPOSTED',
];

export function referralBody(over: Record<string, unknown> = {}) {
  return {
    reason: 'WEAPON_CARRYING',
    referringAgency: 'EARLY_HELP',
    district: 'medway',
    addressLines: [`${Math.floor(Math.random() * 200) + 1} Invented Road`, 'Chatham'],
    postcode: 'ME4 4ZZ',
    householdMembers: [
      { relationship: 'parent', ageBand: '25_PLUS' },
      { relationship: 'young person of concern', ageBand: '10_17' },
    ],
    householderName: 'Jo Testing',
    householderEmail: 'jo.testing@example.org',
    youngPersonName: 'Sam Testing',
    youngPersonDob: '2011-03-04',
    ...over,
  };
}

/** A new store with its own stock, unique per run (the database is shared and used). */
export async function newStore(stock: Record<string, number>, reorderLevel = 0): Promise<string> {
  const id = `test-${randomUUID().slice(0, 8)}`;
  const r = await api('POST', '/stores', {
    as: COORDINATOR,
    body: { id, name: `Test store ${id}`, district: 'medway', reorderLevel },
  });
  if (r.status !== 201) throw new Error(`store: ${r.status} ${r.text}`);
  for (const [kitType, quantity] of Object.entries(stock)) {
    if (!quantity) continue;
    const m = await api('POST', `/stores/${id}/movements`, {
      as: COORDINATOR,
      body: { kind: 'RECEIPT', kitType, quantity },
    });
    if (m.status !== 201) throw new Error(`receipt: ${m.status} ${m.text}`);
  }
  return id;
}

/** A referral taken to CONSENTED (ready for its swap). */
export async function consentedReferral(
  as = EARLY_HELP,
  over: Record<string, unknown> = {},
): Promise<string> {
  const c = await api('POST', '/referrals', { as, body: referralBody(over) });
  if (c.status !== 201) throw new Error(`referral: ${c.status} ${c.text}`);
  const id = c.body.id as string;
  const steps: Array<[string, string, unknown]> = [
    [
      COORDINATOR,
      'discussions',
      {
        heldOn: today(),
        protectiveFactors: 'Mother engaged with Early Help; grandparent nearby',
        homeCircumstances: 'Three-bedroom house, four occupants',
        youngPerson: 'Arrested last month for possession of a bladed article',
        familyEngagement: 'ENGAGED',
      },
    ],
    [COORDINATOR, 'eligibility', { decision: 'ELIGIBLE', reason: 'Engaged family, weapon concern' }],
    [
      PRACTITIONER,
      'consent',
      { given: true, allPointedKnives: true, householderName: 'Jo Testing', recordedOn: today() },
    ],
  ];
  for (const [user, step, body] of steps) {
    const r = await api('POST', `/referrals/${id}/${step}`, { as: user, body });
    if (r.status >= 300) throw new Error(`${step}: ${r.status} ${r.text}`);
  }
  return id;
}

export const bagNumber = () => `BAG-${randomUUID().slice(0, 8).toUpperCase()}`;

export function swapBody(storeId: string, over: Record<string, unknown> = {}) {
  return {
    swappedOn: today(),
    storeId,
    kitType: 'FOUR_PACK',
    kitQuantity: 1,
    knivesSurrendered: 7,
    safetyAdvice: SAFETY_ADVICE,
    bagNumber: bagNumber(),
    ...over,
  };
}
