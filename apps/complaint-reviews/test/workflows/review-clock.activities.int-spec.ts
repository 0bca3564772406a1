// The clock workflow's activities against a real PostgreSQL database with the service's schema.
import { freshDatabase } from '@oversight/testing';
import { PrismaPg } from '@prisma/adapter-pg';
import { MockActivityEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ClockActivityInput,
  createReviewClockActivities,
  ReviewClockActivities,
} from '../../src/clocks/review-clock.activities';
import { PrismaClient } from '../../src/generated/prisma/client';
import { reviewClockWorkflowId } from '../../src/workflows/review-clock.types';

const MIGRATIONS_DIR = join(__dirname, '..', '..', 'prisma', 'migrations');

/** Every migration of the service, in order: the schema production gets from `prisma migrate deploy`. */
function migrationSql(): string {
  return readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => readFileSync(join(MIGRATIONS_DIR, name, 'migration.sql'), 'utf8'))
    .join('\n');
}

describe('review clock activities (PostgreSQL)', () => {
  let prisma: PrismaClient;
  let activities: ReviewClockActivities;
  let applicationId: string;

  beforeAll(async () => {
    const connectionString = await freshDatabase('crv_act_it', migrationSql());
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
    activities = createReviewClockActivities(prisma, {
      FORCE_NAME: 'Kent Police',
      FORCE_PSD_EMAIL: 'psd@kent-police.example.gov.uk',
      REVIEW_BODY_NAME: 'OPCC for Kent',
    });
    const person = await prisma.person.create({
      data: { fullName: 'Test Complainant', contactPreference: 'EMAIL', email: 'complainant@example.test' },
    });
    applicationId = randomUUID();
    await prisma.reviewApplication.create({
      data: {
        id: applicationId,
        reference: `CR-IT-${applicationId.slice(0, 8)}`,
        team: 'reviews-north',
        channel: 'WEB_FORM',
        receivedOn: new Date('2026-11-20T00:00:00Z'),
        forceComplaintReference: 'FC-123',
        handling: 'INVESTIGATED',
        grounds: 'The outcome was not reasonable.',
        complainantId: person.id,
        createdBy: 'it-user',
      },
    });
  });

  afterAll(async () => {
    await prisma?.$disconnect();
  });

  /** A clock row as the starter writes it (RUNNING), one per kind; returns the activity input. */
  async function clock(
    kind:
      | 'ACKNOWLEDGEMENT'
      | 'COMPLETION'
      | 'INFORMATION_REQUEST'
      | 'CASE_FILE_REQUEST'
      | 'RECOMMENDATION_RESPONSE',
    data: object = {},
  ): Promise<ClockActivityInput> {
    const workflowId = reviewClockWorkflowId(applicationId, kind);
    await prisma.reviewClock.create({
      data: { applicationId, kind, dueOn: new Date('2026-11-27T00:00:00Z'), workflowId, ...data },
    });
    return { workflowId, correlationId: `corr-${kind}` };
  }

  const row = (input: ClockActivityInput) =>
    prisma.reviewClock.findUniqueOrThrow({ where: { workflowId: input.workflowId } });
  // As the worker runs them: inside an activity context (info, heartbeat, cancellation).
  const run = <K extends keyof ReviewClockActivities>(name: K, input: ClockActivityInput) =>
    new MockActivityEnvironment().run(activities[name], input);

  it('recordClockBreached marks a running clock BREACHED with the time, once: a retry changes nothing', async () => {
    const input = await clock('ACKNOWLEDGEMENT');
    const other = await clock('COMPLETION');
    const before = Date.now();

    await run('recordClockBreached', input);
    const first = await row(input);
    expect(first).toMatchObject({ status: 'BREACHED', metAt: null });
    expect(first.breachedAt!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(first.breachedAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);

    await run('recordClockBreached', input); // a retry, e.g. after a lost completion
    expect(await row(input)).toEqual(first);
    expect(await row(other)).toMatchObject({ status: 'RUNNING', breachedAt: null, metAt: null });
  });

  it('recordClockBreached escalates once: one decision-log entry and one event, also when retried', async () => {
    const input = await clock('RECOMMENDATION_RESPONSE');
    await prisma.recommendation.createMany({
      data: [
        {
          id: randomUUID(),
          applicationId,
          kind: 'APOLOGY',
          text: 'Apologise.',
          responseDueOn: new Date('2026-11-27T00:00:00Z'),
        },
        {
          id: randomUUID(),
          applicationId,
          kind: 'LEARNING',
          text: 'Brief the team.',
          status: 'RESPONDED',
          responseDueOn: new Date('2026-11-27T00:00:00Z'),
        },
      ],
    });
    await run('recordClockBreached', input);
    await run('recordClockBreached', input);
    // The force is reminded once, of the recommendation still unanswered only.
    const reminders = await prisma.letter.findMany({
      where: { applicationId, templateKey: 'complaint-review.recommendation-response-overdue' },
    });
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ recipientKind: 'FORCE', language: 'ENGLISH', status: 'REQUESTED' });
    const [request] = await prisma.outboxMessage.findMany({ where: { messageKey: reminders[0].id } });
    const sent = JSON.parse(request.payload);
    expect(sent.personalisation.recommendations).toBe('1. Apologise.');
    expect(sent.recipient).toEqual({ emailAddress: 'psd@kent-police.example.gov.uk' });
    const entries = await prisma.decisionLogEntry.findMany({
      where: { applicationId, action: 'RECOMMENDATION_RESPONSE_CLOCK_BREACHED' },
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'complaint-reviews' });
    expect(entries[0].reason).toContain('escalated to the manager');
    const events = await prisma.outboxMessage.findMany({ where: { id: entries[0].id } });
    expect(events).toHaveLength(1);
    expect(events[0].topic).toBe('complaints.review-status-changed.v1');
    expect(JSON.parse(events[0].payload)).toMatchObject({
      action: 'RECOMMENDATION_RESPONSE_CLOCK_BREACHED',
      effectiveOn: '2026-11-27',
    });
  });

  it('recordClockBreached does not overwrite a clock already MET', async () => {
    const metAt = new Date('2026-11-24T10:00:00Z');
    const input = await clock('INFORMATION_REQUEST', { status: 'MET', metAt });

    await run('recordClockBreached', input);

    expect(await row(input)).toMatchObject({ status: 'MET', metAt, breachedAt: null });
    expect(
      await prisma.decisionLogEntry.count({
        where: { applicationId, action: 'INFORMATION_REQUEST_CLOCK_BREACHED' },
      }),
    ).toBe(0);
  });

  it('recordClockMet marks a running clock MET once, and does not overwrite a BREACHED one', async () => {
    const input = await clock('CASE_FILE_REQUEST');
    await run('recordClockMet', input);
    const first = await row(input);
    expect(first).toMatchObject({ status: 'MET', breachedAt: null });
    expect(first.metAt).toBeInstanceOf(Date);
    await run('recordClockMet', input);
    expect(await row(input)).toEqual(first);

    await run('recordClockBreached', input);
    expect(await row(input)).toEqual(first);
  });
});
