import { getDb } from "@/lib/db/client";

/** What this client's calls cost since midnight UTC (the ledger's recorded actuals, not estimates). */
export async function spentTodayUsd(clientId: string, now = new Date()): Promise<number> {
  const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const total = await getDb().generation.aggregate({
    where: { startedAt: { gte: midnight }, job: { clientId } },
    _sum: { costUsd: true },
  });
  return total._sum.costUsd ?? 0;
}
