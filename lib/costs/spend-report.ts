import type { Prisma } from "@/lib/db/generated/client";
import { recentAlerts } from "@/lib/alerts/raise-alert";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { lastBudgetDays } from "./budget-day";
import { committedToday } from "./daily-budget";

/** The original plan's success metric: under $5 per finished video on average. */
export const TARGET_USD_PER_VIDEO = 5;
/** An estimate is good when the video cost within this share of it. */
export const ESTIMATE_TOLERANCE = 0.1;
export const REPORT_DAYS = 30;

export interface Viewer {
  userId: string;
  isAdmin: boolean;
}

const excerpt = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);

/** Admins see the whole studio; everyone else their own jobs. */
const jobsOf = (viewer: Viewer): Prisma.JobWhereInput => (viewer.isAdmin ? {} : { userId: viewer.userId });

/** What the studio (for admins) or one person spent over the last 30 budget days, and how the estimates held. */
export async function spendReport(viewer: Viewer, now = new Date()) {
  const env = getEnv();
  const db = getDb();
  const days = lastBudgetDays(now, env.BUDGET_TIMEZONE, REPORT_DAYS);
  const since = days[0]!.start;
  const today = days[days.length - 1]!;
  const [calls, jobs, user, committed] = await Promise.all([
    db.generation.findMany({
      where: { startedAt: { gte: since }, costUsd: { gt: 0 }, job: jobsOf(viewer) },
      select: { startedAt: true, costUsd: true, model: true, job: { select: { owner: { select: { email: true } } } } },
    }),
    db.job.findMany({
      where: { createdAt: { gte: since }, ...jobsOf(viewer) },
      select: {
        id: true,
        prompt: true,
        status: true,
        costUsd: true,
        estimatedCostUsd: true,
        userId: true,
        owner: { select: { email: true } },
      },
    }),
    db.user.findUnique({ where: { id: viewer.userId }, select: { dailyBudgetUsd: true } }),
    committedToday(db, today, viewer.isAdmin ? undefined : viewer.userId),
  ]);

  const perDay = days.map((day) => ({ date: day.date, usd: 0 }));
  const byModel = new Map<string, { model: string; usd: number; calls: number }>();
  const byUser = new Map<string, { email: string; usd: number }>();
  for (const call of calls) {
    const index = days.findIndex((d) => call.startedAt >= d.start && call.startedAt < d.end);
    if (index >= 0) perDay[index]!.usd += call.costUsd;
    const model = byModel.get(call.model) ?? { model: call.model, usd: 0, calls: 0 };
    model.usd += call.costUsd;
    model.calls += 1;
    byModel.set(call.model, model);
    const email = call.job.owner.email;
    byUser.set(email, { email, usd: (byUser.get(email)?.usd ?? 0) + call.costUsd });
  }

  const finished = jobs.filter((j) => j.status === "completed");
  const estimated = finished
    .filter((j) => j.estimatedCostUsd > 0)
    .map((j) => ({
      id: j.id,
      prompt: excerpt(j.prompt),
      estimatedUsd: j.estimatedCostUsd,
      costUsd: j.costUsd,
      offBy: j.costUsd / j.estimatedCostUsd - 1,
    }));
  const finishedUsd = finished.reduce((sum, j) => sum + j.costUsd, 0);
  const spentTodayUsd = perDay[perDay.length - 1]!.usd;

  return {
    timeZone: env.BUDGET_TIMEZONE,
    scope: viewer.isAdmin ? ("studio" as const) : ("self" as const),
    totalUsd: perDay.reduce((sum, d) => sum + d.usd, 0),
    today: {
      date: today.date,
      spentUsd: spentTodayUsd,
      // Float sums leave crumbs: below a millionth of a dollar, nothing is held.
      heldUsd: committed - spentTodayUsd > 1e-6 ? committed - spentTodayUsd : 0,
      softUsd: env.BUDGET_DAILY_SOFT_USD,
      hardUsd: env.BUDGET_DAILY_HARD_USD,
      personUsd: user?.dailyBudgetUsd ?? null,
    },
    days: perDay,
    byModel: [...byModel.values()].sort((a, b) => b.usd - a.usd),
    byUser: viewer.isAdmin ? [...byUser.values()].sort((a, b) => b.usd - a.usd) : null,
    topJobs: [...jobs]
      .sort((a, b) => b.costUsd - a.costUsd)
      .slice(0, 10)
      .filter((j) => j.costUsd > 0)
      .map((j) => ({
        id: j.id,
        prompt: excerpt(j.prompt),
        email: j.owner.email,
        /** Only one's own job pages open; another's is a 404 even for an admin. */
        mine: j.userId === viewer.userId,
        status: j.status,
        estimatedUsd: j.estimatedCostUsd,
        costUsd: j.costUsd,
      })),
    estimates: {
      compared: estimated.length,
      withinTolerance: estimated.filter((e) => Math.abs(e.offBy) <= ESTIMATE_TOLERANCE).length,
      tolerance: ESTIMATE_TOLERANCE,
      jobs: estimated.sort((a, b) => Math.abs(b.offBy) - Math.abs(a.offBy)).slice(0, 20),
    },
    perVideo: {
      finished: finished.length,
      averageUsd: finished.length ? finishedUsd / finished.length : 0,
      targetUsd: TARGET_USD_PER_VIDEO,
    },
    alerts: viewer.isAdmin
      ? (await recentAlerts()).map((a) => ({
          id: a.id,
          kind: a.kind,
          message: a.message,
          createdAt: a.createdAt.toISOString(),
          delivered: a.deliveredAt !== null,
          deliveryError: a.deliveryError,
        }))
      : null,
  };
}

export type SpendReport = Awaited<ReturnType<typeof spendReport>>;
