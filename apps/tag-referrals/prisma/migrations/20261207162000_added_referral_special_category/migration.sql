-- Special-category data for equality monitoring (issue 11 item 9; domain.md 4.2.5, 4.4.3): optional at referral and
-- stored apart from the referral; read only as the board report's breakdown by the roles allowed.
CREATE TABLE "referral_special_category" (
    "referral_id" UUID NOT NULL,
    "ethnicity" TEXT NOT NULL,
    "sex" TEXT NOT NULL,
    "disability" TEXT NOT NULL,
    "basis" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "referral_special_category_pkey" PRIMARY KEY ("referral_id"),
    CONSTRAINT "referral_special_category_ethnicity_check" CHECK ("ethnicity" IN ('ASIAN', 'BLACK', 'MIXED', 'WHITE', 'OTHER', 'NOT_STATED')),
    CONSTRAINT "referral_special_category_sex_check" CHECK ("sex" IN ('FEMALE', 'MALE', 'NOT_STATED')),
    CONSTRAINT "referral_special_category_disability_check" CHECK ("disability" IN ('YES', 'NO', 'NOT_STATED'))
);

ALTER TABLE "referral_special_category" ADD CONSTRAINT "referral_special_category_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
