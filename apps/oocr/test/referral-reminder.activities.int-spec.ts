// The referral follow-up's reminder activity on the real stack: a community resolution from the field app is
// referred back through the gateway, then the activity the workflow runs every REFERRAL_REMINDER_EVERY_DAYS is run
// here (the workflow's own first reminder is a week away): a task row and an email to the issuing officer, sent by
// the notifications service, listing the actions still open; a retry adds nothing; a finished referral ends it.
import {
  AdmissionStatus,
  OffenceClassification,
  PoliceRank,
  Topics,
  VictimAgreement,
  VictimViewsOutcome,
} from '@oversight/contracts';
import { databaseUrl, waitFor } from '@oversight/testing';
import { PrismaPg } from '@prisma/adapter-pg';
import { randomUUID } from 'node:crypto';
import { deterministicUuid } from '../src/common/deterministic-id';
import { PrismaClient } from '../src/generated/prisma/client';
import { createReferralActivities } from '../src/reviews/referral.activities';
import { api, daysFrom, ExternalPublisher, externalEvent, query, today } from './support';

const OFFICER = 'cjops.dan';
const ISSUING_OFFICER = 'pc.6033';

describe('referral reminders reach the issuing officer by email', () => {
  const publisher = new ExternalPublisher();
  let prisma: PrismaClient;
  const resolutionId = randomUUID();
  let reviewId: string;
  let referralId: string;
  let reference: string;
  const dueOn = daysFrom(10);

  const remind = (reminderNumber: number) =>
    createReferralActivities(prisma).remindReferralOpen({
      referralId,
      disposalId: resolutionId,
      officerId: ISSUING_OFFICER,
      reminderNumber,
      dueOn,
      correlationId: `e2e-referral-${referralId}`,
    });

  const officerMails = () =>
    query(
      'notifications',
      `SELECT id, status, channel, recipient->>'emailAddress' AS email, rendered_subject, rendered_body
         FROM notification WHERE reference = $1 AND template_key = 'oocr.officer-referral-reminder'
        ORDER BY rendered_subject`,
      [reference],
    );

  beforeAll(async () => {
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl('oocr') }) });
    await publisher.publish(
      Topics.communityResolutionIssued,
      externalEvent(
        Topics.communityResolutionIssued,
        { aggregateId: resolutionId, subject: ISSUING_OFFICER, correlationId: `e2e-cr-${resolutionId}` },
        {
          resolutionId,
          issuedOn: today(),
          district: 'gravesham',
          offender: {
            fullName: `Lee Marsh-${resolutionId.slice(0, 6)}`,
            dateOfBirth: '2000-03-03',
            addressLines: [],
          },
          offence: {
            code: '58C',
            description: 'Criminal damage to a fence',
            classification: OffenceClassification.SUMMARY_ONLY,
            offenceDate: daysFrom(-1),
            offenceGroup: 'CRIMINAL_DAMAGE_AND_ARSON',
          },
          issuingOfficer: { id: ISSUING_OFFICER, name: 'PC Okoro' },
          authoriser: { id: 'ps.2210', rank: PoliceRank.SERGEANT },
          admission: AdmissionStatus.ADMITTED,
          agreedActions: ['Repair the fence'],
          victims: [
            {
              soughtOn: today(),
              method: 'telephone',
              outcome: VictimViewsOutcome.VIEWS_GIVEN,
              views: 'Wants the fence repaired',
              agreement: VictimAgreement.AGREED,
            },
          ],
          acknowledgements: [],
        },
      ),
    );
    const review = await waitFor('the resolution in the queue', async () =>
      (
        (await api('GET', `/api/oocr/reviews?disposalId=${resolutionId}`, { as: OFFICER })).body as any[]
      ).find((x) => x.disposalId === resolutionId),
    );
    reviewId = review.id;
    reference = review.reference;
    const referred = await api('POST', `/api/oocr/reviews/${reviewId}/outcome`, {
      as: OFFICER,
      body: {
        outcome: 'REFER_BACK',
        notes: 'Incomplete record',
        requiredActions: ['Record how the victim was contacted', 'Attach the photo of the repair'],
        actionsDueOn: dueOn,
      },
    });
    expect(referred.status).toBe(200);
    referralId = referred.body.referralId;
  });

  afterAll(async () => {
    await publisher.close();
    await prisma.$disconnect();
  });

  it('raises the task and emails the officer the open actions, once whatever the retries', async () => {
    expect(await remind(1)).toEqual({ open: true });
    expect(await remind(1)).toEqual({ open: true }); // a retried activity
    const tasks = await query(
      'oocr',
      `SELECT assignee, kind FROM officer_task WHERE disposal_id = $1 AND kind = 'REFERRAL_REMINDER'`,
      [resolutionId],
    );
    expect(tasks).toEqual([{ assignee: ISSUING_OFFICER, kind: 'REFERRAL_REMINDER' }]);
    const notificationId = deterministicUuid(`referral-reminder:${referralId}:1:officer`);
    const outbox = await query('oocr', `SELECT topic FROM outbox_message WHERE message_key = $1`, [
      notificationId,
    ]);
    expect(outbox).toEqual([{ topic: 'platform.notification-requested.v1' }]);

    const [mail] = await waitFor(
      'the officer email sent by the notifications service',
      officerMails,
      (ns) => ns.length === 1 && ['SENT', 'FAILED'].includes(ns[0].status),
    );
    expect(mail).toMatchObject({
      id: notificationId,
      status: 'SENT',
      channel: 'EMAIL',
      email: `${ISSUING_OFFICER}@kent-police.example.gov.uk`,
      rendered_subject: `Reminder 1: actions on community resolution ${reference} are still open`,
    });
    expect(mail.rendered_body).toContain('Dear PC Okoro,');
    expect(mail.rendered_body).toContain(
      '1. Record how the victim was contacted\n2. Attach the photo of the repair',
    );
    expect(mail.rendered_body).not.toContain('Lee Marsh');
    expect(
      (await query('oocr', 'SELECT reminders_sent FROM review_referral WHERE id = $1', [referralId]))[0],
    ).toEqual({ reminders_sent: 1 });
  });

  it('lists only the actions still open in the next reminder', async () => {
    const done = await api('POST', `/api/oocr/reviews/${reviewId}/referrals/${referralId}/actions/1/done`, {
      as: OFFICER,
      body: {},
    });
    expect(done.status).toBe(200);
    expect(await remind(2)).toEqual({ open: true });
    const mails = await waitFor(
      'the second email',
      officerMails,
      (ns) => ns.length === 2 && ['SENT', 'FAILED'].includes(ns[1].status),
    );
    expect(mails[1]).toMatchObject({
      status: 'SENT',
      rendered_subject: expect.stringMatching(/^Reminder 2:/),
    });
    expect(mails[1].rendered_body).toContain('2. Attach the photo of the repair');
    expect(mails[1].rendered_body).not.toContain('Record how the victim was contacted');
  });

  it('sends nothing once the actions are done: the follow-up ends', async () => {
    await api('POST', `/api/oocr/reviews/${reviewId}/referrals/${referralId}/actions/2/done`, {
      as: OFFICER,
      body: {},
    });
    expect(await remind(3)).toEqual({ open: false });
    const notificationId = deterministicUuid(`referral-reminder:${referralId}:3:officer`);
    expect(
      await query('oocr', `SELECT 1 FROM outbox_message WHERE message_key = $1`, [notificationId]),
    ).toEqual([]);
    expect(
      await query(
        'oocr',
        `SELECT count(*)::int AS n FROM officer_task WHERE disposal_id = $1 AND kind = 'REFERRAL_REMINDER'`,
        [resolutionId],
      ),
    ).toEqual([{ n: 2 }]);
  });
});
