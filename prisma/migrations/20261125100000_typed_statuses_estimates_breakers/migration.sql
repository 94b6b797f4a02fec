-- Statuses became enums in the schema; SQLite keeps them as TEXT, so the columns are unchanged.

-- A job keeps the models it was made with and the estimate it was shown, so changing the configuration
-- later changes neither.
ALTER TABLE "Job" ADD COLUMN "writerModel" TEXT;
ALTER TABLE "Job" ADD COLUMN "stillModel" TEXT;
ALTER TABLE "Job" ADD COLUMN "clipModel" TEXT;
ALTER TABLE "Job" ADD COLUMN "estimatedCostUsd" REAL NOT NULL DEFAULT 0;

-- Why a job's work waits (the API is down), readable by every process.
ALTER TABLE "Job" ADD COLUMN "pausedReason" TEXT;
ALTER TABLE "Job" ADD COLUMN "pausedAt" DATETIME;

-- Jobs made on Replicate before this migration used the default models (the only ones configurable then
-- with these prices): writer $0.001, flux-schnell $0.003 a still, wan-2.2-i2v-fast 5 s clips at $0.01/s.
UPDATE "Job"
SET "writerModel" = 'meta/meta-llama-3-8b-instruct',
    "stillModel" = 'black-forest-labs/flux-schnell',
    "clipModel" = 'wan-video/wan-2.2-i2v-fast',
    "estimatedCostUsd" = 0.001 + "sceneCount" * 0.003 + "sceneCount" * 5 * 0.01
WHERE "provider" = 'replicate';

-- CreateTable
CREATE TABLE "ServiceBreaker" (
    "owner" TEXT NOT NULL PRIMARY KEY,
    "service" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "changedAt" DATETIME NOT NULL
);
