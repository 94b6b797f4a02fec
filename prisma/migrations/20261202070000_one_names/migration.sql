-- One name for a person's id and one for a back end: Job.clientId is userId, Job.provider is backend.
-- RENAME COLUMN keeps every row and rewrites the foreign key and indexes that name the column.
ALTER TABLE "Job" RENAME COLUMN "clientId" TO "userId";
ALTER TABLE "Job" RENAME COLUMN "provider" TO "backend";

DROP INDEX "Job_clientId_createdAt_idx";
CREATE INDEX "Job_userId_createdAt_idx" ON "Job"("userId", "createdAt");
