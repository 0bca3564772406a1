-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "referral" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "da_risk_assessment_ref" TEXT,
    "referring_agency" TEXT NOT NULL,
    "referring_organisation" TEXT NOT NULL,
    "referred_by" TEXT NOT NULL,
    "referred_on" DATE NOT NULL,
    "district" TEXT NOT NULL,
    "household_id" UUID NOT NULL,
    "address_lines" TEXT[],
    "postcode" TEXT NOT NULL,
    "household_members" JSONB NOT NULL,
    "householder_name" TEXT NOT NULL,
    "householder_email" TEXT,
    "householder_phone" TEXT,
    "householder_language" TEXT NOT NULL DEFAULT 'ENGLISH',
    "young_person_name" TEXT,
    "young_person_dob" DATE,
    "oocr_disposal_ref" TEXT,
    "tag_episode_ref" TEXT,
    "eligibility" TEXT,
    "eligibility_reason" TEXT,
    "eligibility_by" TEXT,
    "eligibility_at" TIMESTAMPTZ(3),
    "consent_given" BOOLEAN,
    "consent_all_knives" BOOLEAN,
    "consent_by" TEXT,
    "consent_recorded_by" TEXT,
    "consent_on" DATE,
    "withdrawn_reason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pre_offer_discussion" (
    "id" UUID NOT NULL,
    "referral_id" UUID NOT NULL,
    "held_on" DATE NOT NULL,
    "held_by" TEXT NOT NULL,
    "protective_factors" TEXT NOT NULL,
    "home_circumstances" TEXT NOT NULL,
    "young_person" TEXT NOT NULL,
    "family_engagement" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pre_offer_discussion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "swap" (
    "id" UUID NOT NULL,
    "referral_id" UUID NOT NULL,
    "swapped_on" DATE NOT NULL,
    "swapped_by" TEXT NOT NULL,
    "store_id" TEXT NOT NULL,
    "kit_type" TEXT NOT NULL,
    "kit_quantity" INTEGER NOT NULL,
    "knives_surrendered" INTEGER NOT NULL,
    "safety_advice" TEXT[],
    "follow_up_due_on" DATE NOT NULL,
    "follow_up_outcome" TEXT,
    "follow_up_notes" TEXT,
    "followed_up_on" DATE,
    "followed_up_by" TEXT,
    "workflow_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "swap_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "custody_bag" (
    "id" UUID NOT NULL,
    "swap_id" UUID NOT NULL,
    "bag_number" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "knife_count" INTEGER NOT NULL,
    "destruction_due_on" DATE NOT NULL,
    "certificate_ref" TEXT,
    "destroyed_on" DATE,
    "chased_count" INTEGER NOT NULL DEFAULT 0,
    "escalated_at" TIMESTAMPTZ(3),

    CONSTRAINT "custody_bag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "custody_event" (
    "id" UUID NOT NULL,
    "bag_id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "status_after" TEXT NOT NULL,
    "holder" TEXT,
    "certificate_ref" TEXT,
    "note" TEXT,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "custody_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "store" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "district" TEXT NOT NULL,
    "reorder_level" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "store_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stock_balance" (
    "store_id" TEXT NOT NULL,
    "kit_type" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "stock_balance_pkey" PRIMARY KEY ("store_id","kit_type")
);

-- CreateTable
CREATE TABLE "stock_movement" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "store_id" TEXT NOT NULL,
    "kit_type" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "balance_after" INTEGER NOT NULL,
    "swap_id" UUID,
    "transfer_id" UUID,
    "reason" TEXT,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_movement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coordinator_task" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "referral_id" UUID,
    "store_id" TEXT,
    "bag_id" UUID,
    "assignee" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "due_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "done_at" TIMESTAMPTZ(3),
    "done_by" TEXT,

    CONSTRAINT "coordinator_task_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "referral_referring_organisation_created_at_idx" ON "referral"("referring_organisation", "created_at");

-- CreateIndex
CREATE INDEX "referral_status_created_at_idx" ON "referral"("status", "created_at");

-- CreateIndex
CREATE INDEX "pre_offer_discussion_referral_id_recorded_at_idx" ON "pre_offer_discussion"("referral_id", "recorded_at");

-- CreateIndex
CREATE UNIQUE INDEX "swap_referral_id_key" ON "swap"("referral_id");

-- CreateIndex
CREATE INDEX "swap_swapped_on_idx" ON "swap"("swapped_on");

-- CreateIndex
CREATE UNIQUE INDEX "custody_bag_swap_id_key" ON "custody_bag"("swap_id");

-- CreateIndex
CREATE UNIQUE INDEX "custody_bag_bag_number_key" ON "custody_bag"("bag_number");

-- CreateIndex
CREATE INDEX "custody_bag_status_destruction_due_on_idx" ON "custody_bag"("status", "destruction_due_on");

-- CreateIndex
CREATE INDEX "custody_event_bag_id_recorded_at_idx" ON "custody_event"("bag_id", "recorded_at");

-- CreateIndex
CREATE INDEX "stock_movement_store_id_seq_idx" ON "stock_movement"("store_id", "seq");

-- CreateIndex
CREATE INDEX "coordinator_task_done_at_assignee_created_at_idx" ON "coordinator_task"("done_at", "assignee", "created_at");

-- CreateIndex
CREATE INDEX "outbox_message_pending_idx" ON "outbox_message"("published_at", "parked_at", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "parked_message_consumer_group_topic_partition_offset_key" ON "parked_message"("consumer_group", "topic", "partition", "offset");

-- AddForeignKey
ALTER TABLE "pre_offer_discussion" ADD CONSTRAINT "pre_offer_discussion_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "swap" ADD CONSTRAINT "swap_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "swap" ADD CONSTRAINT "swap_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "custody_bag" ADD CONSTRAINT "custody_bag_swap_id_fkey" FOREIGN KEY ("swap_id") REFERENCES "swap"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "custody_event" ADD CONSTRAINT "custody_event_bag_id_fkey" FOREIGN KEY ("bag_id") REFERENCES "custody_bag"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_balance" ADD CONSTRAINT "stock_balance_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Stock never goes negative, whatever the code does (issue 12 §5).
ALTER TABLE "stock_balance" ADD CONSTRAINT "stock_balance_quantity_not_negative" CHECK ("quantity" >= 0);
ALTER TABLE "stock_movement" ADD CONSTRAINT "stock_movement_quantity_positive" CHECK ("quantity" > 0 AND "balance_after" >= 0);
ALTER TABLE "store" ADD CONSTRAINT "store_reorder_level_not_negative" CHECK ("reorder_level" >= 0);
ALTER TABLE "swap" ADD CONSTRAINT "swap_counts_positive" CHECK ("kit_quantity" > 0 AND "knives_surrendered" > 0);

-- SKRS-<year>-<number>: numbers are unique across years.
CREATE SEQUENCE "referral_reference_seq";
