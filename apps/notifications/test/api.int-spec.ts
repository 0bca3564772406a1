// The read API of the running service, called directly on its port with tokens from the gateway,
// and through the gateway's route table.
import { NotificationChannel } from '@oversight/contracts';
import { waitFor } from '@oversight/testing';
import { randomUUID } from 'node:crypto';
import {
  accessScope,
  assertServiceRunning,
  closeProducer,
  GATEWAY,
  get,
  NOTIFICATIONS,
  notificationRequest,
  notificationRow,
  publish,
  query,
  removeSinkFiles,
  uniqueReference,
} from './support';

const reference = uniqueReference();
const email = notificationRequest({ reference });
const sms = notificationRequest({
  reference,
  channel: NotificationChannel.SMS,
  templateKey: 'oocr.condition-reminder', // another area's notification under the same reference
  accessScope: null, // oocr sends none: its records carry no team restriction
  recipient: { phoneNumber: '07700 900987' },
  personalisation: {
    name: 'Sam',
    condition: 'attend the course',
    due_on: '3 June 2027',
    contact_details: '01632 960 111',
  },
});

beforeAll(async () => {
  await assertServiceRunning();
  await publish([email, sms]);
  for (const id of [email.notificationId, sms.notificationId])
    await waitFor(
      `notification ${id} to be SENT`,
      () => notificationRow(id),
      (r) => r?.status === 'SENT',
    );
});

afterAll(async () => {
  await closeProducer();
  removeSinkFiles([email.notificationId, sms.notificationId]);
});

describe('GET /notifications?reference=', () => {
  it('lists a case’s notifications for a reviewer: status, channel, template, sent date, recipient masked, no content', async () => {
    const res = await get(NOTIFICATIONS, `/notifications?reference=${reference}`, 'reviewer.amara');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        id: email.notificationId,
        reference,
        status: 'SENT',
        channel: 'EMAIL',
        templateKey: 'complaint-review.acknowledgement',
        recipientSummary: 'email to d***@example.org',
        sentOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      }),
    ]);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('delphine');
    expect(text).not.toContain('Dear ');
  });

  it('shows each area only its own notifications', async () => {
    const res = await get(NOTIFICATIONS, `/notifications?reference=${reference}`, 'cjops.dan');
    expect(res.status).toBe(200);
    expect(res.body.map((n: { id: string; recipientSummary: string }) => [n.id, n.recipientSummary])).toEqual(
      [[sms.notificationId, 'sms to ******0987']],
    );
  });

  it('refuses an auditor (403) and a caller without a token (401)', async () => {
    expect((await get(NOTIFICATIONS, `/notifications?reference=${reference}`, 'auditor.ruth')).status).toBe(
      403,
    );
    expect((await get(NOTIFICATIONS, `/notifications?reference=${reference}`, 'admin.kit')).status).toBe(403);
    expect((await get(NOTIFICATIONS, `/notifications?reference=${reference}`)).status).toBe(401);
  });

  it('needs a well-formed reference', async () => {
    const res = await get(NOTIFICATIONS, `/notifications`, 'reviewer.amara');
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/reference must be a case reference/);
  });
});

describe('GET /notifications/:id', () => {
  it('gives a reviewer the text that was sent', async () => {
    const res = await get(NOTIFICATIONS, `/notifications/${email.notificationId}`, 'manager.priya');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: email.notificationId,
      status: 'SENT',
      subject: `We have received your request for a review – ${reference}`,
      body: expect.stringContaining('Dear Delphine Arkwright,'),
      deliveredBy: 'local',
      recipientSummary: 'email to d***@example.org',
    });
  });

  it('refuses another area (403), an auditor (403), and answers 404 for an unknown id', async () => {
    expect((await get(NOTIFICATIONS, `/notifications/${email.notificationId}`, 'vru.sam')).status).toBe(403);
    expect((await get(NOTIFICATIONS, `/notifications/${email.notificationId}`, 'auditor.ruth')).status).toBe(
      403,
    );
    expect((await get(NOTIFICATIONS, `/notifications/${randomUUID()}`, 'reviewer.amara')).status).toBe(404);
  });
});

// Issue 9 item 1: a case's letters are read under the case's own rules (team, restriction, managers),
// which complaint-reviews sends with each request as its access scope.
describe('the owning case’s access rules', () => {
  const caseRef = uniqueReference();
  const letter = (name: string, scope: Parameters<typeof accessScope>[0] | null) =>
    notificationRequest({
      reference: caseRef,
      accessScope: scope,
      personalisation: {
        name,
        received_on: '18 November 2026',
        target_weeks: '12',
        contact_details: 'reviews@opcc.example.gov.uk',
        review_body_name: 'Office of the Police and Crime Commissioner',
      },
    });
  const restricted = letter('Hester Restricted', { team: 'opcc-reviews-east', restricted: true });
  const unsaid = letter('Ivo Unsaid', { team: 'opcc-reviews-east' }); // restricted left out: restricted
  const open = letter('Olga Open', { team: 'opcc-reviews-east', restricted: false });
  const unscoped = letter('Una Unscoped', null);
  const all = [restricted, unsaid, open, unscoped];
  const ids = (res: { body: { id: string }[] }) => res.body.map((n) => n.id).sort();
  const content = (id: string, as: string) => get(NOTIFICATIONS, `/notifications/${id}`, as);

  beforeAll(async () => {
    await publish(all);
    for (const n of all)
      await waitFor(
        `notification ${n.notificationId} to be SENT`,
        () => notificationRow(n.notificationId),
        (r) => r?.status === 'SENT',
      );
  });
  afterAll(() => removeSinkFiles(all.map((n) => n.notificationId)));

  it('keeps the scope with the notification', async () => {
    const [row] = await query(`SELECT access_scope FROM notification WHERE id = $1`, [
      restricted.notificationId,
    ]);
    expect(row.access_scope).toMatchObject({
      owningService: 'complaint-reviews',
      team: 'opcc-reviews-east',
      restricted: true,
      rolesAcrossTeams: ['OPCC_MANAGER'],
    });
    const [unsaidRow] = await query(`SELECT access_scope FROM notification WHERE id = $1`, [
      unsaid.notificationId,
    ]);
    expect(unsaidRow.access_scope.restricted).toBe(true);
  });

  it('a reviewer of another team sees only the unrestricted case’s letter, in the list and by id', async () => {
    const list = await get(NOTIFICATIONS, `/notifications?reference=${caseRef}`, 'reviewer.tom');
    expect(list.status).toBe(200);
    expect(ids(list)).toEqual([open.notificationId]);
    for (const n of [restricted, unsaid, unscoped]) {
      const res = await content(n.notificationId, 'reviewer.tom');
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toMatch(/Hester|Ivo|Una|Dear/);
    }
    expect((await content(open.notificationId, 'reviewer.tom')).body.body).toContain('Dear Olga Open,');
  });

  it('the owning team reads its restricted case’s letters, but not one that came without a scope', async () => {
    const list = await get(NOTIFICATIONS, `/notifications?reference=${caseRef}`, 'reviewer.amara');
    expect(ids(list)).toEqual([restricted.notificationId, unsaid.notificationId, open.notificationId].sort());
    expect((await content(restricted.notificationId, 'reviewer.amara')).body.body).toContain(
      'Dear Hester Restricted,',
    );
    expect((await content(unscoped.notificationId, 'reviewer.amara')).status).toBe(403);
  });

  it('a manager (a role across teams, who reads every case) reads all of them', async () => {
    const list = await get(NOTIFICATIONS, `/notifications?reference=${caseRef}`, 'manager.priya');
    expect(ids(list)).toEqual(all.map((n) => n.notificationId).sort());
    for (const n of all) expect((await content(n.notificationId, 'manager.priya')).status).toBe(200);
  });
});

// knife-swaps' household messages: a template of their own (they all ended FAILED without one), read by the
// VRU coordinator only (knife-swaps sends no access scope; the coordinator reads every SKRS referral), with a reason.
describe('a knife swap’s household message', () => {
  const swapRef = `SKRS-IT-${randomUUID().slice(0, 8)}`;
  const text = notificationRequest({
    reference: swapRef,
    channel: NotificationChannel.SMS,
    templateKey: 'knife-swap.swap-confirmation',
    recipient: { phoneNumber: '07700 900321' },
    accessScope: null,
    personalisation: {
      name: 'Kez Householder',
      swapped_on: '2026-12-01',
      knives_surrendered: '6',
      follow_up_due_on: '2026-12-15',
      contact_details: '01632 960 222',
    },
  });
  beforeAll(async () => {
    await publish([text]);
    await waitFor(
      `notification ${text.notificationId} to be SENT`,
      () => notificationRow(text.notificationId),
      (r) => r?.status === 'SENT' || r?.status === 'FAILED',
    );
  });
  afterAll(() => removeSinkFiles([text.notificationId]));

  it('is sent, discreetly worded, and read by the VRU coordinator alone', async () => {
    expect((await notificationRow(text.notificationId))?.status).toBe('SENT');
    // A household's message is read with a reason only (the gateway records it): through the gateway.
    const noReason = await get(NOTIFICATIONS, `/notifications/${text.notificationId}`, 'vru.sam');
    expect(noReason.status).toBe(400);
    const res = await get(GATEWAY, `/api/notifications/notifications/${text.notificationId}`, 'vru.sam', {
      'x-access-reason': 'checking the confirmation went',
    });
    expect(res.status).toBe(200);
    expect(res.body.body).toContain('Hello Kez Householder');
    expect(res.body.body).not.toMatch(/knife|knives|weapon|abuse/i);
    expect((await get(NOTIFICATIONS, `/notifications?reference=${swapRef}`, 'vru.sam')).body).toHaveLength(1);
    expect((await get(NOTIFICATIONS, `/notifications?reference=${swapRef}`, 'manager.priya')).body).toEqual(
      [],
    );
    expect((await get(NOTIFICATIONS, `/notifications/${text.notificationId}`, 'cjops.dan')).status).toBe(403);
  });
});

// Tag referral messages (to a young person at risk of exploitation, their family or the referrer): read with a
// reason only, as the knife-swap household's, and recorded by the gateway.
describe('a tag referral’s message', () => {
  const tagRef = `VRU-IT-${randomUUID().slice(0, 8)}`;
  const decision = notificationRequest({
    reference: tagRef,
    channel: NotificationChannel.EMAIL,
    templateKey: 'vru.tag-referral-decision',
    recipient: { emailAddress: 'referrer@example.org' },
    accessScope: null,
    personalisation: { reference: tagRef, decision: 'Accepted', reason: 'Meets the criteria' },
  });
  beforeAll(async () => {
    await publish([decision]);
    await waitFor(
      `notification ${decision.notificationId} to be SENT`,
      () => notificationRow(decision.notificationId),
      (r) => r?.status === 'SENT' || r?.status === 'FAILED',
    );
  });
  afterAll(() => removeSinkFiles([decision.notificationId]));

  it('is read by the VRU coordinator with a reason only', async () => {
    expect((await notificationRow(decision.notificationId))?.status).toBe('SENT');
    const noReason = await get(NOTIFICATIONS, `/notifications/${decision.notificationId}`, 'vru.sam');
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toMatch(/tag referral.*X-Access-Reason/);
    const res = await get(GATEWAY, `/api/notifications/notifications/${decision.notificationId}`, 'vru.sam', {
      'x-access-reason': 'checking the referrer was told',
    });
    expect(res.status).toBe(200);
    expect(res.body.body).toContain(tagRef);
    expect((await get(NOTIFICATIONS, `/notifications/${decision.notificationId}`, 'cjops.dan')).status).toBe(
      403,
    );
  });
});

describe('operations', () => {
  it('lists parked messages and parked outbox rows for an administrator only', async () => {
    for (const path of ['/operations/parked-messages', '/operations/outbox/parked']) {
      const admin = await get(NOTIFICATIONS, path, 'admin.kit');
      expect(admin.status).toBe(200);
      expect(Array.isArray(admin.body)).toBe(true);
      expect((await get(NOTIFICATIONS, path, 'reviewer.amara')).status).toBe(403);
    }
  });
});

describe('through the gateway (/api/notifications/…)', () => {
  it('lists by reference for a reviewer, refuses an auditor, and gives the content with a recorded consultation', async () => {
    const list = await get(
      GATEWAY,
      `/api/notifications/notifications?reference=${reference}`,
      'reviewer.amara',
    );
    expect(list.status).toBe(200);
    expect(list.body.map((n: { id: string }) => n.id)).toEqual([email.notificationId]);
    expect(
      (await get(GATEWAY, `/api/notifications/notifications?reference=${reference}`, 'auditor.ruth')).status,
    ).toBe(403);

    const one = await get(
      GATEWAY,
      `/api/notifications/notifications/${email.notificationId}`,
      'reviewer.amara',
      { 'x-access-reason': 'checking the acknowledgement went' },
    );
    expect(one.status).toBe(200);
    expect(one.body.body).toContain('Dear Delphine Arkwright,');
    const recorded = await query(
      `SELECT count(*)::int AS n FROM outbox_message WHERE payload LIKE $1`,
      [`%${email.notificationId}%`],
      'gateway',
    );
    expect(recorded).toEqual([{ n: 1 }]);
  });
});
