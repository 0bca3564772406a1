-- Applications a member of the public submitted themselves: who (their identity subject), so they
-- can see their own and nothing else.
ALTER TABLE "review_application" ADD COLUMN "submitted_by" TEXT;
CREATE INDEX "review_application_submitted_by_idx" ON "review_application"("submitted_by") WHERE "submitted_by" IS NOT NULL;
