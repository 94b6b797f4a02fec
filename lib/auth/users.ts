import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { UNCLAIMED_EMAIL_SUFFIX } from "./unclaimed-users";

/** Every account, for the admin's view: who, since when, how many videos and what they cost. */
export async function listUsers() {
  const db = getDb();
  const [users, spend] = await Promise.all([
    db.user.findMany({ orderBy: { createdAt: "asc" }, where: { email: { not: { endsWith: UNCLAIMED_EMAIL_SUFFIX } } } }),
    db.job.groupBy({ by: ["userId"], _count: { _all: true }, _sum: { costUsd: true } }),
  ]);
  const byUser = new Map(spend.map((s) => [s.userId, s]));
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role === "admin" ? "admin" : "user",
    disabled: u.banned === true,
    createdAt: u.createdAt.toISOString(),
    jobs: byUser.get(u.id)?._count._all ?? 0,
    spentUsd: byUser.get(u.id)?._sum.costUsd ?? 0,
    dailyBudgetUsd: u.dailyBudgetUsd,
  }));
}

/** An admin's daily spending limit for one person (null: only the studio's limits apply). */
export async function setDailyBudget(userId: string, dailyBudgetUsd: number | null): Promise<void> {
  const { count } = await getDb().user.updateMany({ where: { id: userId }, data: { dailyBudgetUsd } });
  if (count === 0) throw notFound("That user");
}
