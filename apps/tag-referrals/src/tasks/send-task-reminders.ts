import { createLogger, currentCorrelationId } from '@oversight/observability';
import { reminderFor, ReminderKind } from '@oversight/tag-rules';
import { addCalendarDays } from '@oversight/working-days';
import { asDate, day } from '../common/dates';
import { deterministicUuid } from '../common/deterministic-id';
import { requestNotification } from '../common/notification-request';
import { PrismaService } from '../infrastructure/prisma.service';

const log = createLogger('TaskReminders');

export const TASK_REMINDER_TEMPLATE = 'vru.tag-task-reminder';
/** Transaction-level advisory lock: one reminder sweep at a time across every instance of the service. */
export const TASK_REMINDER_LOCK_KEY = 'tag-referrals.task-reminders';
/** Reminders requested per sweep at most; the next sweep carries on. */
const BATCH = 500;

const TASK_LABEL: Record<string, { ENGLISH: string; WELSH: string }> = {
  CONTACT: { ENGLISH: 'phone contact', WELSH: 'cyswllt ffôn' },
  DATA_REVIEW: { ENGLISH: 'review of the tag data', WELSH: "adolygu data'r tag" },
  PLANNED_END_REMINDER: { ENGLISH: 'arrange the removal', WELSH: "trefnu tynnu'r tag" },
  REMOVAL: { ENGLISH: 'remove the tag', WELSH: "tynnu'r tag" },
  REMOVAL_OVERDUE: {
    ENGLISH: 'overdue removal (escalated)',
    WELSH: "tynnu'r tag yn hwyr (wedi'i uwchgyfeirio)",
  },
  OUTCOME_AT_CLOSURE: { ENGLISH: 'record the outcomes at closure', WELSH: "cofnodi'r canlyniadau wrth gau" },
  FOLLOW_UP: { ENGLISH: 'follow-up outcomes', WELSH: 'canlyniadau dilynol' },
  TAG_AVAILABLE: { ENGLISH: 'a tag is available: allocate it', WELSH: 'mae tag ar gael: dyrannwch ef' },
};
const WHEN: Record<ReminderKind, { ENGLISH: string; WELSH: string }> = {
  DUE_TOMORROW: { ENGLISH: 'due tomorrow', WELSH: "i'w gwblhau yfory" },
  OVERDUE: { ENGLISH: 'overdue', WELSH: 'yn hwyr' },
};

export interface TaskReminderSettings {
  /** Team mailbox by assignee (a role, or a person's subject). */
  mailboxes: ReadonlyMap<string, string>;
  language: 'ENGLISH' | 'WELSH';
  overdueWindowDays: number;
}

export function parseMailboxes(s: string): Map<string, string> {
  return new Map(
    s.split(',').map((pair) => {
      const i = pair.indexOf(':');
      return [pair.slice(0, i).trim(), pair.slice(i + 1).trim()] as [string, string];
    }),
  );
}

/**
 * Reminds the assignee of a task due tomorrow or overdue (issue 11 item 10; rule in libs/vru/tag-rules
 * task-reminder.rule.ts) through apps/notifications, English or Welsh. Once per task per kind: the reminder's row
 * (primary key task + kind) and its notification request commit together, and the notification id is derived from
 * task and kind, so neither a second instance nor a second sweep sends it again. Under an advisory lock, so two
 * instances never sweep at the same moment.
 */
export async function sendTaskReminders(
  prisma: PrismaService,
  cfg: TaskReminderSettings,
  today: string,
): Promise<{ ran: boolean; requested: number; noMailbox: number }> {
  const result = await prisma.$transaction(
    async (tx) => {
      const [{ ok }] = await tx.$queryRaw<Array<{ ok: boolean }>>`
        SELECT pg_try_advisory_xact_lock(hashtext(${TASK_REMINDER_LOCK_KEY})) AS ok`;
      if (!ok) return { ran: false, requested: 0, noMailbox: 0 };
      const rows = await tx.$queryRaw<
        Array<{
          id: string;
          kind: string;
          assignee: string;
          due_on: Date;
          referral_id: string;
          reference: string;
        }>
      >`
        SELECT t.id::text, t.kind, t.assignee, t.due_on, t.referral_id::text, r.reference
          FROM task t JOIN referral r ON r.id = t.referral_id
         WHERE t.done_at IS NULL
           AND t.due_on BETWEEN ${asDate(addCalendarDays(today, -cfg.overdueWindowDays))} AND ${asDate(addCalendarDays(today, 1))}
           AND NOT EXISTS (SELECT 1 FROM task_reminder x WHERE x.task_id = t.id
                            AND x.kind = CASE WHEN t.due_on > ${asDate(today)} THEN 'DUE_TOMORROW' ELSE 'OVERDUE' END)
         ORDER BY t.due_on, t.id
         LIMIT ${BATCH}`;
      let requested = 0;
      let noMailbox = 0;
      for (const t of rows) {
        const kind = reminderFor({ kind: t.kind, dueOn: day(t.due_on), done: false }, today, cfg);
        if (!kind) continue;
        const notificationId = deterministicUuid(`task-reminder:${t.id}:${kind}`);
        const email = cfg.mailboxes.get(t.assignee) ?? null;
        const inserted = await tx.$executeRaw`
          INSERT INTO task_reminder (task_id, kind, notification_id, assignee, status)
          VALUES (${t.id}::uuid, ${kind}, ${notificationId}::uuid, ${t.assignee}, ${email ? 'REQUESTED' : 'NO_MAILBOX'})
          ON CONFLICT (task_id, kind) DO NOTHING`;
        if (inserted === 0) continue;
        if (!email) {
          noMailbox++;
          continue;
        }
        await requestNotification(tx, {
          notificationId,
          templateKey: TASK_REMINDER_TEMPLATE,
          contact: { email },
          channels: ['EMAIL'],
          personalisation: {
            task: TASK_LABEL[t.kind]?.[cfg.language] ?? t.kind,
            when: WHEN[kind][cfg.language],
            due_on: day(t.due_on),
          },
          reference: t.reference,
          dataSubjectId: t.referral_id,
          correlationId: currentCorrelationId(),
          why: `voluntary tag referral: task reminder (${kind.toLowerCase()}) to the ${t.assignee} team mailbox`,
          language: cfg.language,
        });
        requested++;
      }
      return { ran: true, requested, noMailbox };
    },
    { timeout: 60_000 },
  );
  if (result.requested || result.noMailbox) log.info({ today, ...result }, 'task reminders');
  return result;
}
