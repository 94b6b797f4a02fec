import type { Db } from "@/lib/db/client";
import { RUNNABLE_STATUSES } from "@/lib/jobs/status";

type LeaseState = { id: string; status: string; createdAt: Date; leaseExpiresAt: Date | null };

const unclaimed = (now: Date) => ({
  status: { in: [...RUNNABLE_STATUSES] },
  OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }],
});

/** A job with work to do that no runner holds: it waits for a free slot. */
export function isWaitingForRunner(job: Pick<LeaseState, "status" | "leaseExpiresAt">, now = new Date()): boolean {
  return (RUNNABLE_STATUSES as readonly string[]).includes(job.status) && (!job.leaseExpiresAt || job.leaseExpiresAt < now);
}

/** 1 = the next job a runner will claim (runners take the oldest first); null when it is not waiting. */
export async function queuePositionOf(db: Db, job: LeaseState): Promise<number | null> {
  const now = new Date();
  if (!isWaitingForRunner(job, now)) return null;
  const ahead = await db.job.count({
    where: { AND: [unclaimed(now), { OR: [{ createdAt: { lt: job.createdAt } }, { createdAt: job.createdAt, id: { lt: job.id } }] }] },
  });
  return ahead + 1;
}

/** Positions of every waiting job, for pages that show many jobs at once. */
export async function queuePositions(db: Db): Promise<Map<string, number>> {
  const waiting = await db.job.findMany({ where: unclaimed(new Date()), orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } });
  return new Map(waiting.map((j, i) => [j.id, i + 1]));
}
