// Households matched across referrals (issue 12 §1), on the real stack through the gateway: a household referred
// again — by another agency, or written a little differently — is recognised, the coordinator sees the earlier
// referrals and swaps, and each reader sees only the earlier referrals its role may know of.
import { randomUUID } from 'node:crypto';
import { api, COORDINATOR, EARLY_HELP, PRACTITIONER, query, referralBody, YJS } from './support';

/** A street no other run uses: the database is shared and keeps earlier runs' referrals. */
const street = () => `${randomUUID().slice(0, 6)} Matching Lane`;
const REASON = 'household matching e2e: coordinator checks the address history';

async function refer(as: string, over: Record<string, unknown>) {
  const r = await api('POST', '/referrals', { as, body: referralBody(over) });
  if (r.status !== 201) throw new Error(`referral: ${r.status} ${r.text}`);
  return r.body as { id: string; reference: string; householdId: string; householdReferredBefore?: boolean };
}

describe('households across referrals', () => {
  it('the same address written differently is one household; the coordinator is told and sees the history', async () => {
    const s = street();
    const first = await refer(EARLY_HELP, { addressLines: [`12 ${s}`, 'Chatham'], postcode: 'ME4 6QQ' });
    // Another agency, referred through the VRU, writes the same address its own way.
    const second = await refer(COORDINATOR, {
      referringAgency: 'YOUTH_JUSTICE',
      referringOrganisation: 'youth-justice-kent',
      addressLines: [`12, ${s.replace('Lane', 'Ln')}`],
      postcode: 'me46qq',
    });
    expect(second.householdId).toBe(first.householdId);
    expect(second.householdReferredBefore).toBe(true);

    const seen = await api('GET', `/referrals/${second.id}`, { as: COORDINATOR });
    expect(seen.status).toBe(200);
    expect(seen.body.household.otherReferrals.map((r: any) => r.reference)).toEqual([first.reference]);
    // Nothing personal about the other referral is in the list: the reader opens it to see more.
    expect(Object.keys(seen.body.household.otherReferrals[0]).sort()).toEqual(
      [
        'domesticAbuse',
        'id',
        'knivesSurrendered',
        'reason',
        'referredOn',
        'referringOrganisation',
        'reference',
        'status',
        'swappedOn',
      ].sort(),
    );

    const [task] = await query(
      `SELECT summary FROM coordinator_task WHERE referral_id = $1 AND kind = 'DISCUSS_REFERRAL'`,
      [second.id],
    );
    expect(task.summary).toContain('referred before (1 earlier referral)');
    const [firstTask] = await query(
      `SELECT summary FROM coordinator_task WHERE referral_id = $1 AND kind = 'DISCUSS_REFERRAL'`,
      [first.id],
    );
    expect(firstTask.summary).not.toContain('referred before');
  });

  it('a partner sees only its own organisation’s earlier referrals of the household, and is not told of others', async () => {
    const s = street();
    const own = await refer(EARLY_HELP, { addressLines: [`3 ${s}`], postcode: 'ME7 2AB' });
    const other = await refer(YJS, {
      referringAgency: 'YOUTH_JUSTICE',
      addressLines: [`3 ${s}`],
      postcode: 'ME7 2AB',
    });
    expect(other.householdId).toBe(own.householdId);
    // A partner's own intake response does not say whether someone else referred the address.
    expect(other).not.toHaveProperty('householdReferredBefore');
    const asOwner = await api('GET', `/referrals/${own.id}`, { as: EARLY_HELP });
    expect(asOwner.status).toBe(200);
    expect(asOwner.body.household.otherReferrals).toEqual([]);
    const asVru = await api('GET', `/referrals/${own.id}`, { as: PRACTITIONER });
    expect(asVru.body.household.otherReferrals.map((r: any) => r.id)).toEqual([other.id]);
  });

  it('a domestic-abuse referral at the address is listed to VRU roles only, never to the partner', async () => {
    const s = street();
    const plain = await refer(EARLY_HELP, {
      addressLines: [`8 ${s}`],
      postcode: 'CT1 1ZZ',
      district: 'canterbury',
    });
    const da = await refer(EARLY_HELP, {
      reason: 'HIGH_RISK_DOMESTIC_ABUSE',
      daRiskAssessmentRef: `DASH-${randomUUID().slice(0, 6)}`,
      addressLines: [`8 ${s}`],
      postcode: 'CT1 1ZZ',
      district: 'canterbury',
    });
    expect(da.householdId).toBe(plain.householdId);
    const asPartner = await api('GET', `/referrals/${plain.id}`, { as: EARLY_HELP });
    expect(asPartner.body.household.otherReferrals).toEqual([]);
    const asCoordinator = await api('GET', `/referrals/${plain.id}`, { as: COORDINATOR });
    expect(asCoordinator.body.household.otherReferrals).toEqual([
      expect.objectContaining({ id: da.id, domesticAbuse: true }),
    ]);
    // Opening the DA referral itself still needs a reason.
    expect((await api('GET', `/referrals/${da.id}`, { as: COORDINATOR })).status).toBe(400);
    expect((await api('GET', `/referrals/${da.id}`, { as: COORDINATOR, reason: REASON })).status).toBe(200);
  });

  it('two flats of one building are two households; the same flat written twice is one', async () => {
    const building = `${randomUUID().slice(0, 6)} House`;
    const flat2 = await refer(EARLY_HELP, {
      addressLines: ['Flat 2', building, 'Chatham'],
      postcode: 'ME4 5XY',
    });
    const flat3 = await refer(EARLY_HELP, { addressLines: ['Flat 3', building], postcode: 'ME4 5XY' });
    const flat2Again = await refer(YJS, {
      referringAgency: 'YOUTH_JUSTICE',
      addressLines: ['flat 2', building],
      postcode: 'ME4 5XY',
    });
    expect(flat3.householdId).not.toBe(flat2.householdId);
    expect(flat2Again.householdId).toBe(flat2.householdId);
  });
});
