// Task reminders (issue 11 item 10) end to end on the running stack: a task due tomorrow or overdue is reminded to its
// assignee's team mailbox through apps/notifications, once per task per reminder kind, however many sweeps run.
import { waitFor } from '@oversight/testing';
import { randomUUID } from 'node:crypto';
import { api, daysFrom, query, today } from './support';

const RUN = randomUUID().slice(0, 8).toUpperCase();
const BASE = '/api/tag-referrals';

const bornAged = (years: number) => {
  const d = new Date(`${today()}T12:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

describe('task reminders (issue 11 item 10)', () => {
  let referralId: string;
  let reference: string;
  const task = {
    contactTomorrow: randomUUID(),
    removalOverdue: randomUUID(),
    reviewTomorrow: randomUUID(),
    noMailbox: randomUUID(),
    doneOverdue: randomUUID(),
    longOverdue: randomUUID(),
  };

  beforeAll(async () => {
    const created = await api('POST', `${BASE}/referrals`, {
      as: 'partner.yjs',
      body: {
        subjectName: `Reminder Test ${RUN}`,
        dateOfBirth: bornAged(16),
        addressLines: ['3 Test Lane', 'Rochester'],
        referrerEmail: 'yjs.referrals@example.org',
        agency: 'YOUTH_JUSTICE',
        grounds: 'CRIMINAL_EXPLOITATION_RISK',
        multiAgencyPlanRef: `CIN-${RUN}`,
        riskLevel: 'MEDIUM',
        tagType: 'GPS',
        monitoringBasis: 'VOLUNTARY',
        pool: 'VRU',
        summary: 'Task reminder e2e.',
      },
    });
    expect(created.status).toBe(201);
    ({ id: referralId, reference } = created.body);
    const rows: Array<[string, string, string, string, boolean]> = [
      [task.contactTomorrow, 'CONTACT', 'VRU_PRACTITIONER', daysFrom(1), false],
      [task.removalOverdue, 'REMOVAL', 'VRU_COORDINATOR', daysFrom(-1), false],
      [task.reviewTomorrow, 'DATA_REVIEW', 'VRU_PRACTITIONER', daysFrom(1), false],
      [task.noMailbox, 'CONTACT', `nobody.${RUN}`, daysFrom(1), false],
      [task.doneOverdue, 'CONTACT', 'VRU_PRACTITIONER', daysFrom(-2), true],
      [task.longOverdue, 'CONTACT', 'VRU_PRACTITIONER', daysFrom(-40), false],
    ];
    for (const [id, kind, assignee, dueOn, done] of rows)
      await query(
        'tag_referrals',
        `INSERT INTO task (id, kind, referral_id, assignee, due_on, summary, done_at, done_by)
         VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7 THEN now() END, CASE WHEN $7 THEN 'e2e' END)`,
        [id, kind, referralId, assignee, dueOn, `${reference}: e2e task`, done],
      );
  });

  afterAll(async () => {
    // Leave nothing open in the VRU's task lists.
    await query('tag_referrals', `UPDATE task SET done_at = now(), done_by = 'e2e' WHERE referral_id = $1`, [
      referralId,
    ]);
  });

  it('reminds each task due tomorrow or overdue once, whatever the number of sweeps, in the assignee mailbox', async () => {
    expect(
      (await api('POST', `${BASE}/operations/task-reminders`, { as: 'vru.manager.rhian', body: {} })).status,
    ).toBe(403);
    const runs = await Promise.all(
      [1, 2, 3].map(() => api('POST', `${BASE}/operations/task-reminders`, { as: 'admin.kit', body: {} })),
    );
    for (const r of runs) expect(r.status).toBe(200);
    expect(
      (await api('POST', `${BASE}/operations/task-reminders`, { as: 'admin.kit', body: {} })).status,
    ).toBe(200);

    const reminders = await waitFor(
      'the reminders recorded',
      () =>
        query<{ task_id: string; kind: string; status: string; notification_id: string }>(
          'tag_referrals',
          `SELECT task_id::text, kind, status, notification_id::text FROM task_reminder
            WHERE task_id = ANY($1::uuid[]) ORDER BY kind, status`,
          [Object.values(task)],
        ),
      (r) => r.length >= 3,
    );
    expect(reminders.map(({ task_id, kind, status }) => ({ task_id, kind, status }))).toEqual([
      { task_id: task.noMailbox, kind: 'DUE_TOMORROW', status: 'NO_MAILBOX' },
      { task_id: task.contactTomorrow, kind: 'DUE_TOMORROW', status: 'REQUESTED' },
      { task_id: task.removalOverdue, kind: 'OVERDUE', status: 'REQUESTED' },
    ]);
    const sent = reminders.filter((r) => r.status === 'REQUESTED').map((r) => r.notification_id);
    for (const id of sent) {
      const outbox = await query(
        'tag_referrals',
        `SELECT count(*)::int AS n FROM outbox_message WHERE message_key = $1`,
        [id],
      );
      expect(outbox[0].n).toBe(1);
    }
    const delivered = await waitFor(
      'the notifications service rendered both reminders',
      () =>
        query<{ id: string; template_key: string; rendered_subject: string | null; recipient: any }>(
          'notifications',
          `SELECT id::text, template_key, rendered_subject, recipient FROM notification WHERE id = ANY($1::uuid[])`,
          [sent],
        ),
      (r) => r.length === 2 && r.every((n) => n.rendered_subject),
      { timeoutMs: 60_000 },
    );
    const byId = new Map(delivered.map((n) => [n.id, n]));
    const contact = byId.get(reminders.find((r) => r.task_id === task.contactTomorrow)!.notification_id)!;
    expect(contact.template_key).toBe('vru.tag-task-reminder');
    expect(contact.rendered_subject).toBe(`Tag task ${reference}: phone contact due tomorrow`);
    expect(contact.recipient).toEqual({ emailAddress: 'vru.practitioners@example.org' });
    const removal = byId.get(reminders.find((r) => r.task_id === task.removalOverdue)!.notification_id)!;
    expect(removal.rendered_subject).toBe(`Tag task ${reference}: remove the tag overdue`);
    expect(removal.recipient).toEqual({ emailAddress: 'vru.coordinators@example.org' });
  });
});
