// The Safer Knife Replacement Scheme on the real stack, through the gateway: a referral taken from a partner's
// referral to the follow-up (stock issued, knives in custody until destroyed, the swap's workflow started from the
// outbox event and ended by the service's signals, audit entries with their processing kinds); bad input refused
// with the rule named and nothing written; partners kept to their own organisation's referrals; DA referrals
// restricted and every read logged with its reason; two officers issuing the last pack at the same moment.
import { connectTemporalClient } from '@oversight/temporal';
import { SHARED_TEMPORAL_ADDRESS, waitFor } from '@oversight/testing';
import { Client as TemporalClient } from '@temporalio/client';
import { swapWorkflowId } from '../src/workflows/swap.types';
import {
  api,
  auditEntries,
  bagNumber,
  consentedReferral,
  COORDINATOR,
  EARLY_HELP,
  MANAGER,
  newStore,
  PRACTITIONER,
  query,
  referralBody,
  serviceState,
  swapBody,
  today,
  YJS,
} from './support';

let temporal: TemporalClient;
beforeAll(async () => {
  temporal = await connectTemporalClient({ address: SHARED_TEMPORAL_ADDRESS, namespace: 'default' });
});
afterAll(async () => {
  await temporal.connection.close();
});

describe('a referral from referral to follow-up', () => {
  it('refers, discusses, decides, consents, swaps from stock, keeps custody to destruction and follows up', async () => {
    const store = await newStore({ FOUR_PACK: 3, SINGLE_5_INCH: 1 }, 2);
    const created = await api('POST', '/referrals', { as: EARLY_HELP, body: referralBody() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'REFERRED',
      reference: expect.stringMatching(/^SKRS-\d{4}-\d{6}$/),
    });
    const id = created.body.id as string;

    // domain.md 3.3.2: no eligibility decision before the discussion; 3.3.5: no swap before consent.
    const early = await api('POST', `/referrals/${id}/eligibility`, {
      as: COORDINATOR,
      body: { decision: 'ELIGIBLE', reason: 'x' },
    });
    expect(early.status).toBe(400);
    expect(early.body.violations[0].rule).toBe('SKRS_TRANSITION_NOT_ALLOWED');

    const id2 = await consentedReferral(); // the same steps on a second referral, via the helper
    expect((await api('GET', `/referrals/${id2}`, { as: COORDINATOR })).body.status).toBe('CONSENTED');

    expect(
      (
        await api('POST', `/referrals/${id}/discussions`, {
          as: COORDINATOR,
          body: {
            heldOn: today(),
            protectiveFactors: 'Older sister supportive; attends youth club',
            homeCircumstances: 'Flat, three occupants',
            youngPerson: 'Intelligence that he carries a knife',
            familyEngagement: 'ENGAGED',
          },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api('POST', `/referrals/${id}/eligibility`, {
          as: COORDINATOR,
          body: { decision: 'ELIGIBLE', reason: 'Family engaged' },
        })
      ).body.status,
    ).toBe('ELIGIBLE');
    expect(
      (
        await api('POST', `/referrals/${id}/consent`, {
          as: PRACTITIONER,
          body: { given: true, allPointedKnives: true, householderName: 'Jo Testing', recordedOn: today() },
        })
      ).body.status,
    ).toBe('CONSENTED');

    const swap = await api('POST', `/referrals/${id}/swap`, {
      as: PRACTITIONER,
      body: swapBody(store, { kitQuantity: 1, knivesSurrendered: 9 }),
    });
    expect(swap.status).toBe(201);
    expect(swap.body).toMatchObject({
      status: 'SWAPPED',
      stock: { balanceAfter: 2, reorderLevelReached: true },
    });
    const { swapId, bagId } = swap.body;

    // Reorder level reached: one task for the coordinator.
    const tasks = await api('GET', '/tasks?assignee=VRU_COORDINATOR', { as: COORDINATOR });
    expect(tasks.body.filter((t: any) => t.storeId === store && t.kind === 'STOCK_REORDER')).toHaveLength(1);

    // The workflow is started by the consumer of the committed event.
    const handle = temporal.workflow.getHandle(swapWorkflowId(swapId));
    await waitFor(
      'the swap workflow',
      () => handle.describe().then((d) => d.status.name),
      (s) => s === 'RUNNING',
    );

    // Custody: transfer, hand for destruction, destroy (with a certificate).
    const noCert = await api('POST', `/custody/${bagId}/steps`, {
      as: PRACTITIONER,
      body: { action: 'DESTROY' },
    });
    expect(noCert.status).toBe(400);
    for (const body of [
      { action: 'TRANSFER', holder: 'Medway police station property store' },
      { action: 'HAND_FOR_DESTRUCTION', holder: 'Invented Metal Recycling Ltd' },
      { action: 'DESTROY', certificateRef: 'IMR-2026-0042' },
    ])
      expect((await api('POST', `/custody/${bagId}/steps`, { as: PRACTITIONER, body })).status).toBe(200);

    const follow = await api('POST', `/referrals/${id}/follow-up`, {
      as: PRACTITIONER,
      body: { followedUpOn: today(), outcome: 'NO_CONCERNS', notes: 'Household using the rounded knives' },
    });
    expect(follow.body.status).toBe('FOLLOWED_UP');
    // Both waits ended by signals: the workflow completes.
    await waitFor(
      'the swap workflow to complete',
      () => handle.describe().then((d) => d.status.name),
      (s) => s === 'COMPLETED',
    );
    expect(await handle.result()).toMatchObject({ custody: 'DESTROYED', followUp: 'DONE', chased: false });

    const full = await api('GET', `/referrals/${id}`, { as: COORDINATOR });
    expect(full.body.swap).toMatchObject({
      knivesSurrendered: 9,
      kitType: 'FOUR_PACK',
      followUp: { outcome: 'NO_CONCERNS' },
    });
    expect(full.body.swap.custody.chain.map((c: any) => c.statusAfter)).toEqual([
      'SEALED',
      'HELD',
      'HANDED_FOR_DESTRUCTION',
      'DESTROYED',
    ]);

    // The audit trail of the referral, with the processing kind of each change.
    const entries = await waitFor(
      'audit entries of the referral',
      () => auditEntries(id),
      (es) => es.length >= 6,
    );
    expect(entries.map((e) => e.processing)).toEqual(expect.arrayContaining(['COLLECTION', 'ALTERATION']));
    // The householder was written to (swap confirmation) through apps/notifications.
    const n = await waitFor(
      'the swap confirmation request',
      () =>
        query(
          `SELECT count(*)::int AS n FROM outbox_message WHERE topic = 'platform.notification-requested.v1' AND payload LIKE $1 AND published_at IS NOT NULL`,
          [`%${full.body.reference}%`],
        ),
      (rows) => rows[0].n === 1,
    );
    expect(n[0].n).toBe(1);
  });
});

describe('bad input gets a 4xx naming the rule and changes nothing', () => {
  let store: string;
  let consented: string;
  beforeAll(async () => {
    store = await newStore({ FOUR_PACK: 2 });
    consented = await consentedReferral();
  });

  const cases: Array<[string, () => Promise<{ status: number; body: any }>, string]> = [
    [
      'an unknown referral reason (the list is named)',
      () =>
        api('POST', '/referrals', { as: EARLY_HELP, body: referralBody({ reason: 'ANTISOCIAL_BEHAVIOUR' }) }),
      'SKRS_REFERRAL_REASON_UNKNOWN',
    ],
    [
      'a DA referral without a risk assessment reference',
      () =>
        api('POST', '/referrals', {
          as: EARLY_HELP,
          body: referralBody({ reason: 'HIGH_RISK_DOMESTIC_ABUSE' }),
        }),
      'SKRS_DA_RISK_ASSESSMENT_REQUIRED',
    ],
    [
      'a district outside Kent and Medway',
      () => api('POST', '/referrals', { as: EARLY_HELP, body: referralBody({ district: 'croydon' }) }),
      'SKRS_DISTRICT_UNKNOWN',
    ],
    [
      'zero knives',
      () =>
        api('POST', `/referrals/${consented}/swap`, {
          as: PRACTITIONER,
          body: swapBody(store, { knivesSurrendered: 0 }),
        }),
      'SKRS_KNIFE_COUNT_OUT_OF_RANGE',
    ],
    [
      'a negative knife count',
      () =>
        api('POST', `/referrals/${consented}/swap`, {
          as: PRACTITIONER,
          body: swapBody(store, { knivesSurrendered: -2 }),
        }),
      'SKRS_KNIFE_COUNT_OUT_OF_RANGE',
    ],
    [
      'an absurd knife count',
      () =>
        api('POST', `/referrals/${consented}/swap`, {
          as: PRACTITIONER,
          body: swapBody(store, { knivesSurrendered: 5000 }),
        }),
      'SKRS_KNIFE_COUNT_OUT_OF_RANGE',
    ],
    [
      'a kit the scheme does not offer',
      () =>
        api('POST', `/referrals/${consented}/swap`, {
          as: PRACTITIONER,
          body: swapBody(store, { kitType: 'CHEF_SET' }),
        }),
      'SKRS_KIT_TYPE_UNKNOWN',
    ],
    [
      'a kit the store does not have',
      () =>
        api('POST', `/referrals/${consented}/swap`, {
          as: PRACTITIONER,
          body: swapBody(store, { kitType: 'SINGLE_5_INCH' }),
        }),
      'SKRS_STOCK_INSUFFICIENT',
    ],
    [
      'a store that does not exist',
      () =>
        api('POST', `/referrals/${consented}/swap`, {
          as: PRACTITIONER,
          body: swapBody('no-such-store'),
        }),
      'SKRS_STORE_UNKNOWN',
    ],
    [
      'more kits than the store holds',
      () =>
        api('POST', `/referrals/${consented}/swap`, {
          as: PRACTITIONER,
          body: swapBody(store, { kitQuantity: 3 }),
        }),
      'SKRS_STOCK_INSUFFICIENT',
    ],
    [
      'safety advice not given',
      () =>
        api('POST', `/referrals/${consented}/swap`, {
          as: PRACTITIONER,
          body: swapBody(store, { safetyAdvice: [] }),
        }),
      'SKRS_SAFETY_ADVICE_INCOMPLETE',
    ],
    [
      'a write-off of stock the store does not have',
      () =>
        api('POST', `/stores/${store}/movements`, {
          as: COORDINATOR,
          body: { kind: 'WRITE_OFF', kitType: 'FOUR_PACK', quantity: 3 },
        }),
      'SKRS_STOCK_INSUFFICIENT',
    ],
  ];

  it.each(cases)('%s', async (_name, call, rule) => {
    const before = await serviceState();
    const res = await call();
    expect(res.status).toBe(400);
    expect(res.body.violations.map((v: any) => v.rule)).toContain(rule);
    expect(await serviceState()).toEqual(before);
  });

  it('a swap without recorded consent', async () => {
    const c = await api('POST', '/referrals', { as: EARLY_HELP, body: referralBody() });
    const before = await serviceState();
    const res = await api('POST', `/referrals/${c.body.id}/swap`, {
      as: PRACTITIONER,
      body: swapBody(store),
    });
    expect(res.status).toBe(400);
    expect(res.body.violations[0].rule).toBe('SKRS_CONSENT_REQUIRED');
    expect(await serviceState()).toEqual(before);
  });

  it('a consent that does not cover all pointed knives', async () => {
    const before = await serviceState();
    const res = await api('POST', `/referrals/${consented}/consent`, {
      as: PRACTITIONER,
      body: { given: true, allPointedKnives: false, householderName: 'Jo', recordedOn: today() },
    });
    expect(res.status).toBe(400);
    expect(res.body.violations[0].rule).toBe('SKRS_CONSENT_MUST_COVER_ALL_POINTED_KNIVES');
    expect(await serviceState()).toEqual(before);
  });
});

describe('who sees what', () => {
  it('partner referrers see only their own organisation’s referrals', async () => {
    const mine = await api('POST', '/referrals', { as: EARLY_HELP, body: referralBody() });
    const theirs = await api('POST', '/referrals', {
      as: YJS,
      body: referralBody({ referringAgency: 'YOUTH_JUSTICE' }),
    });
    expect((await api('GET', `/referrals/${mine.body.id}`, { as: EARLY_HELP })).status).toBe(200);
    expect((await api('GET', `/referrals/${theirs.body.id}`, { as: EARLY_HELP })).status).toBe(404);
    const list = await api('GET', '/referrals?status=ALL&limit=200', { as: YJS });
    expect(list.body.every((r: any) => r.referringOrganisation === 'youth-justice-kent')).toBe(true);
    expect(list.body.map((r: any) => r.id)).toContain(theirs.body.id);
    // A partner cannot refer in another organisation's name.
    const forged = await api('POST', '/referrals', {
      as: YJS,
      body: referralBody({ referringOrganisation: 'early-help-medway' }),
    });
    expect(forged.status).toBe(400);
  });

  it('DA referrals: VRU roles only, with a reason, and every read is logged with it', async () => {
    const da = await api('POST', '/referrals', {
      as: EARLY_HELP,
      body: referralBody({ reason: 'HIGH_RISK_DOMESTIC_ABUSE', daRiskAssessmentRef: 'DASH-TEST-1' }),
    });
    expect(da.status).toBe(201);
    const id = da.body.id as string;
    expect(
      (await api('GET', `/referrals/${id}`, { as: EARLY_HELP, reason: 'checking our referral' })).status,
    ).toBe(403);
    const noReason = await api('GET', `/referrals/${id}`, { as: MANAGER });
    expect(noReason.status).toBe(400);
    expect(noReason.body.violations[0].rule).toBe('SKRS_ACCESS_REASON_REQUIRED');
    const read = await api('GET', `/referrals/${id}`, { as: MANAGER, reason: 'DA case oversight review' });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ domesticAbuse: true, daRiskAssessmentRef: 'DASH-TEST-1' });
    const entries = await waitFor(
      'the DA consultation entry',
      () => auditEntries(id),
      (es) => es.some((e) => e.recordType === 'skrs-referral-domestic-abuse'),
    );
    expect(entries.find((e) => e.recordType === 'skrs-referral-domestic-abuse')).toMatchObject({
      processing: 'CONSULTATION',
      justification: 'DA case oversight review',
      actorSubject: MANAGER,
    });
  });
});

describe('stock never goes negative', () => {
  it('two officers recording swaps against the last pack at the same moment: one swap, one refusal, balance 0', async () => {
    for (let round = 0; round < 3; round++) {
      const store = await newStore({ FOUR_PACK: 1 });
      const [a, b] = await Promise.all([consentedReferral(), consentedReferral()]);
      const results = await Promise.all(
        [a, b].map((id) => api('POST', `/referrals/${id}/swap`, { as: PRACTITIONER, body: swapBody(store) })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 400]);
      expect(results.find((r) => r.status === 400)!.body.violations[0].rule).toBe('SKRS_STOCK_INSUFFICIENT');
      const [bal] = await query(
        `SELECT quantity FROM stock_balance WHERE store_id = $1 AND kit_type = 'FOUR_PACK'`,
        [store],
      );
      expect(bal.quantity).toBe(0);
      const issues = await query(
        `SELECT count(*)::int AS n FROM stock_movement WHERE store_id = $1 AND kind = 'ISSUE'`,
        [store],
      );
      expect(issues[0].n).toBe(1);
      const swapped = await query(
        `SELECT count(*)::int AS n FROM referral WHERE id = ANY($1::uuid[]) AND status = 'SWAPPED'`,
        [[a, b]],
      );
      expect(swapped[0].n).toBe(1);
    }
    const negative = await query(`SELECT count(*)::int AS n FROM stock_balance WHERE quantity < 0`);
    expect(negative[0].n).toBe(0);
  });

  it('a bag number is used once', async () => {
    const store = await newStore({ FOUR_PACK: 2 });
    const [a, b] = [await consentedReferral(), await consentedReferral()];
    const bag = bagNumber();
    expect(
      (
        await api('POST', `/referrals/${a}/swap`, {
          as: PRACTITIONER,
          body: swapBody(store, { bagNumber: bag }),
        })
      ).status,
    ).toBe(201);
    const before = await serviceState();
    expect(
      (
        await api('POST', `/referrals/${b}/swap`, {
          as: PRACTITIONER,
          body: swapBody(store, { bagNumber: bag }),
        })
      ).status,
    ).toBe(409);
    expect(await serviceState()).toEqual(before);
  });
});

describe('reports', () => {
  it('swaps and knives removed by district, CSV and the running total', async () => {
    const store = await newStore({ SINGLE_5_INCH: 1 });
    const before = (await api('GET', '/reports/running-total', { as: MANAGER })).body;
    const id = await consentedReferral(EARLY_HELP, { district: 'thanet' });
    expect(
      (
        await api('POST', `/referrals/${id}/swap`, {
          as: PRACTITIONER,
          body: swapBody(store, { kitType: 'SINGLE_5_INCH', knivesSurrendered: 4 }),
        })
      ).status,
    ).toBe(201);
    const after = (await api('GET', '/reports/running-total', { as: MANAGER })).body;
    expect(after.swaps - before.swaps).toBeGreaterThanOrEqual(1);
    expect(after.knivesRemoved - before.knivesRemoved).toBeGreaterThanOrEqual(4);
    expect(after.statement).toContain(`${after.swaps} swap`);
    const byDistrict = (
      await api('GET', `/reports/swaps?from=${today()}&to=${today()}&groupBy=district`, {
        as: 'auditor.ruth',
      })
    ).body;
    expect(byDistrict.groups.find((g: any) => g.key === 'thanet').knivesRemoved).toBeGreaterThanOrEqual(4);
    const csv = await api('GET', `/reports/swaps.csv?from=${today()}&to=${today()}&groupBy=reason`, {
      as: MANAGER,
    });
    expect(csv.status).toBe(200);
    expect(csv.text.split('\n')[0]).toBe('reason,swaps,knives_removed,kits_issued');
    expect(csv.text).toMatch(/^WEAPON_CARRYING,\d+,\d+,\d+$/m);
  });
});
