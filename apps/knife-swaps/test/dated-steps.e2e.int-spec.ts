// Steps dated after today are refused before anything is written (400 SKRS_DATE_IN_FUTURE against the date's field:
// common/dates.ts refuseFutureDate, shared by consent, swap and follow-up), and the stock forms' kit quantity is
// checked alike for receipts, write-offs and transfers; on the real stack through the gateway.
import {
  api,
  consentedReferral,
  COORDINATOR,
  newStore,
  PRACTITIONER,
  serviceState,
  swapBody,
  today,
} from './support';

const tomorrow = () => {
  const d = new Date(`${today()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

describe('a step dated after today', () => {
  let store: string;
  let consented: string;
  let swapped: string;
  beforeAll(async () => {
    store = await newStore({ FOUR_PACK: 2 });
    consented = await consentedReferral();
    swapped = await consentedReferral();
    const s = await api('POST', `/referrals/${swapped}/swap`, { as: PRACTITIONER, body: swapBody(store) });
    expect(s.status).toBe(201);
  });

  it.each<[string, () => string, string, () => Record<string, unknown>]>([
    [
      'consent',
      () => `/referrals/${consented}/consent`,
      'recordedOn',
      () => ({ given: true, allPointedKnives: true, householderName: 'Jo Testing', recordedOn: tomorrow() }),
    ],
    [
      'swap',
      () => `/referrals/${consented}/swap`,
      'swappedOn',
      () => swapBody(store, { swappedOn: tomorrow() }),
    ],
    [
      'follow-up',
      () => `/referrals/${swapped}/follow-up`,
      'followedUpOn',
      () => ({ followedUpOn: tomorrow(), outcome: 'NO_CONCERNS' }),
    ],
  ])('%s: 400 SKRS_DATE_IN_FUTURE on its date, nothing written', async (_step, path, field, body) => {
    const before = await serviceState();
    const res = await api('POST', path(), { as: PRACTITIONER, body: body() });
    expect(res.status).toBe(400);
    expect(res.body.violations).toEqual([expect.objectContaining({ rule: 'SKRS_DATE_IN_FUTURE', field })]);
    expect(await serviceState()).toEqual(before);
  });
});

describe('kit quantities on the stock forms', () => {
  it.each<[string, (store: string) => string, Record<string, unknown>]>([
    [
      'a receipt',
      (s) => `/stores/${s}/movements`,
      { kind: 'RECEIPT', kitType: 'FOUR_PACK', quantity: 'lots' },
    ],
    [
      'a transfer',
      (s) => `/stores/${s}/transfers`,
      { toStoreId: 'medway-x', kitType: 'FOUR_PACK', quantity: 1.5 },
    ],
  ])(
    '%s with a quantity that is not a whole number: 400 naming it, nothing written',
    async (_form, path, body) => {
      const store = await newStore({ FOUR_PACK: 1 });
      const before = await serviceState();
      const res = await api('POST', path(store), { as: COORDINATOR, body });
      expect(res.status).toBe(400);
      expect(res.text).toContain('quantity must be a whole number');
      expect(await serviceState()).toEqual(before);
    },
  );
});
