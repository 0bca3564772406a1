-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "NotificationChannel" AS ENUM ('EMAIL', 'SMS', 'LETTER');

-- CreateEnum
CREATE TYPE "NotificationLanguage" AS ENUM ('ENGLISH', 'WELSH');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('QUEUED', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "notification" (
    "id" UUID NOT NULL,
    "channel" "NotificationChannel",
    "template_key" TEXT NOT NULL,
    "language" "NotificationLanguage" NOT NULL,
    "recipient" JSONB NOT NULL,
    "recipient_summary" TEXT NOT NULL,
    "personalisation" JSONB NOT NULL,
    "reference" TEXT NOT NULL,
    "requested_by_service" TEXT NOT NULL,
    "data_subject_id" TEXT,
    "correlation_id" TEXT NOT NULL,
    "request_event_id" UUID NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'QUEUED',
    "rendered_subject" TEXT,
    "rendered_body" TEXT,
    "delivered_by" TEXT,
    "provider_reference" TEXT,
    "failure_reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "sent_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "notification_reference_requested_at_idx" ON "notification"("reference", "requested_at");

-- CreateIndex
CREATE INDEX "notification_status_requested_at_idx" ON "notification"("status", "requested_at");

-- CreateIndex
CREATE INDEX "outbox_message_pending_idx" ON "outbox_message"("published_at", "parked_at", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "parked_message_consumer_group_topic_partition_offset_key" ON "parked_message"("consumer_group", "topic", "partition", "offset");

