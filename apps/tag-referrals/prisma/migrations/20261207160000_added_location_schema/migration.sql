-- Location data from the tags (issue 11 item 7; domain.md 4.4.6): the most intrusive data in the product, kept in
-- its own PostgreSQL schema, apart from the referral, the episode and the device events. Nothing in the public
-- schema references it and no query of the service joins it: it is read only by src/locations (role + reason,
-- every read logged) and erased by the retention sweep. No Prisma model: it is reached by raw SQL only, so no
-- Prisma `include` can ever pull it into a referral view.
CREATE SCHEMA IF NOT EXISTS "location";

CREATE TABLE "location"."location_point" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "referral_id" UUID NOT NULL,
    "tag_serial" TEXT NOT NULL,
    "device_event_id" UUID NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "accuracy_metres" INTEGER,
    "source" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "location_point_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "location_point_latitude_check" CHECK ("latitude" BETWEEN -90 AND 90),
    CONSTRAINT "location_point_longitude_check" CHECK ("longitude" BETWEEN -180 AND 180),
    CONSTRAINT "location_point_source_check" CHECK ("source" IN ('GPS', 'RF_BEACON', 'GSM', 'WIFI'))
);

CREATE INDEX "location_point_referral_id_recorded_at_idx" ON "location"."location_point"("referral_id", "recorded_at");
-- The retention sweep deletes by age across episodes.
CREATE INDEX "location_point_recorded_at_idx" ON "location"."location_point"("recorded_at");

-- The service's own s62 log of every consultation, disclosure (export) and erasure of location data: who, when,
-- why, which episode, how many points (domain.md 4.2.1, 4.2.2). The shared audit trail gets the same facts through
-- the outbox (platform.access-recorded.v1); this table keeps the counts and periods in columns.
CREATE TABLE "location"."location_access" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "referral_id" UUID,
    "processing" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "actor_roles" TEXT[] NOT NULL,
    "justification" TEXT NOT NULL,
    "recipient" TEXT,
    "point_count" INTEGER NOT NULL,
    "period_from" TIMESTAMPTZ(3),
    "period_to" TIMESTAMPTZ(3),
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "location_access_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "location_access_processing_check" CHECK ("processing" IN ('CONSULTATION', 'DISCLOSURE', 'ERASURE')),
    CONSTRAINT "location_access_point_count_check" CHECK ("point_count" >= 0)
);

CREATE INDEX "location_access_referral_id_at_idx" ON "location"."location_access"("referral_id", "at");

-- One row per retention sweep that ran (under the advisory lock): lets every instance's scheduler skip a sweep
-- another instance already ran in this interval, so the scheduled deletion runs once across instances.
CREATE TABLE "location"."retention_run" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cutoff" TIMESTAMPTZ(3) NOT NULL,
    "trigger" TEXT NOT NULL,
    "deleted_points" INTEGER NOT NULL,
    "episodes" INTEGER NOT NULL,

    CONSTRAINT "retention_run_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "retention_run_started_at_idx" ON "location"."retention_run"("started_at");
