// Special-category data at referral and its breakdown in the board report (issue 11 item 9; domain.md 4.2.5, 4.4.3),
// through the gateway on the running stack: closed lists (bad values refused naming the field, nothing written),
// stored apart (never in the referral view), the breakdown only for the VRU manager, totals only for the others.
import { randomUUID } from 'node:crypto';
import { api, query, today } from './support';

const RUN = randomUUID().slice(0, 8).toUpperCase();
const BASE = '/api/tag-referrals';
const MANAGER = 'vru.manager.rhian';

const bornAged = (years: number) => {
  const d = new Date(`${today()}T12:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

const body = (name: string, specialCategory?: unknown) => ({
  subjectName: name,
  dateOfBirth: bornAged(15),
  addressLines: ['4 Test Close', 'Maidstone'],
  referrerEmail: 'yjs.referrals@example.org',
  agency: 'YOUTH_JUSTICE',
  grounds: 'CRIMINAL_EXPLOITATION_RISK',
  multiAgencyPlanRef: `CIN-${RUN}`,
  riskLevel: 'LOW',
  tagType: 'GPS',
  monitoringBasis: 'VOLUNTARY',
  pool: 'VRU',
  summary: 'Special category e2e.',
  ...(specialCategory ? { specialCategory } : {}),
});

const board = (as: string) => api('GET', `${BASE}/reports/board?from=${today()}&to=${today()}`, { as });
const mixed = (r: any) => r.body.specialCategory.ethnicity.find((c: any) => c.key === 'MIXED');

describe('special-category data and the board breakdown (issue 11 item 9)', () => {
  it('refuses a value outside the closed lists, naming the field, and writes nothing', async () => {
    for (const [sc, field] of [
      [{ ethnicity: 'PURPLE', sex: 'FEMALE', disability: 'NO' }, 'specialCategory.ethnicity'],
      [{ ethnicity: 'WHITE', sex: 'X', disability: 'NO' }, 'specialCategory.sex'],
      [{ ethnicity: 'WHITE', sex: 'MALE' }, 'specialCategory.disability'],
      [[], 'specialCategory must be an object'],
    ] as const) {
      const name = `SC Refused ${RUN}-${randomUUID().slice(0, 4)}`;
      const res = await api('POST', `${BASE}/referrals`, { as: 'partner.yjs', body: body(name, sc) });
      expect(res.status).toBe(400);
      expect(res.text).toContain(field);
      const rows = await query(
        'tag_referrals',
        `SELECT count(*)::int AS n FROM referral WHERE subject_name = $1`,
        [name],
      );
      expect(rows[0].n).toBe(0);
    }
  });

  it('is stored apart, never shown on the referral; the breakdown is the manager’s, the others get totals', async () => {
    const before = await board(MANAGER);
    expect(before.status).toBe(200);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await api('POST', `${BASE}/referrals`, {
        as: 'partner.yjs',
        body: body(`SC Person ${RUN}-${i}`, { ethnicity: 'MIXED', sex: 'FEMALE', disability: 'NOT_STATED' }),
      });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const stored = await query(
      'tag_referrals',
      `SELECT count(*)::int AS n FROM referral_special_category WHERE referral_id = ANY($1::uuid[]) AND ethnicity = 'MIXED'`,
      [ids],
    );
    expect(stored[0].n).toBe(5);
    const view = await api('GET', `${BASE}/referrals/${ids[0]}`, { as: 'vru.sam', reason: 'triage check' });
    expect(view.status).toBe(200);
    expect(view.text).not.toMatch(/MIXED|ethnicity|specialCategory/);

    const after = await board(MANAGER);
    expect(after.body.specialCategory).toMatchObject({ suppressedBelow: 5 });
    expect(after.body.specialCategory.ethnicity.map((c: any) => c.key)).toEqual([
      'ASIAN',
      'BLACK',
      'MIXED',
      'WHITE',
      'OTHER',
      'NOT_STATED',
    ]);
    expect(mixed(after)).toMatchObject({ suppressed: false });
    expect(mixed(after).referrals).toBeGreaterThanOrEqual(5);
    if (!mixed(before).suppressed) expect(mixed(after).referrals).toBe(mixed(before).referrals + 5);
    for (const c of after.body.specialCategory.sex) if (c.suppressed) expect(c.referrals).toBeNull();

    for (const who of ['vru.sam', 'auditor.ruth']) {
      const totals = await board(who);
      expect(totals.status).toBe(200);
      expect(totals.body.specialCategory).toBeUndefined();
      expect(totals.body.decisions).toBeDefined();
    }
    const csv = await api('GET', `${BASE}/reports/board.csv?from=${today()}&to=${today()}`, { as: MANAGER });
    expect(csv.status).toBe(200);
    expect(csv.text).not.toMatch(/MIXED|ethnicity|special/i);
  });
});
