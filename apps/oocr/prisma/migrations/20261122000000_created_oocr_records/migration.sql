-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "offender" (
    "id" UUID NOT NULL,
    "full_name" TEXT NOT NULL,
    "date_of_birth" DATE NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "address_lines" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "offender_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "offender_special_category" (
    "offender_id" UUID NOT NULL,
    "gender" TEXT,
    "ethnicity" TEXT,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "offender_special_category_pkey" PRIMARY KEY ("offender_id")
);

-- CreateTable
CREATE TABLE "disposal" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "disposal_type" TEXT NOT NULL,
    "home_office_outcome_code" INTEGER,
    "outcome_group" TEXT NOT NULL,
    "crime_reference" TEXT,
    "district" TEXT NOT NULL,
    "issue_date" DATE NOT NULL,
    "offender_id" UUID NOT NULL,
    "age_at_issue" INTEGER NOT NULL,
    "offence_code" TEXT NOT NULL,
    "offence_description" TEXT NOT NULL,
    "offence_class" TEXT NOT NULL,
    "offence_group" TEXT NOT NULL,
    "offence_date" DATE NOT NULL,
    "domestic_abuse" BOOLEAN NOT NULL DEFAULT false,
    "hate_crime" BOOLEAN NOT NULL DEFAULT false,
    "issuing_officer_id" TEXT NOT NULL,
    "issuing_officer_name" TEXT,
    "authoriser_id" TEXT,
    "authoriser_name" TEXT,
    "authoriser_rank" TEXT,
    "authoriser_dpp_authorised" BOOLEAN NOT NULL DEFAULT false,
    "admission" TEXT NOT NULL,
    "evidence_sufficient" BOOLEAN NOT NULL DEFAULT false,
    "breach_warning_given" BOOLEAN NOT NULL DEFAULT false,
    "signed_consent_ref" TEXT,
    "signed_consent_on" DATE,
    "appropriate_adult_present" BOOLEAN NOT NULL DEFAULT false,
    "yot_referred_on" DATE,
    "yot_recommendation" TEXT,
    "prosecutor_decision_ref" TEXT,
    "prosecutor_decision_on" DATE,
    "agreed_actions" TEXT[],
    "acknowledged_warnings" JSONB NOT NULL DEFAULT '[]',
    "validation_issues" JSONB NOT NULL DEFAULT '[]',
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "disposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "victim" (
    "id" UUID NOT NULL,
    "disposal_id" UUID NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "wants_updates" BOOLEAN NOT NULL DEFAULT false,
    "views_sought_on" DATE NOT NULL,
    "views_method" TEXT NOT NULL,
    "views_outcome" TEXT NOT NULL,
    "views" TEXT,
    "requested_action" TEXT,
    "requested_action_attached" BOOLEAN,
    "not_attached_reason" TEXT,
    "agreement" TEXT,
    "override_reason" TEXT,

    CONSTRAINT "victim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resolution_review" (
    "id" UUID NOT NULL,
    "disposal_id" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "queued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assigned_to" TEXT,
    "assigned_at" TIMESTAMPTZ(3),
    "outcome" TEXT,
    "outcome_by" TEXT,
    "outcome_at" TIMESTAMPTZ(3),
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "resolution_review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_referral" (
    "id" UUID NOT NULL,
    "review_id" UUID NOT NULL,
    "officer_id" TEXT NOT NULL,
    "due_on" DATE NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "referred_by" TEXT NOT NULL,
    "referred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "done_at" TIMESTAMPTZ(3),
    "reminders_sent" INTEGER NOT NULL DEFAULT 0,
    "workflow_id" TEXT NOT NULL,

    CONSTRAINT "review_referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "referral_action" (
    "id" UUID NOT NULL,
    "referral_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "done_at" TIMESTAMPTZ(3),
    "done_by" TEXT,
    "done_note" TEXT,

    CONSTRAINT "referral_action_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "caution" (
    "disposal_id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "original_completion_due" DATE NOT NULL,
    "completion_due_date" DATE NOT NULL,
    "extension_reason" TEXT,
    "last_date_to_lay" DATE,
    "time_limit_status" TEXT NOT NULL DEFAULT 'NOT_APPLICABLE',
    "completed_on" DATE,
    "closed_on" DATE,
    "proceedings_started_on" DATE,
    "completion_notified_at" TIMESTAMPTZ(3),
    "state_version" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "caution_pkey" PRIMARY KEY ("disposal_id")
);

-- CreateTable
CREATE TABLE "condition" (
    "id" UUID NOT NULL,
    "caution_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "purpose" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "hours" DECIMAL(6,2),
    "amount_pence" INTEGER,
    "supports_purpose" TEXT,
    "provider" TEXT,
    "due_date" DATE NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "completed_on" DATE,
    "variation_id" UUID,

    CONSTRAINT "condition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "instalment" (
    "condition_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "due_date" DATE NOT NULL,
    "amount_pence" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "paid_on" DATE,

    CONSTRAINT "instalment_pkey" PRIMARY KEY ("condition_id","number")
);

-- CreateTable
CREATE TABLE "condition_evidence" (
    "id" UUID NOT NULL,
    "condition_id" UUID NOT NULL,
    "instalment_number" INTEGER,
    "source" TEXT NOT NULL,
    "provider" TEXT,
    "reference" TEXT NOT NULL,
    "description" TEXT,
    "completed_on" DATE NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "condition_evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "caution_extension" (
    "id" UUID NOT NULL,
    "caution_id" UUID NOT NULL,
    "previous_due_date" DATE NOT NULL,
    "new_due_date" DATE NOT NULL,
    "exceptional_reason" TEXT,
    "breach_id" UUID,
    "authorised_by" TEXT NOT NULL,
    "authoriser_rank" TEXT,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "caution_extension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "breach" (
    "id" UUID NOT NULL,
    "caution_id" UUID NOT NULL,
    "detected_on" DATE NOT NULL,
    "missed_items" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'AWAITING_ASSESSMENT',
    "excuse_outcome" TEXT,
    "excuse_rationale" TEXT,
    "excuse_assessed_on" DATE,
    "excuse_assessed_by" TEXT,
    "decision" TEXT,
    "decided_on" DATE,
    "decided_by" TEXT,
    "authoriser_rank" TEXT,
    "signed_document_ref" TEXT,
    "proceedings_started_on" DATE,
    "history" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "breach_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "officer_task" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "disposal_id" UUID NOT NULL,
    "assignee" TEXT NOT NULL,
    "due_on" DATE,
    "summary" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "done_at" TIMESTAMPTZ(3),

    CONSTRAINT "officer_task_pkey" PRIMARY KEY ("id")
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
CREATE UNIQUE INDEX "disposal_reference_key" ON "disposal"("reference");

-- CreateIndex
CREATE INDEX "disposal_issue_date_disposal_type_district_idx" ON "disposal"("issue_date", "disposal_type", "district");

-- CreateIndex
CREATE INDEX "disposal_offender_id_idx" ON "disposal"("offender_id");

-- CreateIndex
CREATE INDEX "victim_disposal_id_idx" ON "victim"("disposal_id");

-- CreateIndex
CREATE UNIQUE INDEX "resolution_review_disposal_id_key" ON "resolution_review"("disposal_id");

-- CreateIndex
CREATE INDEX "resolution_review_status_queued_at_idx" ON "resolution_review"("status", "queued_at");

-- CreateIndex
CREATE INDEX "resolution_review_assigned_to_status_idx" ON "resolution_review"("assigned_to", "status");

-- CreateIndex
CREATE UNIQUE INDEX "review_referral_workflow_id_key" ON "review_referral"("workflow_id");

-- CreateIndex
CREATE INDEX "review_referral_review_id_idx" ON "review_referral"("review_id");

-- CreateIndex
CREATE UNIQUE INDEX "referral_action_referral_id_seq_key" ON "referral_action"("referral_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "caution_workflow_id_key" ON "caution"("workflow_id");

-- CreateIndex
CREATE INDEX "caution_status_completion_due_date_idx" ON "caution"("status", "completion_due_date");

-- CreateIndex
CREATE INDEX "condition_purpose_idx" ON "condition"("purpose");

-- CreateIndex
CREATE UNIQUE INDEX "condition_caution_id_seq_key" ON "condition"("caution_id", "seq");

-- CreateIndex
CREATE INDEX "condition_evidence_condition_id_idx" ON "condition_evidence"("condition_id");

-- CreateIndex
CREATE INDEX "caution_extension_caution_id_idx" ON "caution_extension"("caution_id");

-- CreateIndex
CREATE INDEX "breach_caution_id_idx" ON "breach"("caution_id");

-- CreateIndex
CREATE INDEX "breach_decision_idx" ON "breach"("decision");

-- CreateIndex
CREATE INDEX "officer_task_assignee_done_at_idx" ON "officer_task"("assignee", "done_at");

-- CreateIndex
CREATE INDEX "officer_task_disposal_id_idx" ON "officer_task"("disposal_id");

-- CreateIndex
CREATE INDEX "outbox_message_pending_idx" ON "outbox_message"("published_at", "parked_at", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "parked_message_consumer_group_topic_partition_offset_key" ON "parked_message"("consumer_group", "topic", "partition", "offset");

-- AddForeignKey
ALTER TABLE "offender_special_category" ADD CONSTRAINT "offender_special_category_offender_id_fkey" FOREIGN KEY ("offender_id") REFERENCES "offender"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disposal" ADD CONSTRAINT "disposal_offender_id_fkey" FOREIGN KEY ("offender_id") REFERENCES "offender"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "victim" ADD CONSTRAINT "victim_disposal_id_fkey" FOREIGN KEY ("disposal_id") REFERENCES "disposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resolution_review" ADD CONSTRAINT "resolution_review_disposal_id_fkey" FOREIGN KEY ("disposal_id") REFERENCES "disposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_referral" ADD CONSTRAINT "review_referral_review_id_fkey" FOREIGN KEY ("review_id") REFERENCES "resolution_review"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referral_action" ADD CONSTRAINT "referral_action_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "review_referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "caution" ADD CONSTRAINT "caution_disposal_id_fkey" FOREIGN KEY ("disposal_id") REFERENCES "disposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "condition" ADD CONSTRAINT "condition_caution_id_fkey" FOREIGN KEY ("caution_id") REFERENCES "caution"("disposal_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "instalment" ADD CONSTRAINT "instalment_condition_id_fkey" FOREIGN KEY ("condition_id") REFERENCES "condition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "condition_evidence" ADD CONSTRAINT "condition_evidence_condition_id_fkey" FOREIGN KEY ("condition_id") REFERENCES "condition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "caution_extension" ADD CONSTRAINT "caution_extension_caution_id_fkey" FOREIGN KEY ("caution_id") REFERENCES "caution"("disposal_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "breach" ADD CONSTRAINT "breach_caution_id_fkey" FOREIGN KEY ("caution_id") REFERENCES "caution"("disposal_id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Human-readable disposal references (OOCR-<year>-<number>), not expressible in the Prisma schema.
CREATE SEQUENCE "disposal_reference_seq" START 1;

-- The review queue: open items, oldest first.
CREATE INDEX "resolution_review_open_queue_idx" ON "resolution_review" ("queued_at", "id") WHERE "status" IN ('PENDING', 'ACTIONS_DONE', 'ESCALATED');

-- Workflow and review states are text (their lists live in code and configuration); the database still refuses
-- a value no code writes.
ALTER TABLE "resolution_review" ADD CONSTRAINT "resolution_review_status_check" CHECK ("status" IN ('PENDING', 'REFERRED_BACK', 'ACTIONS_DONE', 'ESCALATED', 'COMPLIANT'));
ALTER TABLE "review_referral" ADD CONSTRAINT "review_referral_status_check" CHECK ("status" IN ('OPEN', 'DONE'));
ALTER TABLE "referral_action" ADD CONSTRAINT "referral_action_status_check" CHECK ("status" IN ('OPEN', 'DONE'));
ALTER TABLE "caution" ADD CONSTRAINT "caution_status_check" CHECK ("status" IN ('ACTIVE', 'BREACH_ASSESSMENT', 'AWAITING_POST_ARREST_DECISION', 'COMPLETED', 'CLOSED_NO_FURTHER_ACTION', 'PROSECUTION_PENDING', 'CEASED'));
ALTER TABLE "caution" ADD CONSTRAINT "caution_time_limit_status_check" CHECK ("time_limit_status" IN ('NOT_APPLICABLE', 'OK', 'APPROACHING', 'STATUTE_BARRED'));
ALTER TABLE "condition" ADD CONSTRAINT "condition_status_check" CHECK ("status" IN ('PENDING', 'COMPLETED', 'MISSED', 'WAIVED', 'VARIED', 'CANCELLED'));
ALTER TABLE "instalment" ADD CONSTRAINT "instalment_status_check" CHECK ("status" IN ('PENDING', 'COMPLETED', 'MISSED', 'WAIVED', 'VARIED', 'CANCELLED'));
ALTER TABLE "breach" ADD CONSTRAINT "breach_status_check" CHECK ("status" IN ('AWAITING_ASSESSMENT', 'AWAITING_DECISION', 'AWAITING_POST_ARREST_DECISION', 'DECIDED'));
ALTER TABLE "disposal" ADD CONSTRAINT "disposal_source_check" CHECK ("source" IN ('API', 'FIELD_APP'));
