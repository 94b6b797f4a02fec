-- A job's share links are signed with this key; clearing it ends every link at once.
ALTER TABLE "Job" ADD COLUMN "shareKey" TEXT;
