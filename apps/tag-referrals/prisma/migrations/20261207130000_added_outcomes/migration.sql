-- Outcomes at closure and 3/6/9 months after removal, and a baseline before the tag (issue 11 item 8).
CREATE TABLE "outcome" (
    "id" UUID NOT NULL,
    "referral_id" UUID NOT NULL,
    "point" TEXT NOT NULL,
    "suspected_offences" INTEGER NOT NULL,
    "violent_offences" INTEGER NOT NULL,
    "days_missing_from_home" INTEGER NOT NULL,
    "re_engaged_with_services" BOOLEAN NOT NULL,
    "in_education_or_training" BOOLEAN NOT NULL,
    "family_connection" BOOLEAN NOT NULL,
    "wellbeing" INTEGER,
    "note" TEXT,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outcome_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "outcome_point_check" CHECK ("point" IN ('BEFORE', 'CLOSURE', 'MONTHS_3', 'MONTHS_6', 'MONTHS_9')),
    CONSTRAINT "outcome_counts_check" CHECK ("suspected_offences" >= 0 AND "violent_offences" >= 0 AND "violent_offences" <= "suspected_offences" AND "days_missing_from_home" >= 0)
);

CREATE UNIQUE INDEX "outcome_referral_id_point_key" ON "outcome"("referral_id", "point");

ALTER TABLE "outcome" ADD CONSTRAINT "outcome_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
