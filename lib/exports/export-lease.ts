import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { isDeadLocalOwner } from "@/lib/util/process-identity";

// Leases on Export rows, as lib/queue/lease.ts does for jobs: one conditional write claims, the token fences.

const claimableWhere = (now: Date) =>
  ({
    status: { in: ["queued", "running"] },
    OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }],
  }) satisfies Prisma.ExportWhereInput;

export async function findClaimableExportIds(db: Db, limit: number, exclude: string[]): Promise<string[]> {
  const rows = await db.export.findMany({
    where: { ...claimableWhere(new Date()), id: { notIn: exclude } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

export async function claimExport(db: Db, exportId: string, owner: string, leaseMs: number): Promise<string | null> {
  const token = randomUUID();
  const now = new Date();
  const result = await db.export.updateMany({
    where: { id: exportId, ...claimableWhere(now) },
    data: {
      status: "running",
      progress: 0,
      leaseOwner: owner,
      leaseToken: token,
      leaseExpiresAt: new Date(now.getTime() + leaseMs),
    },
  });
  return result.count === 1 ? token : null;
}

export async function renewExportLease(db: Db, exportId: string, token: string, leaseMs: number): Promise<boolean> {
  const result = await db.export.updateMany({
    where: { id: exportId, leaseToken: token },
    data: { leaseExpiresAt: new Date(Date.now() + leaseMs) },
  });
  return result.count === 1;
}

/** Hands an unfinished export back to the queue (a runner stopping); a finished or failed one has no lease left. */
export async function releaseExportLease(db: Db, exportId: string, token: string): Promise<void> {
  await db.export.updateMany({
    where: { id: exportId, leaseToken: token, status: "running" },
    data: { status: "queued", progress: 0, leaseOwner: null, leaseToken: null, leaseExpiresAt: null },
  });
}

/** Of the exports this runner believes it holds, those whose lease is gone (deleted, or taken over). */
export async function findLostExportLeases(db: Db, held: Map<string, string>): Promise<string[]> {
  if (held.size === 0) return [];
  const rows = await db.export.findMany({ where: { id: { in: [...held.keys()] } }, select: { id: true, leaseToken: true } });
  const current = new Map(rows.map((r) => [r.id, r.leaseToken]));
  return [...held].filter(([id, token]) => current.get(id) !== token).map(([id]) => id);
}

/** Exports held by a runner on this host whose process is gone are queued again at once, not after the lease. */
export async function releaseExportLeasesOfDeadLocalRunners(db: Db): Promise<string[]> {
  const held = await db.export.findMany({
    where: { leaseOwner: { not: null }, status: "running" },
    select: { id: true, leaseOwner: true, leaseToken: true },
  });
  const released: string[] = [];
  for (const row of held) {
    if (!row.leaseToken || !isDeadLocalOwner(row.leaseOwner)) continue;
    await releaseExportLease(db, row.id, row.leaseToken);
    released.push(row.id);
  }
  return released;
}
