import { raiseAlert } from "@/lib/alerts/raise-alert";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { formatUsd } from "@/lib/util/money";
import { budgetDayOf } from "./budget-day";
import { BudgetRefusal, committedToday } from "./daily-budget";

/** The original plan: a job that costs more than 20% over its estimate is worth a look. */
export const OVER_ESTIMATE_RATIO = 1.2;

const excerpt = (prompt: string) => (prompt.length > 60 ? `${prompt.slice(0, 57)}…` : prompt);

/** Runs `work`; a cap refusal is raised as an alert (once per cap, person and day) and passed on. */
export async function alertingRefusals<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BudgetRefusal) {
      const user = await getDb().user.findUnique({ where: { id: error.userId }, select: { email: true } });
      const who = user?.email ?? "someone";
      await raiseAlert({
        key: error.cap === "studio" ? `cap_refusal:studio:${error.day}` : `cap_refusal:person:${error.userId}:${error.day}`,
        kind: "cap_refusal",
        message: `A request by ${who} was refused: ${error.message}`,
        userId: error.userId,
      });
    }
    throw error;
  }
}

/** After a bill: the day's spend past the soft cap (once a day), the job past its estimate by 20% (once a job). */
export async function alertOnSpend(jobId: string, now = new Date()): Promise<void> {
  const env = getEnv();
  const db = getDb();
  const day = budgetDayOf(now, env.BUDGET_TIMEZONE);
  const spent = await db.generation.aggregate({
    where: { startedAt: { gte: day.start, lt: day.end } },
    _sum: { costUsd: true },
  });
  const spentToday = spent._sum.costUsd ?? 0;
  if (spentToday >= env.BUDGET_DAILY_SOFT_USD && env.BUDGET_DAILY_SOFT_USD > 0) {
    const held = (await committedToday(db, day)) - spentToday;
    await raiseAlert({
      key: `soft_cap:${day.date}`,
      kind: "soft_cap",
      message:
        `Spend on ${day.date} (${env.BUDGET_TIMEZONE}) reached ${formatUsd(spentToday)}, past the soft limit of ` +
        `${formatUsd(env.BUDGET_DAILY_SOFT_USD)}; ${formatUsd(held)} more is held for work in progress, and the hard ` +
        `limit is ${formatUsd(env.BUDGET_DAILY_HARD_USD)}.`,
    });
  }
  const job = await db.job.findUnique({
    where: { id: jobId },
    select: { prompt: true, costUsd: true, estimatedCostUsd: true, userId: true, owner: { select: { email: true } } },
  });
  if (job && job.estimatedCostUsd > 0 && job.costUsd > job.estimatedCostUsd * OVER_ESTIMATE_RATIO) {
    const over = Math.round((job.costUsd / job.estimatedCostUsd - 1) * 100);
    await raiseAlert({
      key: `over_estimate:${jobId}`,
      kind: "over_estimate",
      message: `The video "${excerpt(job.prompt)}" by ${job.owner.email} has cost ${formatUsd(job.costUsd)}, ${over}% over its estimate of ${formatUsd(job.estimatedCostUsd)}.`,
      jobId,
      userId: job.userId,
    });
  }
}
