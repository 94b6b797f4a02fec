import type { Db } from "@/lib/db/client";
import { isUnclaimed, unclaimedJobWhere } from "./lease";

type LeaseState = { id: string; status: string; createdAt: Date; leaseExpiresAt: Date | null };

/** 1 = the next job a runner will claim (runners take the oldest first); null when it is not waiting. */
export async function queuePositionOf(db: Db, job: LeaseState): Promise<number | null> {
  const now = new Date();
  if (!isUnclaimed(job, now)) return null;
  const ahead = await db.job.count({
    where: {
      AND: [
        unclaimedJobWhere(now),
        { OR: [{ createdAt: { lt: job.createdAt } }, { createdAt: job.createdAt, id: { lt: job.id } }] },
      ],
    },
  });
  return ahead + 1;
}

/** Positions of every waiting job, for pages that show many jobs at once. */
export async function queuePositions(db: Db): Promise<Map<string, number>> {
  const waiting = await db.job.findMany({
    where: unclaimedJobWhere(new Date()),
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  return new Map(waiting.map((j, i) => [j.id, i + 1]));
}
