-- Task reminders to VRU coordinators and practitioners (issue 11 item 10): one row per task per reminder kind, so a
-- reminder is requested once whatever the number of instances or sweeps (the primary key is the guard).
CREATE TABLE "task_reminder" (
    "task_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "notification_id" UUID NOT NULL,
    "assignee" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_reminder_pkey" PRIMARY KEY ("task_id","kind"),
    CONSTRAINT "task_reminder_kind_check" CHECK ("kind" IN ('DUE_TOMORROW', 'OVERDUE')),
    CONSTRAINT "task_reminder_status_check" CHECK ("status" IN ('REQUESTED', 'NO_MAILBOX'))
);

ALTER TABLE "task_reminder" ADD CONSTRAINT "task_reminder_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
