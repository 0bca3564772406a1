-- The summary report read from indexes alone (index-only scans), measured with
-- tools/bench/complaint-reviews-bench.ts against 100,000 seeded reviews; see the app README.

-- Applications received in a period, with their ids for the acknowledgement clocks (replaces received_on).
DROP INDEX "review_application_received_on_idx";
CREATE INDEX "review_application_received_on_id_idx" ON "review_application"("received_on", "id");

-- Decisions in a period with what the report counts and averages (replaces decided_on).
DROP INDEX "review_application_decided_on_idx";
CREATE INDEX "review_application_decided_on_received_on_outcome_team_idx" ON "review_application"("decided_on", "received_on", "outcome", "team");

-- Each application's acknowledgement clock and its outcome.
CREATE INDEX "review_clock_kind_application_id_status_idx" ON "review_clock"("kind", "application_id", "status");
