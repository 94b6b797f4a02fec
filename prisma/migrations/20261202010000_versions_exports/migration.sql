-- Versions (v1, v2, ...) of a job's video and exports of them. Videos made before this become v1.

-- AlterTable
ALTER TABLE "Generation" ADD COLUMN "versionNumber" INTEGER;

-- CreateTable
CREATE TABLE "JobVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'rendering',
    "scenes" TEXT NOT NULL DEFAULT '[]',
    "changes" TEXT NOT NULL DEFAULT '[]',
    "basedOn" INTEGER,
    "musicKey" TEXT,
    "videoKey" TEXT,
    "posterKey" TEXT,
    "durationSec" REAL,
    "estimatedCostUsd" REAL NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    CONSTRAINT "JobVersion_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Export" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "versionNumber" INTEGER NOT NULL,
    "spec" TEXT NOT NULL,
    "specHash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "progress" REAL NOT NULL DEFAULT 0,
    "key" TEXT,
    "bytes" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "leaseOwner" TEXT,
    "leaseToken" TEXT,
    "leaseExpiresAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    CONSTRAINT "Export_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- New columns are added in place (no table rebuild), each with the default Prisma's client would write.
ALTER TABLE "Job" ADD COLUMN "currentVersion" INTEGER;
ALTER TABLE "Job" ADD COLUMN "draftVersion" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Scene" ADD COLUMN "narrate" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE UNIQUE INDEX "JobVersion_jobId_number_key" ON "JobVersion"("jobId", "number");

-- CreateIndex
CREATE INDEX "Export_status_leaseExpiresAt_idx" ON "Export"("status", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "Export_ownerId_idx" ON "Export"("ownerId");

-- CreateIndex
CREATE UNIQUE INDEX "Export_jobId_versionNumber_specHash_key" ON "Export"("jobId", "versionNumber", "specHash");


-- Every call made so far was made for the first version.
UPDATE "Generation" SET "versionNumber" = 1;

-- A finished video made before versions existed is v1, with the scenes it was made from.
INSERT INTO "JobVersion" ("id", "jobId", "number", "status", "scenes", "musicKey", "videoKey", "posterKey", "durationSec", "createdAt", "completedAt")
SELECT
    'v1' || lower(hex(randomblob(11))),
    j."id", 1, 'completed',
    (SELECT json_group_array(json_object(
        'sceneId', s."id", 'position', s."position", 'caption', s."caption", 'imagePrompt', s."imagePrompt",
        'motion', s."motion", 'durationSec', s."durationSec", 'stillKey', s."stillKey", 'clipKey', s."clipKey",
        'narrationKey', s."narrationKey", 'narrationSec', s."narrationSec", 'narrate', json('true')))
     FROM (SELECT * FROM "Scene" WHERE "jobId" = j."id" ORDER BY "position") AS s),
    j."musicKey", j."videoKey", j."posterKey", j."durationSec", j."createdAt", COALESCE(j."completedAt", j."updatedAt")
FROM "Job" AS j
WHERE j."videoKey" IS NOT NULL;

UPDATE "Job" SET "currentVersion" = 1, "draftVersion" = 2 WHERE "videoKey" IS NOT NULL;
