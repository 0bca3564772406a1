// Issue 9 (roles see only what their job needs): notifications holds letters and messages for four services, so a
// parked one's payload is readable by the roles of the service that asked for it (parkedPayloadRolesFor), not by
// every area's manager. Through the real gateway, which also requires the reason and records the read.
import { randomUUID } from 'node:crypto';
import { GATEWAY, get, query } from './support';

const REASON = { 'x-access-reason': 'parked payload e2e: diagnose a stuck letter' };

/** A parked message as the inbox parks it (the row an operator sees), for a letter asked for by `requester`. */
async function parkedLetter(requester: string): Promise<string> {
  const payload = JSON.stringify({
    metadata: { eventType: 'platform.notification-requested' },
    notificationId: randomUUID(),
    requestedByService: requester,
    recipient: { addressLines: ['Invented Person', '1 Test Row', 'ME4 4ZZ'] },
  });
  const [{ id }] = await query<{ id: string }>(
    `INSERT INTO parked_message (consumer_group, topic, partition, "offset", message_key, headers, payload, reason, error, attempts)
     VALUES ('notifications-access-test', 'platform.notification-requested.v1', 0, $1, $2, '{}'::jsonb, $3, 'HANDLER_FAILED', 'test', 1)
     RETURNING id::text`,
    [String(Date.now() * 1000 + Math.floor(Math.random() * 1000)), randomUUID(), payload],
  );
  return id;
}

const payloadOf = (id: string, as: string) =>
  get(GATEWAY, `/api/notifications/operations/parked-messages/${id}/payload`, as, REASON);

describe('parked notification payloads: the requesting service’s roles only', () => {
  afterAll(async () => {
    await query(`DELETE FROM parked_message WHERE consumer_group = 'notifications-access-test'`);
  });

  it('a knife-swap letter: the VRU manager reads it, the OPCC manager and CJ supervisor do not', async () => {
    const id = await parkedLetter('knife-swaps');
    const vru = await payloadOf(id, 'vru.manager.rhian');
    expect(vru.status).toBe(200);
    expect(vru.body.payload).toContain('knife-swaps');
    expect((await payloadOf(id, 'manager.priya')).status).toBe(403);
    expect((await payloadOf(id, 'cjops.sgt.lena')).status).toBe(403);
  });

  it('a complaint-review letter: the OPCC manager reads it, the VRU manager does not', async () => {
    const id = await parkedLetter('complaint-reviews');
    expect((await payloadOf(id, 'manager.priya')).status).toBe(200);
    const refused = await payloadOf(id, 'vru.manager.rhian');
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain('Invented Person');
  });
});
