-- Intake assessment (eligibility, time limit, validity, review body), representative, attachments,
-- extension decisions, review decisions and recommendations, the decision log and letters (issue 3).
-- CreateEnum
CREATE TYPE "IopcInvestigation" AS ENUM ('NONE', 'DIRECTED', 'INDEPENDENT');

-- CreateEnum
CREATE TYPE "Language" AS ENUM ('ENGLISH', 'WELSH');

-- CreateEnum
CREATE TYPE "RepresentativeAuthority" AS ENUM ('WRITTEN_CONSENT', 'LEGAL_REPRESENTATIVE', 'PARENT_OR_GUARDIAN', 'LASTING_POWER_OF_ATTORNEY', 'OTHER');

-- CreateEnum
CREATE TYPE "ClosureReason" AS ENUM ('OUT_OF_TIME', 'NOT_ELIGIBLE', 'LEGACY_APPEAL_ROUTE', 'INSUFFICIENT_INFORMATION');

-- CreateEnum
CREATE TYPE "ReviewOutcome" AS ENUM ('UPHELD', 'NOT_UPHELD', 'NOT_UPHELD_WITH_FEEDBACK');

-- CreateEnum
CREATE TYPE "RecommendationKind" AS ENUM ('APOLOGY', 'FURTHER_STEPS_TO_RESOLVE', 'LEARNING', 'PROCESS_CHANGE', 'OTHER');

-- CreateEnum
CREATE TYPE "RecommendationStatus" AS ENUM ('AWAITING_FORCE_RESPONSE', 'RESPONDED');

-- CreateEnum
CREATE TYPE "ForceResponse" AS ENUM ('ACCEPTED', 'PARTLY_ACCEPTED', 'REJECTED');

-- CreateEnum
CREATE TYPE "LetterStatus" AS ENUM ('REQUESTED', 'SENT', 'FAILED');

-- AlterTable
ALTER TABLE "person" ADD COLUMN     "language" "Language" NOT NULL DEFAULT 'ENGLISH';

-- AlterTable
ALTER TABLE "review_application" ADD COLUMN     "appropriate_authority" TEXT,
ADD COLUMN     "closure_reason" "ClosureReason",
ADD COLUMN     "days_late" INTEGER,
ADD COLUMN     "decided_on" DATE,
ADD COLUMN     "eligibility_gates" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "eligibility_route" TEXT NOT NULL DEFAULT 'NOT_ASSESSED',
ADD COLUMN     "forwarded_by_wrong_body_on" DATE,
ADD COLUMN     "forwarded_to_iopc_on" DATE,
ADD COLUMN     "in_writing" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "iopc_investigation" "IopcInvestigation" NOT NULL DEFAULT 'NONE',
ADD COLUMN     "outcome" "ReviewOutcome",
ADD COLUMN     "proceed_despite_missing_reason" TEXT,
ADD COLUMN     "received_by_wrong_body_on" DATE,
ADD COLUMN     "representative_authority" "RepresentativeAuthority",
ADD COLUMN     "representative_authority_note" TEXT,
ADD COLUMN     "representative_id" UUID,
ADD COLUMN     "review_body" TEXT,
ADD COLUMN     "review_body_assessment" JSONB,
ADD COLUMN     "time_limit_assessment" JSONB,
ADD COLUMN     "time_limit_deadline" DATE,
ADD COLUMN     "time_limit_status" TEXT NOT NULL DEFAULT 'NOT_ASSESSED',
ADD COLUMN     "timeliness" TEXT NOT NULL DEFAULT 'NOT_ASSESSED',
ADD COLUMN     "validity_assessment" JSONB,
ADD COLUMN     "validity_missing" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "withdrawn_on" DATE;

-- CreateTable
CREATE TABLE "application_attachment" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "media_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "description" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "application_attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "extension_decision" (
    "application_id" UUID NOT NULL,
    "outcome" TEXT NOT NULL,
    "reasons" TEXT NOT NULL,
    "decided_by" TEXT NOT NULL,
    "decided_on" DATE NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "extension_decision_pkey" PRIMARY KEY ("application_id")
);

-- CreateTable
CREATE TABLE "review_decision" (
    "application_id" UUID NOT NULL,
    "outcome" "ReviewOutcome" NOT NULL,
    "rationale" TEXT NOT NULL,
    "feedback_to_psd" TEXT,
    "decided_by" TEXT NOT NULL,
    "decided_on" DATE NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_decision_pkey" PRIMARY KEY ("application_id")
);

-- CreateTable
CREATE TABLE "recommendation" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "kind" "RecommendationKind" NOT NULL,
    "text" TEXT NOT NULL,
    "status" "RecommendationStatus" NOT NULL DEFAULT 'AWAITING_FORCE_RESPONSE',
    "response_due_on" DATE NOT NULL,
    "force_response" "ForceResponse",
    "response_steps" TEXT,
    "responded_on" DATE,
    "response_recorded_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recommendation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decision_log_entry" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "reason" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decision_log_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "letter" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "template_key" TEXT NOT NULL,
    "recipient_kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "language" "Language" NOT NULL,
    "status" "LetterStatus" NOT NULL DEFAULT 'REQUESTED',
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_on" DATE,
    "failure_reason" TEXT,

    CONSTRAINT "letter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "application_attachment_application_id_idx" ON "application_attachment"("application_id");

-- CreateIndex
CREATE INDEX "recommendation_application_id_idx" ON "recommendation"("application_id");

-- CreateIndex
CREATE INDEX "recommendation_status_response_due_on_idx" ON "recommendation"("status", "response_due_on");

-- CreateIndex
CREATE INDEX "decision_log_entry_application_id_occurred_at_idx" ON "decision_log_entry"("application_id", "occurred_at");

-- CreateIndex
CREATE INDEX "letter_application_id_idx" ON "letter"("application_id");

-- CreateIndex
CREATE INDEX "review_application_received_on_idx" ON "review_application"("received_on");

-- CreateIndex
CREATE INDEX "review_application_decided_on_idx" ON "review_application"("decided_on");

-- CreateIndex
CREATE INDEX "review_application_assigned_to_status_idx" ON "review_application"("assigned_to", "status");

-- AddForeignKey
ALTER TABLE "review_application" ADD CONSTRAINT "review_application_representative_id_fkey" FOREIGN KEY ("representative_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application_attachment" ADD CONSTRAINT "application_attachment_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "review_application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "extension_decision" ADD CONSTRAINT "extension_decision_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "review_application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_decision" ADD CONSTRAINT "review_decision_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "review_application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recommendation" ADD CONSTRAINT "recommendation_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "review_application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision_log_entry" ADD CONSTRAINT "decision_log_entry_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "review_application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "letter" ADD CONSTRAINT "letter_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "review_application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

