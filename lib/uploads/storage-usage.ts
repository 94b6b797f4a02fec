import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

/**
 * What one person keeps against their uploads quota: their uploads, and their exports (a queued or running
 * export counts what it is expected to take, so the quota holds room for it).
 */
export async function storedBytes(
  db: Db | Prisma.TransactionClient,
  ownerId: string,
): Promise<{ bytes: number; files: number; exportBytes: number }> {
  // One after the other: inside a transaction the statements share its one connection.
  const uploads = await db.asset.aggregate({ where: { ownerId }, _sum: { bytes: true }, _count: { _all: true } });
  const exports = await db.export.aggregate({ where: { ownerId, status: { not: "failed" } }, _sum: { bytes: true } });
  const exportBytes = exports._sum.bytes ?? 0;
  return { bytes: (uploads._sum.bytes ?? 0) + exportBytes, files: uploads._count._all, exportBytes };
}
