-- The owning record's access rules, applied to the notification's content (issue 9 item 1).
ALTER TABLE "notification" ADD COLUMN "access_scope" JSONB;
