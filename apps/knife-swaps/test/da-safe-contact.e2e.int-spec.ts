// Writing to a domestic-abuse household (knife-swap-rules household-contact.rule.ts), on the real stack through the
// gateway: without a safe channel agreed with the victim nothing is sent and a practitioner is asked to tell the
// household in person; with one, only that channel is used; a bad safe-contact choice is refused and writes nothing.
import { randomUUID } from 'node:crypto';
import {
  api,
  consentedReferral,
  EARLY_HELP,
  newStore,
  PRACTITIONER,
  query,
  referralBody,
  serviceState,
  swapBody,
} from './support';

const da = (over: Record<string, unknown> = {}) => ({
  reason: 'HIGH_RISK_DOMESTIC_ABUSE',
  daRiskAssessmentRef: `DASH-${randomUUID().slice(0, 6)}`,
  ...over,
});

async function notificationRequests(reference: string) {
  return query<{ payload: string }>(
    `SELECT payload FROM outbox_message WHERE topic = 'platform.notification-requested.v1' AND payload LIKE $1`,
    [`%${reference}%`],
  );
}

describe('writing to a domestic-abuse household', () => {
  let store: string;
  beforeAll(async () => {
    store = await newStore({ FOUR_PACK: 4 });
  });

  it('no safe channel agreed: the swap sends nothing, a practitioner is asked to tell the household in person', async () => {
    const id = await consentedReferral(EARLY_HELP, da());
    const swap = await api('POST', `/referrals/${id}/swap`, { as: PRACTITIONER, body: swapBody(store) });
    expect(swap.status).toBe(201);
    expect(await notificationRequests(swap.body.reference)).toEqual([]);
    const tasks = await query(`SELECT kind, assignee, summary FROM coordinator_task WHERE referral_id = $1`, [
      id,
    ]);
    expect(tasks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'TELL_HOUSEHOLD_IN_PERSON', assignee: 'VRU_PRACTITIONER' }),
      ]),
    );
    expect(tasks.find((t: any) => t.kind === 'TELL_HOUSEHOLD_IN_PERSON').summary).toContain(
      'swap confirmation',
    );
  });

  it('a safe phone agreed: the confirmation goes by text to that number only', async () => {
    const id = await consentedReferral(
      EARLY_HELP,
      da({ safeContact: 'SMS', householderPhone: '07700 900456', householderEmail: 'shared@example.org' }),
    );
    const swap = await api('POST', `/referrals/${id}/swap`, { as: PRACTITIONER, body: swapBody(store) });
    expect(swap.status).toBe(201);
    const sent = await notificationRequests(swap.body.reference);
    expect(sent).toHaveLength(1);
    expect(sent[0].payload).toContain('07700 900456');
    expect(sent[0].payload).not.toContain('shared@example.org');
    const inPerson = await query(
      `SELECT 1 FROM coordinator_task WHERE referral_id = $1 AND kind = 'TELL_HOUSEHOLD_IN_PERSON'`,
      [id],
    );
    expect(inPerson).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'a safe channel on an ordinary referral',
      { safeContact: 'SMS', householderPhone: '07700 900111' },
      'SKRS_SAFE_CONTACT_NOT_EXPECTED',
    ],
    [
      'a safe email with no email address',
      da({ safeContact: 'EMAIL', householderEmail: undefined }),
      'SKRS_SAFE_CONTACT_DETAIL_MISSING',
    ],
  ])('refused, nothing written: %s', async (_case, over, rule) => {
    const before = await serviceState();
    const r = await api('POST', '/referrals', { as: EARLY_HELP, body: referralBody(over) });
    expect(r.status).toBe(400);
    expect(r.body.violations.map((v: any) => v.rule)).toContain(rule);
    expect(await serviceState()).toEqual(before);
  });

  it('a channel that is not on the list is refused by the request validation', async () => {
    const r = await api('POST', '/referrals', {
      as: EARLY_HELP,
      body: referralBody(da({ safeContact: 'LETTER' })),
    });
    expect(r.status).toBe(400);
    expect(r.text).toContain('safeContact must be one of EMAIL, SMS, NONE');
  });
});
