-- The day a case closed without a review decision, so reports count closures in the period they happened.
ALTER TABLE "review_application" ADD COLUMN "closed_on" DATE;
-- Cases already closed out of time: the day of the extension decision that refused them.
UPDATE "review_application" a SET "closed_on" = e."decided_on"
  FROM "extension_decision" e
 WHERE e."application_id" = a."id" AND a."closure_reason" = 'OUT_OF_TIME' AND a."closed_on" IS NULL;
CREATE INDEX "review_application_closed_on_idx" ON "review_application"("closed_on");
