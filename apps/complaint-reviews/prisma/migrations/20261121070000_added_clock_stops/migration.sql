-- Stops of the completion clock, with reasons (stop-the-clock, issue 3).
-- CreateTable
CREATE TABLE "clock_stop" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "from_date" DATE NOT NULL,
    "to_date" DATE,
    "reason" TEXT NOT NULL,
    "note" TEXT,
    "stopped_by" TEXT NOT NULL,
    "restarted_by" TEXT,

    CONSTRAINT "clock_stop_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "clock_stop_application_id_idx" ON "clock_stop"("application_id");

-- AddForeignKey
ALTER TABLE "clock_stop" ADD CONSTRAINT "clock_stop_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "review_application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

