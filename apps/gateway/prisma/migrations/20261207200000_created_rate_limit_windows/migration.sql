-- The rate limit shared by every gateway instance (apps/gateway/src/rate-limit): hits per client key per
-- fixed window, added to by each instance about once a second. Rows of past windows are deleted.
-- CreateTable
CREATE TABLE "rate_limit_window" (
    "key" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "hits" INTEGER NOT NULL,

    CONSTRAINT "rate_limit_window_pkey" PRIMARY KEY ("key","window_start")
);

-- CreateIndex
CREATE INDEX "rate_limit_window_start_idx" ON "rate_limit_window"("window_start");
