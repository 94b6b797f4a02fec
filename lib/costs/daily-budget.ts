import type { Prisma } from "@/lib/db/generated/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { metrics } from "@/lib/metrics/metrics";
import { formatUsd } from "@/lib/util/money";
import { budgetDayOf, timeUntil, type BudgetDay } from "./budget-day";

type Reader = Pick<Prisma.TransactionClient, "generation" | "job" | "user">;

export type CapName = "studio" | "person";

export interface CapStanding {
  cap: CapName;
  limitUsd: number;
  /** Billed today plus what running work holds and has not spent yet. */
  committedUsd: number;
  leftUsd: number;
}

export interface BudgetStanding {
  day: BudgetDay;
  timeZone: string;
  caps: CapStanding[];
}

/** A request that would cross a daily cap: 402 with which cap, what is left and when it resets. */
export class BudgetRefusal extends AppError {
  constructor(
    message: string,
    readonly cap: CapName,
    readonly userId: string,
    readonly day: string,
  ) {
    super("budget_exceeded", message);
  }

  /** Read by a failing step, which names the step and then says why in these words. */
  get userMessage(): string {
    return this.message;
  }
}

/** What today's calls cost plus what is held for work in progress: the whole studio's, or one person's. */
export async function committedToday(db: Reader, day: BudgetDay, userId?: string): Promise<number> {
  const owner = userId ? { userId } : {};
  const [spent, held] = await Promise.all([
    db.generation.aggregate({
      where: { startedAt: { gte: day.start, lt: day.end }, ...(userId ? { job: owner } : {}) },
      _sum: { costUsd: true },
    }),
    db.job.aggregate({ where: { reservedUsd: { gt: 0 }, ...owner }, _sum: { reservedUsd: true } }),
  ]);
  return (spent._sum.costUsd ?? 0) + (held._sum.reservedUsd ?? 0);
}

/** Each daily cap that applies to this person, with what is committed against it today. */
export async function budgetStanding(db: Reader, userId: string, now = new Date()): Promise<BudgetStanding> {
  const env = getEnv();
  const day = budgetDayOf(now, env.BUDGET_TIMEZONE);
  const user = await db.user.findUnique({ where: { id: userId }, select: { dailyBudgetUsd: true } });
  const standing = (cap: CapName, limitUsd: number, committedUsd: number): CapStanding => ({
    cap,
    limitUsd,
    committedUsd,
    leftUsd: Math.max(0, limitUsd - committedUsd),
  });
  const caps = [standing("studio", env.BUDGET_DAILY_HARD_USD, await committedToday(db, day))];
  if (user?.dailyBudgetUsd != null) caps.push(standing("person", user.dailyBudgetUsd, await committedToday(db, day, userId)));
  return { day, timeZone: env.BUDGET_TIMEZONE, caps };
}

// Sums of floats: a reservation that exactly fills a cap must fit.
const EPSILON = 1e-9;

/** The refusal for `usd` more, or null when it fits under every cap. */
export function refusalFor(standing: BudgetStanding, userId: string, usd: number, now = new Date()): BudgetRefusal | null {
  const full = standing.caps.find((c) => c.committedUsd + usd > c.limitUsd + EPSILON);
  if (!full) return null;
  const which = full.cap === "studio" ? "this studio's daily limit" : "your daily limit (set by an admin)";
  const left = full.leftUsd > 0 ? `has ${formatUsd(full.leftUsd)} left today` : "is used up for today";
  const message =
    `This needs ${formatUsd(usd)}, but ${which} of ${formatUsd(full.limitUsd)} ${left}; ` +
    `it resets at midnight ${standing.timeZone}, ${timeUntil(standing.day.end, now)}.`;
  return new BudgetRefusal(message, full.cap, userId, standing.day.date);
}

/**
 * Holds `usd` for a job's next work, inside the caller's transaction. The hold is written first (so SQLite's one
 * writer lock is taken before anything is counted and no two requests can both see the same room), then the caps
 * are checked against everything committed, and a refusal is thrown, which rolls the hold back.
 */
export async function reserveBudget(
  tx: Prisma.TransactionClient,
  job: { id: string; userId: string },
  usd: number,
  now = new Date(),
): Promise<void> {
  if (usd <= 0) return;
  await tx.job.update({ where: { id: job.id }, data: { reservedUsd: { increment: usd } } });
  const standing = await budgetStanding(tx, job.userId, now);
  // Counted without this hold, so the sentence speaks of what was left before it.
  for (const cap of standing.caps) {
    cap.committedUsd -= usd;
    cap.leftUsd = Math.max(0, cap.limitUsd - cap.committedUsd);
  }
  const refusal = refusalFor(standing, job.userId, usd, now);
  const m = metrics();
  m.budgetHolds.inc({ outcome: refusal ? "refused" : "held" });
  if (refusal) throw refusal;
  m.budgetHeldUsd.inc(usd);
}

/** A bill takes its part off the job's hold (never below nothing), in the transaction that records it. */
export async function chargeReservation(tx: Pick<Prisma.TransactionClient, "job">, jobId: string, usd: number): Promise<void> {
  if (usd <= 0) return;
  const job = await tx.job.findUnique({ where: { id: jobId }, select: { reservedUsd: true } });
  if (!job || job.reservedUsd <= 0) return;
  await tx.job.update({ where: { id: jobId }, data: { reservedUsd: Math.max(0, job.reservedUsd - usd) } });
}
