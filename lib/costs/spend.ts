import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { budgetDayOf } from "./budget-day";

/** What this person's calls cost since midnight in BUDGET_TIMEZONE (the ledger's recorded actuals, not estimates). */
export async function spentTodayUsd(userId: string, now = new Date()): Promise<number> {
  const day = budgetDayOf(now, getEnv().BUDGET_TIMEZONE);
  const total = await getDb().generation.aggregate({
    where: { startedAt: { gte: day.start, lt: day.end }, job: { userId } },
    _sum: { costUsd: true },
  });
  return total._sum.costUsd ?? 0;
}
