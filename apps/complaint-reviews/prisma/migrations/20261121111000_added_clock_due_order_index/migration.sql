-- Listings over every case (GET /applications without a view, or with a closed status) read the deadline
-- clocks in due order and stop when the page is full, instead of working out every case's nearest deadline
-- (100,000 seeded reviews: p50 300 ms -> 16 ms; tools/bench/complaint-reviews-bench.ts, see the app README).
CREATE INDEX "review_clock_due_on_status_idx" ON "review_clock"("due_on", "status");

-- Closures for insufficient information are now counted by closed_on (its own index), not updated_at.
DROP INDEX "review_application_closure_reason_updated_at_idx";
