-- Warnings a supervisor proceeded past when a running caution's completion date moved (extension, variation,
-- breach decision to vary): the summary-only time limit is re-checked then, as at issue (domain.md 2.1.13, 2.6.5).
ALTER TABLE "caution_extension" ADD COLUMN "acknowledged_warnings" JSONB NOT NULL DEFAULT '[]';
