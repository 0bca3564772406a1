-- The referrer's own case number: one referral per organisation and case (a repeated submission is refused).
ALTER TABLE "referral" ADD COLUMN "partner_case_ref" TEXT;

CREATE UNIQUE INDEX "referral_referring_organisation_partner_case_ref_key" ON "referral"("referring_organisation", "partner_case_ref");

-- Records of other services a referral links to by reference, as heard through their events (issue 12 §8).
CREATE TABLE "linked_record" (
    "kind" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "last_change" TEXT NOT NULL,
    "last_event_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "linked_record_pkey" PRIMARY KEY ("kind","reference")
);
