-- The force's response to recommendations gets its own clock (domain.md 1.4.5 [U], 1.5.9).
ALTER TYPE "ClockKind" ADD VALUE IF NOT EXISTS 'RECOMMENDATION_RESPONSE';

-- Notifications on receipt of an application (domain.md 1.4.1, 1.5.7), including those withheld.
CREATE TYPE "NotifiedPartyKind" AS ENUM ('APPROPRIATE_AUTHORITY', 'INTERESTED_PERSON', 'PERSON_COMPLAINED_AGAINST');
CREATE TYPE "NotificationDecision" AS ENUM ('NOTIFIED', 'WITHHELD');

CREATE TABLE "notified_party" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "kind" "NotifiedPartyKind" NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT,
    "email" TEXT,
    "postal_address" TEXT,
    "language" "Language" NOT NULL DEFAULT 'ENGLISH',
    "decision" "NotificationDecision" NOT NULL,
    "withheld_ground" TEXT,
    "withheld_reason" TEXT,
    "letter_id" UUID,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "notified_party_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "notified_party_withheld_has_reason" CHECK (
        "decision" = 'NOTIFIED' OR ("withheld_ground" IS NOT NULL AND length(trim("withheld_reason")) > 0)
    )
);

CREATE INDEX "notified_party_application_id_idx" ON "notified_party"("application_id");

-- Only one appropriate authority per application.
CREATE UNIQUE INDEX "notified_party_one_appropriate_authority" ON "notified_party"("application_id")
    WHERE "kind" = 'APPROPRIATE_AUTHORITY';

ALTER TABLE "notified_party" ADD CONSTRAINT "notified_party_application_id_fkey"
    FOREIGN KEY ("application_id") REFERENCES "review_application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
