-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ApplicationChannel" AS ENUM ('POST', 'EMAIL', 'PHONE', 'WEB_FORM', 'API');

-- CreateEnum
CREATE TYPE "ComplaintHandling" AS ENUM ('INVESTIGATED', 'OTHERWISE_THAN_BY_INVESTIGATION', 'NOT_UNDER_SCHEDULE_3');

-- CreateEnum
CREATE TYPE "ContactPreference" AS ENUM ('EMAIL', 'POST', 'PHONE');

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('RECEIVED', 'UNDER_REVIEW', 'PASSED_TO_IOPC', 'DECIDED', 'WITHDRAWN', 'CLOSED');

-- CreateEnum
CREATE TYPE "ClockKind" AS ENUM ('ACKNOWLEDGEMENT', 'COMPLETION', 'INFORMATION_REQUEST', 'CASE_FILE_REQUEST');

-- CreateEnum
CREATE TYPE "ClockStatus" AS ENUM ('RUNNING', 'MET', 'BREACHED', 'CANCELLED');

-- CreateTable
CREATE TABLE "person" (
    "id" UUID NOT NULL,
    "full_name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "postal_address" TEXT,
    "contact_preference" "ContactPreference" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_application" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "restricted" BOOLEAN NOT NULL DEFAULT false,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'RECEIVED',
    "channel" "ApplicationChannel" NOT NULL,
    "received_on" DATE NOT NULL,
    "force_complaint_reference" TEXT NOT NULL,
    "complaint_date" DATE,
    "handling" "ComplaintHandling" NOT NULL,
    "outcome_letter_date" DATE,
    "outcome_information_provided_on" DATE,
    "grounds" TEXT NOT NULL,
    "complainant_id" UUID NOT NULL,
    "assigned_to" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "review_application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_clock" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "kind" "ClockKind" NOT NULL,
    "status" "ClockStatus" NOT NULL DEFAULT 'RUNNING',
    "due_on" DATE NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "met_at" TIMESTAMPTZ(3),
    "breached_at" TIMESTAMPTZ(3),

    CONSTRAINT "review_clock_pkey" PRIMARY KEY ("id")
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
CREATE UNIQUE INDEX "review_application_reference_key" ON "review_application"("reference");

-- CreateIndex
CREATE INDEX "review_application_team_status_received_on_idx" ON "review_application"("team", "status", "received_on");

-- CreateIndex
CREATE UNIQUE INDEX "review_clock_workflow_id_key" ON "review_clock"("workflow_id");

-- CreateIndex
CREATE INDEX "review_clock_status_due_on_idx" ON "review_clock"("status", "due_on");

-- CreateIndex
CREATE UNIQUE INDEX "review_clock_application_id_kind_key" ON "review_clock"("application_id", "kind");

-- CreateIndex
CREATE INDEX "outbox_message_pending_idx" ON "outbox_message"("published_at", "parked_at", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "parked_message_consumer_group_topic_partition_offset_key" ON "parked_message"("consumer_group", "topic", "partition", "offset");

-- AddForeignKey
ALTER TABLE "review_application" ADD CONSTRAINT "review_application_complainant_id_fkey" FOREIGN KEY ("complainant_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_clock" ADD CONSTRAINT "review_clock_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "review_application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Human-readable review references (CR-<year>-<number>), not expressible in the Prisma schema.
CREATE SEQUENCE "review_reference_seq" START 1;
