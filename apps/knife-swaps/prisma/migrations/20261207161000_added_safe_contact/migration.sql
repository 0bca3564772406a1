-- Domestic-abuse referrals: the channel agreed with the victim as safe to write to (issue 12; knife-swap-rules
-- household-contact.rule.ts). Null: none agreed, so nothing is sent to the household.
ALTER TABLE "referral" ADD COLUMN "safe_contact" TEXT;
