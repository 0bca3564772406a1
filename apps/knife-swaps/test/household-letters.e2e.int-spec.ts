// Reading what was written to a knife-swap household (its swap confirmation, through apps/notifications) is a
// personal-data read like the others, on the real stack through the gateway: without X-Access-Reason a 400 naming
// the header and nothing recorded; with one a 200 and exactly one access record (who, when, why). The list of a
// referral's messages (status, channel, masked recipient, no content) stays readable without a reason.
import { waitFor } from '@oversight/testing';
import {
  api,
  auditEntries,
  consentedReferral,
  COORDINATOR,
  GATEWAY,
  newStore,
  PRACTITIONER,
  query,
  swapBody,
  tokenFor,
} from './support';

const REASON = 'checking the household was told of its swap';

async function notifications(path: string, as: string, reason?: string) {
  const res = await fetch(`${GATEWAY}/api/notifications/notifications${path}`, {
    headers: {
      authorization: `Bearer ${await tokenFor(as)}`,
      ...(reason ? { 'x-access-reason': reason } : {}),
    },
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : undefined };
}

/** The gateway's own access records of one record, committed before it answered (its outbox). */
async function gatewayAccessRecords(recordId: string): Promise<number> {
  const [{ n }] = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM outbox_message WHERE topic = 'platform.access-recorded.v1' AND message_key = $1`,
    [recordId],
    'gateway',
  );
  return n;
}

describe('a knife-swap household’s letters', () => {
  let reference: string;
  let notificationId: string;
  beforeAll(async () => {
    const store = await newStore({ FOUR_PACK: 1 });
    const id = await consentedReferral();
    const swap = await api('POST', `/referrals/${id}/swap`, { as: PRACTITIONER, body: swapBody(store) });
    expect(swap.status).toBe(201);
    reference = swap.body.reference;
    const [row] = await waitFor(
      'the swap confirmation to reach apps/notifications',
      () =>
        query<{ id: string; status: string }>(
          `SELECT id::text AS id, status::text AS status FROM notification WHERE reference = $1`,
          [reference],
          'notifications',
        ),
      (rows) => rows.length === 1 && rows[0].status !== 'QUEUED',
    );
    notificationId = row.id;
  });

  it('without a reason: 400 naming X-Access-Reason, nothing released, nothing recorded', async () => {
    const res = await notifications(`/${notificationId}`, COORDINATOR);
    expect(res.status).toBe(400);
    expect(res.body.violations).toEqual([
      expect.objectContaining({ rule: 'NOTIFICATION_ACCESS_REASON_REQUIRED', field: 'x-access-reason' }),
    ]);
    expect(res.body.violations[0].message).toContain('X-Access-Reason');
    expect(res.text).not.toContain('Jo Testing');
    expect(await gatewayAccessRecords(notificationId)).toBe(0);
  });

  it('with a reason: 200 with the message, and one access record naming who, when and why', async () => {
    const before = Date.now();
    const res = await notifications(`/${notificationId}`, COORDINATOR, REASON);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: notificationId,
      reference,
      templateKey: 'knife-swap.swap-confirmation',
    });
    expect(res.body.body).toContain('Jo Testing');
    expect(await gatewayAccessRecords(notificationId)).toBe(1);
    // The audit trail has it, and only it (the refused read above, in the same order on the same key, is not there).
    // The trail of the notification also holds its request and dispatch (disclosures by the services).
    const reads = (
      await waitFor(
        'the consultation in the audit trail',
        () => auditEntries(notificationId),
        (es) => es.some((e) => e.eventType === 'platform.access-recorded'),
      )
    ).filter((e) => e.eventType === 'platform.access-recorded');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      recordType: 'notification',
      recordId: notificationId,
      processing: 'CONSULTATION',
      actorSubject: COORDINATOR,
      justification: REASON,
      allowed: true,
    });
    const at = Date.parse(reads[0].occurredAt);
    expect(at).toBeGreaterThanOrEqual(before - 5_000);
    expect(at).toBeLessThanOrEqual(Date.now() + 5_000);
  });

  it('the list of the referral’s messages needs no reason: status and channel, recipient masked, no content', async () => {
    const res = await notifications(`?reference=${reference}`, COORDINATOR);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      expect.objectContaining({ id: notificationId, recipientSummary: 'email to j***@example.org' }),
    ]);
    expect(res.text).not.toContain('Jo Testing');
    expect(res.text).not.toContain('jo.testing@');
  });
});
