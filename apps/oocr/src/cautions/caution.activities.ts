import { buildEvent, CautionChange, Processing, Topics } from '@oversight/contracts';
import { appendToOutbox } from '@oversight/messaging';
import { createLogger, runWithContext } from '@oversight/observability';
import { SERVICE_ACTOR } from '../common/actor';
import { asDate, asDateOrNull } from '../common/dates';
import { deterministicUuid } from '../common/deterministic-id';
import { longDate, requestNotification } from '../common/notification-request';
import { officerEmail, resolveOfficerEmailTemplate } from '../common/officer-contact';
import { Prisma, PrismaClient } from '../generated/prisma/client';
import type { CautionSnapshot, ItemStatus } from '../workflows/caution.types';

export const CONDITION_REMINDER_TEMPLATE = 'oocr.condition-reminder';
export const CAUTION_COMPLETED_VICTIM_TEMPLATE = 'oocr.caution-completed-victim';
export const OFFICER_CONDITION_REMINDER_TEMPLATE = 'oocr.officer-condition-reminder';

interface Base {
  cautionId: string;
  correlationId: string;
}

const log = createLogger('CautionActivities');

type Tx = Prisma.TransactionClient;

/**
 * The I/O of the caution workflow. Each activity is idempotent: state writes carry the workflow's state version
 * (an older write never overwrites a newer one), and rows and events are keyed so that a retry adds nothing.
 */
export function createCautionActivities(
  prisma: PrismaClient,
  opts: {
    contactDetails: string;
    /** OFFICER_EMAIL_TEMPLATE; when not given, resolveOfficerEmailTemplate() reads the (boot-checked) env. */
    officerEmailTemplate?: string;
  },
) {
  const officerEmailTemplate = resolveOfficerEmailTemplate(opts.officerEmailTemplate);
  const inTx = <T>(correlationId: string, fn: (tx: Tx) => Promise<T>) =>
    runWithContext({ correlationId }, () => prisma.$transaction(fn));

  async function cautionEvent(
    tx: Tx,
    cautionId: string,
    change: CautionChange,
    status: string,
    detail: string,
    correlationId: string,
  ) {
    const d = await tx.disposal.findUniqueOrThrow({
      where: { id: cautionId },
      select: { reference: true, offenderId: true },
    });
    const event = buildEvent(
      Topics.cautionUpdated,
      { aggregateId: cautionId, actor: SERVICE_ACTOR, correlationId, processing: Processing.ALTERATION },
      { cautionId, reference: d.reference, change, status, offenderPersonId: d.offenderId, detail },
    );
    await appendToOutbox(tx, Topics.cautionUpdated, event);
  }

  async function addTask(
    tx: Tx,
    task: {
      key: string;
      kind: string;
      disposalId: string;
      assignee: string;
      dueOn?: string | null;
      summary: string;
    },
  ): Promise<boolean> {
    const { count } = await tx.officerTask.createMany({
      data: [
        {
          id: deterministicUuid(task.key),
          kind: task.kind,
          disposalId: task.disposalId,
          assignee: task.assignee,
          dueOn: asDateOrNull(task.dueOn),
          summary: task.summary,
        },
      ],
      skipDuplicates: true,
    });
    return count === 1;
  }

  return {
    /** Writes the workflow's view of the caution and its conditions, unless a newer version is already written. */
    async syncCautionState(s: CautionSnapshot): Promise<void> {
      await inTx(s.correlationId, async (tx) => {
        const { count } = await tx.caution.updateMany({
          where: { disposalId: s.cautionId, stateVersion: { lt: s.stateVersion } },
          data: {
            status: s.status,
            completionDueDate: asDate(s.completionDueDate),
            timeLimitStatus: s.timeLimitStatus,
            completedOn: asDateOrNull(s.completedOn),
            closedOn: asDateOrNull(s.closedOn),
            proceedingsStartedOn: asDateOrNull(s.proceedingsStartedOn),
            stateVersion: s.stateVersion,
          },
        });
        if (count === 0) return;
        const byCondition = new Map<string, CautionSnapshot['items']>();
        for (const item of s.items) {
          if (item.instalmentNumber === null) {
            await tx.condition.updateMany({
              where: { id: item.conditionId, cautionId: s.cautionId },
              data: {
                status: item.status,
                dueDate: asDate(item.dueDate),
                completedOn: asDateOrNull(item.completedOn),
              },
            });
          } else {
            await tx.instalment.updateMany({
              where: { conditionId: item.conditionId, number: item.instalmentNumber },
              data: {
                status: item.status,
                dueDate: asDate(item.dueDate),
                paidOn: asDateOrNull(item.completedOn),
              },
            });
            byCondition.set(item.conditionId, [...(byCondition.get(item.conditionId) ?? []), item]);
          }
        }
        for (const [conditionId, instalments] of byCondition) {
          const { status, completedOn } = planStatus(instalments);
          await tx.condition.updateMany({
            where: { id: conditionId, cautionId: s.cautionId },
            data: { status, completedOn: asDateOrNull(completedOn) },
          });
        }
      });
    },

    /**
     * Before a due date: a task and an email for the issuing officer (the task list is CJ Operations'; officers in
     * the field read email) and, where the offender can be reached, a reminder to them.
     */
    async remindConditionDue(
      a: Base & { itemId: string; conditionId: string; instalmentNumber: number | null; dueDate: string },
    ): Promise<void> {
      await inTx(a.correlationId, async (tx) => {
        const d = await tx.disposal.findUniqueOrThrow({
          where: { id: a.cautionId },
          include: { offender: true },
        });
        const c = await tx.condition.findUniqueOrThrow({ where: { id: a.conditionId } });
        const instalment =
          a.instalmentNumber === null
            ? null
            : await tx.instalment.findUnique({
                where: { conditionId_number: { conditionId: a.conditionId, number: a.instalmentNumber } },
              });
        // Read after "you need to …" in the template.
        const what = instalment
          ? `pay instalment ${instalment.number} (£${(instalment.amountPence / 100).toFixed(2)}) towards "${c.description}"`
          : `complete "${c.description}"`;
        const key = `condition-reminder:${a.cautionId}:${a.itemId}:${a.dueDate}`;
        const added = await addTask(tx, {
          key,
          kind: 'CONDITION_REMINDER',
          disposalId: a.cautionId,
          assignee: d.issuingOfficerId,
          dueOn: a.dueDate,
          summary: `${d.reference}: condition due ${a.dueDate} (${c.purpose.toLowerCase()})`,
        });
        if (!added) return;
        const sent = await requestNotification(tx, {
          notificationId: deterministicUuid(`${key}:offender`),
          templateKey: CONDITION_REMINDER_TEMPLATE,
          contact: {
            email: d.offender.email,
            phone: d.offender.phone,
            name: d.offender.fullName,
            addressLines: d.offender.addressLines,
          },
          personalisation: {
            name: d.offender.fullName,
            condition: what,
            due_on: longDate(a.dueDate),
            contact_details: opts.contactDetails,
            reference: d.reference,
          },
          reference: d.reference,
          dataSubjectId: d.offenderId,
          correlationId: a.correlationId,
          why: 'conditional caution: reminder of a condition due',
        });
        // To the officer: the reference, the condition and the date; not the offender's name or contact.
        const officerTold = await requestNotification(tx, {
          notificationId: deterministicUuid(`${key}:officer`),
          templateKey: OFFICER_CONDITION_REMINDER_TEMPLATE,
          contact: { email: officerEmail(d.issuingOfficerId, officerEmailTemplate) },
          channels: ['EMAIL'],
          personalisation: {
            officer_name: d.issuingOfficerName || d.issuingOfficerId,
            condition: instalment
              ? `instalment ${instalment.number} of "${c.description}" (£${(instalment.amountPence / 100).toFixed(2)})`
              : `"${c.description}" (${c.purpose.toLowerCase()})`,
            due_on: longDate(a.dueDate),
            reference: d.reference,
          },
          reference: d.reference,
          dataSubjectId: d.offenderId,
          correlationId: a.correlationId,
          why: 'conditional caution: reminder to the issuing officer of a condition due',
        });
        log.info(
          { cautionId: a.cautionId, itemId: a.itemId, offenderNotified: sent, officerNotified: officerTold },
          'condition reminder raised',
        );
      });
    },

    /** A due date was missed: the breach record and a reasonable-excuse assessment task (domain.md 2.6.6). */
    async openBreachAssessment(
      a: Base & {
        breachId: string;
        detectedOn: string;
        missedItems: Array<{ conditionId: string; instalmentNumber: number | null; dueDate: string }>;
      },
    ): Promise<void> {
      await inTx(a.correlationId, async (tx) => {
        const missed = a.missedItems as unknown as Prisma.InputJsonValue;
        const { count } = await tx.breach.createMany({
          data: [
            { id: a.breachId, cautionId: a.cautionId, detectedOn: asDate(a.detectedOn), missedItems: missed },
          ],
          skipDuplicates: true,
        });
        if (count === 0) {
          await tx.breach.update({ where: { id: a.breachId }, data: { missedItems: missed } });
          return;
        }
        const d = await tx.disposal.findUniqueOrThrow({
          where: { id: a.cautionId },
          select: { reference: true },
        });
        await addTask(tx, {
          key: `breach-assessment:${a.breachId}`,
          kind: 'BREACH_ASSESSMENT',
          disposalId: a.cautionId,
          assignee: 'CJ_OPS_OFFICER',
          dueOn: a.detectedOn,
          summary: `${d.reference}: condition missed; assess whether there was a reasonable excuse`,
        });
        await cautionEvent(
          tx,
          a.cautionId,
          CautionChange.BREACH_RECORDED,
          'BREACH_ASSESSMENT',
          `breach ${a.breachId} detected ${a.detectedOn}; ${a.missedItems.length} item(s)`,
          a.correlationId,
        );
        log.warn({ cautionId: a.cautionId, breachId: a.breachId }, 'caution breach recorded');
      });
    },

    /** All conditions done: announce it once, and tell the victims who asked to be told. */
    async recordCautionCompleted(a: Base & { completedOn: string }): Promise<void> {
      await inTx(a.correlationId, async (tx) => {
        const { count } = await tx.caution.updateMany({
          where: { disposalId: a.cautionId, completionNotifiedAt: null },
          data: { completionNotifiedAt: new Date() },
        });
        if (count === 0) return;
        const d = await tx.disposal.findUniqueOrThrow({
          where: { id: a.cautionId },
          include: { victims: true },
        });
        await tx.officerTask.updateMany({
          where: { disposalId: a.cautionId, doneAt: null, kind: 'CONDITION_REMINDER' },
          data: { doneAt: new Date() },
        });
        await cautionEvent(
          tx,
          a.cautionId,
          CautionChange.COMPLETED,
          'COMPLETED',
          `completed ${a.completedOn}`,
          a.correlationId,
        );
        let told = 0;
        for (const v of d.victims.filter((x) => x.wantsUpdates)) {
          const sent = await requestNotification(tx, {
            notificationId: deterministicUuid(`caution-completed:${a.cautionId}:${v.id}`),
            templateKey: CAUTION_COMPLETED_VICTIM_TEMPLATE,
            contact: { email: v.email, phone: v.phone, name: v.name },
            channels: ['EMAIL', 'LETTER'], // the template is not written for a text message
            personalisation: {
              name: v.name ?? 'Sir or Madam',
              completed_on: longDate(a.completedOn),
              contact_details: opts.contactDetails,
              reference: d.reference,
            },
            reference: d.reference,
            dataSubjectId: v.id,
            correlationId: a.correlationId,
            why: 'conditional caution completed: victim asked to be informed',
          });
          if (sent) told++;
        }
        log.info({ cautionId: a.cautionId, victimsTold: told }, 'caution completed');
      });
    },

    /** Summary-only offences: escalate as the last date to lay an information approaches, and once it passes. */
    async escalateTimeLimit(
      a: Base & { status: 'APPROACHING' | 'STATUTE_BARRED'; lastDateToLay: string },
    ): Promise<void> {
      await inTx(a.correlationId, async (tx) => {
        const d = await tx.disposal.findUniqueOrThrow({
          where: { id: a.cautionId },
          select: { reference: true },
        });
        const summary =
          a.status === 'APPROACHING'
            ? `${d.reference}: the last date to prosecute this summary-only offence is ${a.lastDateToLay}`
            : `${d.reference}: statute-barred since ${a.lastDateToLay}; a breach can no longer be prosecuted`;
        const added = await addTask(tx, {
          key: `time-limit:${a.cautionId}:${a.status}`,
          kind: `TIME_LIMIT_${a.status}`,
          disposalId: a.cautionId,
          assignee: 'CJ_OPS_SUPERVISOR',
          dueOn: a.lastDateToLay,
          summary,
        });
        if (!added) return;
        const change =
          a.status === 'APPROACHING' ? CautionChange.TIME_LIMIT_APPROACHING : CautionChange.STATUTE_BARRED;
        const caution = await tx.caution.findUniqueOrThrow({
          where: { disposalId: a.cautionId },
          select: { status: true },
        });
        await cautionEvent(
          tx,
          a.cautionId,
          change,
          caution.status,
          `last date to lay ${a.lastDateToLay}`,
          a.correlationId,
        );
      });
    },
  };
}

export type CautionActivities = ReturnType<typeof createCautionActivities>;

/** The status of a condition paid in instalments, from its instalments. */
export function planStatus(items: Array<{ status: ItemStatus; completedOn: string | null }>): {
  status: ItemStatus;
  completedOn: string | null;
} {
  const has = (s: ItemStatus) => items.some((i) => i.status === s);
  const live = items.filter((i) => i.status !== 'VARIED' && i.status !== 'CANCELLED');
  if (has('MISSED')) return { status: 'MISSED', completedOn: null };
  if (has('PENDING')) return { status: 'PENDING', completedOn: null };
  if (live.length === 0) return { status: has('VARIED') ? 'VARIED' : 'CANCELLED', completedOn: null };
  if (live.every((i) => i.status === 'COMPLETED'))
    return {
      status: 'COMPLETED',
      completedOn: live
        .map((i) => i.completedOn!)
        .sort()
        .at(-1)!,
    };
  return { status: 'WAIVED', completedOn: null };
}
