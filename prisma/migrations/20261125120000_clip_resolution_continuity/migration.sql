-- How a job's clips are made: the clip model's resolution and how each clip leads into the next.
ALTER TABLE "Job" ADD COLUMN "clipResolution" TEXT;
ALTER TABLE "Job" ADD COLUMN "continuity" TEXT NOT NULL DEFAULT 'none';

-- Jobs made before the choice existed ran their clip model's only resolution then.
UPDATE "Job" SET "clipResolution" = '480p' WHERE "clipModel" = 'wan-video/wan-2.2-i2v-fast';
UPDATE "Job" SET "clipResolution" = '720p' WHERE "clipModel" = 'kwaivgi/kling-v2.1';
