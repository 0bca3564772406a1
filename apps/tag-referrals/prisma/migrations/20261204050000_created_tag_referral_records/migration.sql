
-- CreateTable
CREATE TABLE "referral" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "subject_name" TEXT NOT NULL,
    "date_of_birth" DATE NOT NULL,
    "address_lines" TEXT[],
    "yot_case_id" TEXT,
    "social_care_case_id" TEXT,
    "early_help_case_id" TEXT,
    "referrer_subject" TEXT NOT NULL,
    "referrer_email" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'ENGLISH',
    "organisation" TEXT NOT NULL,
    "agency" TEXT NOT NULL,
    "grounds" TEXT NOT NULL,
    "multi_agency_plan_ref" TEXT NOT NULL,
    "risk_level" TEXT NOT NULL,
    "tag_type" TEXT NOT NULL,
    "monitoring_basis" TEXT NOT NULL,
    "pool" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),
    "info_due_on" DATE,
    "waiting_since" TIMESTAMPTZ(3),
    "tag_serial" TEXT,
    "end_reason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decision_log" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "referral_id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "from_status" TEXT NOT NULL,
    "to_status" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decision_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consent" (
    "id" UUID NOT NULL,
    "referral_id" UUID NOT NULL,
    "party" TEXT NOT NULL,
    "given_by" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "information_version" TEXT NOT NULL,
    "given_on" DATE NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawn_at" TIMESTAMPTZ(3),
    "withdrawn_by" TEXT,
    "withdrawal_reason" TEXT,

    CONSTRAINT "consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pool" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "in_use" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "pool_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "tag" (
    "serial" TEXT NOT NULL,
    "pool_code" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "referral_id" UUID,
    "note" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tag_pkey" PRIMARY KEY ("serial")
);

-- CreateTable
CREATE TABLE "tag_movement" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "serial" TEXT NOT NULL,
    "from_status" TEXT NOT NULL,
    "to_status" TEXT NOT NULL,
    "referral_id" UUID,
    "actor" TEXT NOT NULL,
    "note" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tag_movement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consumable" (
    "kind" TEXT NOT NULL,
    "size" TEXT NOT NULL DEFAULT '',
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "consumable_pkey" PRIMARY KEY ("kind","size")
);

-- CreateTable
CREATE TABLE "episode" (
    "referral_id" UUID NOT NULL,
    "tag_serial" TEXT NOT NULL,
    "fitted_on" DATE NOT NULL,
    "fitted_by" TEXT NOT NULL,
    "fitted_where" TEXT NOT NULL,
    "strap_size" TEXT NOT NULL,
    "planned_days" INTEGER NOT NULL,
    "planned_end" DATE NOT NULL,
    "length_reason" TEXT,
    "manager_reason" TEXT,
    "risk_level" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "end_due_reason" TEXT,
    "end_due_on" DATE,
    "removed_on" DATE,
    "removal_reason" TEXT,
    "workflow_status" TEXT,

    CONSTRAINT "episode_pkey" PRIMARY KEY ("referral_id")
);

-- CreateTable
CREATE TABLE "task" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "referral_id" UUID NOT NULL,
    "assignee" TEXT NOT NULL,
    "due_on" DATE NOT NULL,
    "summary" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "done_at" TIMESTAMPTZ(3),
    "done_by" TEXT,

    CONSTRAINT "task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "device_event" (
    "id" UUID NOT NULL,
    "tag_serial" TEXT NOT NULL,
    "referral_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "observed_at" TIMESTAMPTZ(3) NOT NULL,
    "task_id" UUID NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "device_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_message" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "message_key" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "headers" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "claimed_until" TIMESTAMPTZ(3),
    "published_at" TIMESTAMPTZ(3),
    "parked_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox_message" (
    "event_id" UUID NOT NULL,
    "consumer_group" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbox_message_pkey" PRIMARY KEY ("event_id","consumer_group")
);

-- CreateTable
CREATE TABLE "parked_message" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "consumer_group" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "offset" TEXT NOT NULL,
    "message_key" TEXT,
    "headers" JSONB NOT NULL,
    "payload" TEXT,
    "reason" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "parked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "replayed_at" TIMESTAMPTZ(3),

    CONSTRAINT "parked_message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "referral_reference_key" ON "referral"("reference");

-- CreateIndex
CREATE INDEX "referral_organisation_received_at_idx" ON "referral"("organisation", "received_at");

-- CreateIndex
CREATE INDEX "referral_status_pool_waiting_since_idx" ON "referral"("status", "pool", "waiting_since");

-- CreateIndex
CREATE INDEX "decision_log_referral_id_at_idx" ON "decision_log"("referral_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "consent_referral_id_party_key" ON "consent"("referral_id", "party");

-- CreateIndex
CREATE INDEX "tag_pool_code_status_idx" ON "tag"("pool_code", "status");

-- CreateIndex
CREATE INDEX "tag_movement_serial_at_idx" ON "tag_movement"("serial", "at");

-- CreateIndex
CREATE INDEX "task_assignee_done_at_due_on_idx" ON "task"("assignee", "done_at", "due_on");

-- CreateIndex
CREATE INDEX "task_referral_id_idx" ON "task"("referral_id");

-- CreateIndex
CREATE INDEX "device_event_referral_id_observed_at_idx" ON "device_event"("referral_id", "observed_at");

-- CreateIndex
CREATE INDEX "outbox_message_pending_idx" ON "outbox_message"("published_at", "parked_at", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "parked_message_consumer_group_topic_partition_offset_key" ON "parked_message"("consumer_group", "topic", "partition", "offset");

-- AddForeignKey
ALTER TABLE "decision_log" ADD CONSTRAINT "decision_log_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent" ADD CONSTRAINT "consent_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tag" ADD CONSTRAINT "tag_pool_code_fkey" FOREIGN KEY ("pool_code") REFERENCES "pool"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tag_movement" ADD CONSTRAINT "tag_movement_serial_fkey" FOREIGN KEY ("serial") REFERENCES "tag"("serial") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "episode" ADD CONSTRAINT "episode_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Human-readable referral references (TAG-<year>-<number>).
CREATE SEQUENCE "referral_reference_seq" START 1;

-- A pool can never have more tags in use than it funds, whatever the code does (issue 11 §4).
ALTER TABLE "pool" ADD CONSTRAINT "pool_in_use_within_capacity" CHECK ("in_use" >= 0 AND "in_use" <= "capacity");
ALTER TABLE "consumable" ADD CONSTRAINT "consumable_quantity_check" CHECK ("quantity" >= 0);

-- A tag holds at most one referral, and a referral at most one tag.
CREATE UNIQUE INDEX "tag_referral_id_key" ON "tag" ("referral_id") WHERE "referral_id" IS NOT NULL;

-- The waiting list: accepted, consented referrals without a tag, in risk-then-date order.
CREATE INDEX "referral_waiting_idx" ON "referral" ("pool", "waiting_since") WHERE "status" = 'AWAITING_DEVICE';

ALTER TABLE "referral" ADD CONSTRAINT "referral_language_check" CHECK ("language" IN ('ENGLISH', 'WELSH'));

-- Statuses are text (their lists live in libs/vru/tag-rules); the database still refuses a value no code writes.
ALTER TABLE "referral" ADD CONSTRAINT "referral_status_check" CHECK ("status" IN ('RECEIVED', 'MORE_INFO_REQUESTED', 'DECLINED', 'CONSENT_PENDING', 'AWAITING_DEVICE', 'ALLOCATED', 'FITTED', 'REMOVAL_DUE', 'REMOVED', 'CLOSED', 'WITHDRAWN'));
ALTER TABLE "referral" ADD CONSTRAINT "referral_risk_level_check" CHECK ("risk_level" IN ('LOW', 'MEDIUM', 'HIGH'));
ALTER TABLE "referral" ADD CONSTRAINT "referral_monitoring_basis_check" CHECK ("monitoring_basis" = 'VOLUNTARY');
ALTER TABLE "tag" ADD CONSTRAINT "tag_status_check" CHECK ("status" IN ('IN_STOCK', 'ALLOCATED', 'FITTED', 'REMOVED', 'INSPECTED', 'DAMAGED', 'LOST'));
ALTER TABLE "consent" ADD CONSTRAINT "consent_party_check" CHECK ("party" IN ('SUBJECT', 'GUARDIAN'));
ALTER TABLE "episode" ADD CONSTRAINT "episode_status_check" CHECK ("status" IN ('ACTIVE', 'REMOVAL_DUE', 'REMOVED'));
