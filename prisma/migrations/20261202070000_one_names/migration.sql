-- One name for a person's id and one for a back end: Job.clientId -> userId, Job.provider -> backend.
ALTER TABLE "Job" RENAME COLUMN "clientId" TO "userId";
ALTER TABLE "Job" RENAME COLUMN "provider" TO "backend";
DROP INDEX "Job_clientId_createdAt_idx";
CREATE INDEX "Job_userId_createdAt_idx" ON "Job"("userId", "createdAt");
