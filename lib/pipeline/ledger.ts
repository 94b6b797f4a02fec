import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { Backend, GenerationStatus } from "@/lib/db/generated/enums";
import type { CallHooks } from "@/lib/backends/types";
import { alertingRefusals, alertOnSpend } from "@/lib/costs/budget-alerts";
import { chargeReservation, reserveBudget } from "@/lib/costs/daily-budget";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics/metrics";
import { fencedWrite, JobCanceledError, LeaseLostError, type StepContext } from "./step-context";

export interface GenerationStart {
  sceneId?: string;
  kind: "scenes" | "still" | "clip" | "narration" | "stitch";
  backend: Backend;
  model: string;
  input: unknown;
}

/**
 * What a call spent so far (a retried call can be billed more than once), and what is held for it: its earlier
 * attempts at what they were billed and the current one at the most it can cost, let go of when it is recorded.
 */
type Spent = { usd: number; bases: string[]; heldUsd: number };

type Outcome = { status: Exclude<GenerationStatus, "running">; outputKey?: string; error?: string; spent: Spent };
type Started = { id: string; startedAt: Date; resumeExternalId: string | null; lostCreateSince: Date | null };

export const hashInput = (input: unknown) => createHash("sha256").update(JSON.stringify(input)).digest("hex").slice(0, 32);

/**
 * Recorded before the call is awaited, so a crash leaves a trace of what was in flight; fenced, so a
 * runner whose job was canceled or taken over cannot start (and pay for) another call. When an earlier
 * attempt of this same remote call was interrupted, that row is taken up again: one row and one
 * payment per call.
 */
async function startGeneration(ctx: StepContext, start: GenerationStart): Promise<Started> {
  const inputHash = hashInput(start.input);
  return fencedWrite(ctx, async (tx) => {
    const earlier = await tx.generation.findFirst({
      where: {
        jobId: ctx.jobId,
        sceneId: start.sceneId ?? null,
        kind: start.kind,
        inputHash,
        status: "interrupted",
        backend: start.backend,
      },
      orderBy: { startedAt: "desc" },
    });
    // A remote call that was interrupted is taken up again: its prediction is polled, or (when the
    // runner died before the id came back) looked for, instead of paying for another.
    if (earlier && start.backend !== "local") {
      await tx.generation.update({ where: { id: earlier.id }, data: { status: "running", finishedAt: null, error: null } });
      return {
        id: earlier.id,
        startedAt: earlier.startedAt,
        resumeExternalId: earlier.externalId,
        lostCreateSince: earlier.externalId ? null : earlier.startedAt,
      };
    }
    // Every call belongs to the version being drafted or rendered now, so each version's cost is its own.
    const { draftVersion } = await tx.job.findUniqueOrThrow({ where: { id: ctx.jobId }, select: { draftVersion: true } });
    const row = await tx.generation.create({
      data: {
        jobId: ctx.jobId,
        versionNumber: draftVersion,
        sceneId: start.sceneId ?? null,
        kind: start.kind,
        backend: start.backend,
        model: start.model,
        inputHash,
        status: "running",
      },
      select: { id: true, startedAt: true },
    });
    return { ...row, resumeExternalId: null, lostCreateSince: null };
  });
}

async function finishGeneration(
  db: Prisma.TransactionClient,
  jobId: string,
  generation: Started,
  outcome: Outcome,
): Promise<void> {
  const finishedAt = new Date();
  await db.generation.update({
    where: { id: generation.id },
    data: {
      status: outcome.status,
      outputKey: outcome.outputKey ?? null,
      error: outcome.error?.slice(0, 2000) ?? null,
      costUsd: { increment: outcome.spent.usd },
      // Undefined leaves it be: a call taken up again after a crash keeps what its first part was billed from.
      costBasis: outcome.spent.bases.join("; ") || undefined,
      finishedAt,
      durationMs: finishedAt.getTime() - generation.startedAt.getTime(),
    },
  });
  // The job's running total, so its page shows what was spent while it works. What was held for the call comes off
  // the job's hold whole: the bill, now in the ledger, and the rest of the most it could have cost, let go of. An
  // interrupted call keeps its hold, since its prediction may still run and is taken up again without a new one.
  if (outcome.spent.usd > 0) {
    await db.job.update({ where: { id: jobId }, data: { costUsd: { increment: outcome.spent.usd } } });
  }
  const held = outcome.status === "interrupted" ? 0 : outcome.spent.heldUsd;
  await chargeReservation(db, jobId, Math.max(outcome.spent.usd, held));
}

/**
 * Before each billed prediction, with the most it can cost: what the job holds, less what earlier attempts of this
 * call were billed, must cover it; the rest is reserved now under the daily caps (a retried call, or a repair, can
 * cost more than the step reserved), or refused. An earlier attempt is over, so its bill is all it still needs.
 */
async function coverCall(ctx: StepContext, maxUsd: number, cost: Spent): Promise<void> {
  await alertingRefusals(() =>
    fencedWrite(ctx, async (tx) => {
      const job = await tx.job.findUniqueOrThrow({ where: { id: ctx.jobId }, select: { userId: true, reservedUsd: true } });
      const uncovered = maxUsd + cost.usd - job.reservedUsd;
      if (uncovered > 1e-9) await reserveBudget(tx, { id: ctx.jobId, userId: job.userId }, uncovered);
    }),
  );
  cost.heldUsd = cost.usd + maxUsd;
}

function hooksFor(ctx: StepContext, generation: Started, cost: Spent): CallHooks {
  return {
    resumeExternalId: generation.resumeExternalId,
    lostCreateSince: generation.lostCreateSince,
    onExternalId: async (externalId) => {
      await ctx.db.generation.update({ where: { id: generation.id }, data: { externalId } });
    },
    beforeBilledCall: (maxUsd) => coverCall(ctx, maxUsd, cost),
    isRecorded: async (externalId) => (await ctx.db.generation.count({ where: { externalId } })) > 0,
    addCost: ({ usd, basis }) => {
      cost.usd += usd;
      cost.bases.push(basis);
    },
    // Stored on the job so every process (the web server too, when a separate worker runs the job) can say why it waits.
    onPause: async (reason) => {
      await ctx.db.job.updateMany({
        where: { id: ctx.jobId, leaseToken: ctx.leaseToken },
        data: { pausedReason: reason, pausedAt: reason ? new Date() : null, version: { increment: 1 } },
      });
    },
  };
}

/**
 * Runs one generation call between its ledger rows. Success is recorded in the same fenced transaction
 * as `commit` (the step's own writes), so a crash can never leave a "succeeded" call whose result was
 * not kept: the next attempt finds the row still "running", marks it interrupted, and does the work once.
 */
export async function runGeneration<T>(
  ctx: StepContext,
  start: GenerationStart,
  run: (hooks: CallHooks) => Promise<T>,
  commit: (tx: Prisma.TransactionClient, result: T) => Promise<unknown>,
  outputKey?: string,
): Promise<T> {
  const generation = await startGeneration(ctx, start);
  const cost: Spent = { usd: 0, bases: [], heldUsd: 0 };
  const began = Date.now();
  let result: T;
  try {
    result = await run(hooksFor(ctx, generation, cost));
  } catch (error) {
    // Cut short by a cancel: canceled. By shutdown or a lost lease: interrupted, the job goes on later.
    const outcome = !ctx.signal.aborted ? "failed" : ctx.signal.reason instanceof JobCanceledError ? "canceled" : "interrupted";
    await finishGeneration(ctx.db, ctx.jobId, generation, { status: outcome, error: String(error), spent: cost });
    countGeneration(start, outcome, cost, began);
    await checkSpend(ctx.jobId, cost);
    throw error;
  }
  try {
    await fencedWrite(ctx, async (tx) => {
      await finishGeneration(tx, ctx.jobId, generation, { status: "succeeded", outputKey, spent: cost });
      await commit(tx, result);
    });
  } catch (error) {
    if (error instanceof LeaseLostError) {
      await finishGeneration(ctx.db, ctx.jobId, generation, { status: "interrupted", error: error.message, spent: cost });
      countGeneration(start, "interrupted", cost, began);
    }
    throw error;
  }
  countGeneration(start, "succeeded", cost, began);
  await checkSpend(ctx.jobId, cost);
  return result;
}

/** Once the call's outcome is in the ledger: what the ledger says, as counters a scraper can sum. */
function countGeneration(start: GenerationStart, outcome: string, cost: Spent, began: number): void {
  const m = metrics();
  const seconds = (Date.now() - began) / 1000;
  m.generations.inc({ backend: start.backend, kind: start.kind, model: start.model, outcome });
  m.generationDuration.observe({ backend: start.backend, kind: start.kind }, seconds);
  if (cost.usd > 0) m.spendUsd.inc({ model: start.model }, cost.usd);
  // The job's id comes from the runner's log context.
  log.info("generation call", {
    kind: start.kind,
    backend: start.backend,
    model: start.model,
    outcome,
    ms: Math.round(seconds * 1000),
    usd: cost.usd,
  });
}

/** Alerts never stop the work that spent the money. */
async function checkSpend(jobId: string, cost: Spent): Promise<void> {
  if (cost.usd > 0) await alertOnSpend(jobId).catch((error) => log.error("checking budget alerts failed", { jobId, error }));
}

/** Calls left "running" by a runner that died; only the lease holder calls this, so none is really running. */
export async function markInterruptedGenerations(db: Db, jobId: string): Promise<number> {
  const { count } = await db.generation.updateMany({
    where: { jobId, status: "running" },
    data: { status: "interrupted", finishedAt: new Date(), error: "The runner stopped before this call finished." },
  });
  return count;
}
