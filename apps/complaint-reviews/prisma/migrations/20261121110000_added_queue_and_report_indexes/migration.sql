-- Indexes for the work queues and the summary report at 100 times today's volume (measured with
-- tools/bench/complaint-reviews-bench.ts against 100,000 seeded reviews; see the app README).

-- Open cases (status RECEIVED / UNDER_REVIEW) without reading the whole history: queues, workload, backlog.
CREATE INDEX "review_application_status_received_on_idx" ON "review_application"("status", "received_on");

-- A case's nearest running or breached deadline, read from the index alone (one look-up per open case).
CREATE INDEX "review_clock_application_id_status_due_on_idx" ON "review_clock"("application_id", "status", "due_on");

-- Report counts by the date each outcome happened, read for the period only.
CREATE INDEX "review_application_forwarded_to_iopc_on_idx" ON "review_application"("forwarded_to_iopc_on");
CREATE INDEX "review_application_withdrawn_on_idx" ON "review_application"("withdrawn_on");
CREATE INDEX "review_application_closure_reason_updated_at_idx" ON "review_application"("closure_reason", "updated_at");
CREATE INDEX "extension_decision_decided_on_idx" ON "extension_decision"("decided_on");
