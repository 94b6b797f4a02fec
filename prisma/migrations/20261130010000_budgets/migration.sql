-- Budgets: a per-person daily cap, money held for a job's work in progress, and alerts raised once.
ALTER TABLE "User" ADD COLUMN "dailyBudgetUsd" REAL;

ALTER TABLE "Job" ADD COLUMN "reservedUsd" REAL NOT NULL DEFAULT 0;

CREATE TABLE "Alert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "jobId" TEXT,
    "userId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME,
    "deliveryError" TEXT
);

CREATE UNIQUE INDEX "Alert_key_key" ON "Alert"("key");

CREATE INDEX "Alert_createdAt_idx" ON "Alert"("createdAt");
