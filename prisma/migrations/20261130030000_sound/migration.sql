-- AlterTable
ALTER TABLE "Job" ADD COLUMN "musicKey" TEXT;
ALTER TABLE "Job" ADD COLUMN "referenceKey" TEXT;
ALTER TABLE "Job" ADD COLUMN "voice" TEXT;

-- AlterTable
ALTER TABLE "Scene" ADD COLUMN "narrationKey" TEXT;
ALTER TABLE "Scene" ADD COLUMN "narrationOf" TEXT;
ALTER TABLE "Scene" ADD COLUMN "narrationSec" REAL;

