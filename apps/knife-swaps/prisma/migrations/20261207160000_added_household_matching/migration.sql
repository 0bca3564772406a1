-- Households matched across referrals by address (issue 12 §1). Referrals made before this migration are matched by
-- the worker at start (src/referrals/households/match-existing-households.ts), which needs the address normalisation
-- of @oversight/knife-swap-rules and so cannot run in SQL.
CREATE TABLE "household" (
    "id" UUID NOT NULL,
    "match_key_digest" TEXT NOT NULL,
    "first_referred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "household_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "household_match_key_digest_key" ON "household"("match_key_digest");

CREATE INDEX "referral_household_id_idx" ON "referral"("household_id");
