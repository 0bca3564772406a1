-- Case-file requests to the force PSD and their receipt (Kafka or manual upload), with the documents'
-- metadata (domain.md 1.4.2).
-- CreateEnum
CREATE TYPE "CaseFileRequestStatus" AS ENUM ('REQUESTED', 'RECEIVED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "CaseFileReceivedVia" AS ENUM ('KAFKA', 'MANUAL_UPLOAD');

-- CreateTable
CREATE TABLE "case_file_request" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "requested_items" TEXT[],
    "requested_on" DATE NOT NULL,
    "due_on" DATE NOT NULL,
    "status" "CaseFileRequestStatus" NOT NULL DEFAULT 'REQUESTED',
    "stopped_completion_clock" BOOLEAN NOT NULL DEFAULT false,
    "recorded_by" TEXT NOT NULL,
    "received_on" DATE,
    "received_via" "CaseFileReceivedVia",
    "received_recorded_by" TEXT,
    "sent_by" TEXT,
    "cancelled_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "case_file_request_pkey" PRIMARY KEY ("id"),
    -- A received request says when and how; an open one says neither.
    CONSTRAINT "case_file_request_receipt_check" CHECK (
        ("status" = 'RECEIVED') = ("received_on" IS NOT NULL AND "received_via" IS NOT NULL)
    ),
    CONSTRAINT "case_file_request_due_check" CHECK ("due_on" >= "requested_on")
);

-- CreateTable
CREATE TABLE "case_file_document" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "document_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "media_type" TEXT NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "checksum_sha256" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_file_document_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "case_file_document_size_check" CHECK ("size_bytes" >= 0),
    CONSTRAINT "case_file_document_checksum_check" CHECK ("checksum_sha256" ~ '^[0-9a-f]{64}$')
);

-- CreateIndex
CREATE INDEX "case_file_request_application_id_status_idx" ON "case_file_request"("application_id", "status");

-- At most one outstanding request per review (the service also checks, under the review's row lock).
CREATE UNIQUE INDEX "case_file_request_one_outstanding_idx" ON "case_file_request"("application_id") WHERE "status" = 'REQUESTED';

-- CreateIndex
CREATE UNIQUE INDEX "case_file_document_request_id_document_id_key" ON "case_file_document"("request_id", "document_id");

-- AddForeignKey
ALTER TABLE "case_file_request" ADD CONSTRAINT "case_file_request_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "review_application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_file_document" ADD CONSTRAINT "case_file_document_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "case_file_request"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
