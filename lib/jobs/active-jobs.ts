import type { Prisma } from "@/lib/db/generated/client";
import type { JobStatus } from "@/lib/db/generated/enums";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** Jobs that hold a place in the queue or a runner (a storyboard waiting for its person holds neither). */
export const ACTIVE_STATUSES: JobStatus[] = ["queued", "parsing", "storyboarding", "rendering", "stitching"];

/**
 * At most MAX_ACTIVE_JOBS_PER_USER of one person's jobs move at once, so nobody fills the queue alone. Called
 * inside the transaction right after it wrote the job that starts moving (the write takes SQLite's one writer
 * lock first, so two requests cannot both count room), and throwing rolls that write back.
 */
export async function assertActiveJobLimit(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  const max = getEnv().MAX_ACTIVE_JOBS_PER_USER;
  const active = await tx.job.count({ where: { userId, status: { in: ACTIVE_STATUSES } } });
  if (active > max) {
    throw new AppError(
      "rate_limited",
      `You have ${active - 1} videos in progress, and at most ${max} can be at once: wait for one to finish or cancel one.`,
      { "Retry-After": "30" },
    );
  }
}
