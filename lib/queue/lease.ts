import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { RUNNABLE_STATUSES } from "@/lib/jobs/status";
import { isDeadLocalOwner } from "@/lib/util/process-identity";

/**
 * A job with work to do that no runner holds (or whose holder's lease ran out): the next claim may take it. Never
 * a disabled person's: disabling cancels their jobs, and one started by a request already past its check when the
 * ban landed waits here, unspent, instead of running.
 */
export const unclaimedJobWhere = (now: Date) =>
  ({
    status: { in: [...RUNNABLE_STATUSES] },
    OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }],
    owner: { OR: [{ banned: false }, { banned: null }] },
  }) satisfies Prisma.JobWhereInput;

/** The same test on a row already read. */
export function isUnclaimed(job: { status: string; leaseExpiresAt: Date | null }, now = new Date()): boolean {
  return (RUNNABLE_STATUSES as readonly string[]).includes(job.status) && (!job.leaseExpiresAt || job.leaseExpiresAt < now);
}

/**
 * A lease is (owner, random token, expiry) on the job row, taken with one conditional write.
 * Every write the holder makes afterwards carries the token in its WHERE (fencing), so a runner
 * whose lease expired and was taken over cannot overwrite the new holder's work.
 */
export async function claimJob(db: Db, jobId: string, owner: string, leaseMs: number): Promise<string | null> {
  const token = randomUUID();
  const now = new Date();
  const result = await db.job.updateMany({
    where: { id: jobId, ...unclaimedJobWhere(now) },
    data: { leaseOwner: owner, leaseToken: token, leaseExpiresAt: new Date(now.getTime() + leaseMs) },
  });
  return result.count === 1 ? token : null;
}

export async function renewLease(db: Db, jobId: string, token: string, leaseMs: number): Promise<boolean> {
  const result = await db.job.updateMany({
    where: { id: jobId, leaseToken: token },
    data: { leaseExpiresAt: new Date(Date.now() + leaseMs) },
  });
  return result.count === 1;
}

export async function releaseLease(db: Db, jobId: string, token: string): Promise<void> {
  await db.job.updateMany({
    where: { id: jobId, leaseToken: token },
    data: { leaseOwner: null, leaseToken: null, leaseExpiresAt: null },
  });
}

/** Of the leases this runner believes it holds, those that are gone: the job was canceled or taken over. */
export async function findLostLeases(db: Db, held: Map<string, string>): Promise<{ jobId: string; canceled: boolean }[]> {
  if (held.size === 0) return [];
  const rows = await db.job.findMany({
    where: { id: { in: [...held.keys()] } },
    select: { id: true, leaseToken: true, status: true },
  });
  const current = new Map(rows.map((r) => [r.id, r]));
  return [...held]
    .filter(([id, token]) => current.get(id)?.leaseToken !== token)
    .map(([jobId]) => {
      const row = current.get(jobId);
      // A canceled first cut ends "canceled"; a canceled new version returns the job to "completed", lease cleared.
      const canceled = row?.status === "canceled" || (row?.status === "completed" && row.leaseToken === null);
      return { jobId, canceled };
    });
}

/** Oldest runnable jobs nobody holds (or whose holder's lease ran out), each with when it was last written. */
export async function findClaimableJobs(
  db: Db,
  limit: number,
  options: { exclude: string[]; onlyJobId?: string },
): Promise<{ id: string; waitingSince: Date }[]> {
  const rows = await db.job.findMany({
    where: { ...unclaimedJobWhere(new Date()), id: options.onlyJobId ? options.onlyJobId : { notIn: options.exclude } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, updatedAt: true },
  });
  return rows.filter((r) => !options.exclude.includes(r.id)).map((r) => ({ id: r.id, waitingSince: r.updatedAt }));
}

/** Runnable jobs in the whole database: waiting for a runner, and held by one (for the queue-depth metric). */
export async function countQueuedJobs(db: Db, now = new Date()): Promise<{ waiting: number; running: number }> {
  const [waiting, running] = await Promise.all([
    db.job.count({ where: unclaimedJobWhere(now) }),
    db.job.count({ where: { status: { in: [...RUNNABLE_STATUSES] }, leaseExpiresAt: { gte: now } } }),
  ]);
  return { waiting, running };
}

/**
 * Leases held by runners on this host whose process is gone (killed, crashed) are released at start-up,
 * so a restarted server resumes at once instead of waiting out the lease. Other hosts' leases expire.
 */
export async function releaseLeasesOfDeadLocalRunners(db: Db): Promise<string[]> {
  const held = await db.job.findMany({
    where: { leaseOwner: { not: null }, status: { in: [...RUNNABLE_STATUSES] } },
    select: { id: true, leaseOwner: true, leaseToken: true },
  });
  const released: string[] = [];
  for (const job of held) {
    if (!job.leaseToken || !isDeadLocalOwner(job.leaseOwner)) continue;
    await releaseLease(db, job.id, job.leaseToken);
    released.push(job.id);
  }
  return released;
}
