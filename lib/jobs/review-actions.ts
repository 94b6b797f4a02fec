import { alertingRefusals } from "@/lib/costs/budget-alerts";
import { reserveForStage } from "@/lib/costs/reserve-work";
import { getDb } from "@/lib/db/client";
import { assertActiveJobLimit } from "./active-jobs";
import { AppError, conflict, notFound } from "@/lib/errors";
import { notifyWorkAvailable } from "@/lib/queue/work-signal";
import { discardPartialFiles } from "@/lib/storage/file-storage";
import { FINAL_STATUSES, STAGE_LABELS, isFinalStatus, type JobStatus } from "./status";
import { applyClipPlan, planVersion } from "@/lib/versions/plan-version";
import { endDraftVersion } from "@/lib/versions/version-rows";
import { transitionJob } from "./transition-job";

async function explainRefusal(userId: string, jobId: string, wanted: string): Promise<never> {
  const job = await getDb().job.findUnique({ where: { id: jobId }, select: { status: true, userId: true } });
  if (!job || job.userId !== userId) throw notFound();
  const stage = STAGE_LABELS[job.status];
  throw conflict(`This job cannot ${wanted} now: it is "${stage.toLowerCase()}".`);
}

/** Human approval: the one gate before anything expensive runs. A second click is a 409 that changes nothing. */
export async function approveStoryboard(userId: string, jobId: string): Promise<void> {
  const db = getDb();
  const job = await db.job.findUnique({ where: { id: jobId }, select: { status: true, userId: true } });
  if (!job || job.userId !== userId) throw notFound();
  if (job.status !== "awaiting_approval") await explainRefusal(userId, jobId, "be approved");
  const notReady = await db.scene.count({ where: { jobId, stillStatus: { not: "ready" } } });
  if (notReady > 0) throw conflict("Some storyboard stills are not ready yet; wait for them before approving.");
  const moved = await alertingRefusals(() =>
    db.$transaction(async (tx) => {
      const ok = await transitionJob(tx, jobId, "awaiting_approval", "rendering", { userId });
      if (!ok) return false;
      // A clip made before from the same inputs is kept; one whose still or settings changed is made again.
      await applyClipPlan(tx, await planVersion(tx, jobId));
      await assertActiveJobLimit(tx, userId);
      await reserveForStage(tx, jobId, "rendering");
      return true;
    }),
  );
  if (!moved) await explainRefusal(userId, jobId, "be approved");
  notifyWorkAvailable();
}

export async function cancelJob(userId: string, jobId: string): Promise<void> {
  const db = getDb();
  const job = await db.job.findUnique({
    where: { id: jobId },
    select: { status: true, userId: true, currentVersion: true },
  });
  if (!job || job.userId !== userId) throw notFound();
  if (isFinalStatus(job.status)) await explainRefusal(userId, jobId, "be canceled");
  // A finished video being refined goes back to the version it plays; only a first cut ends canceled.
  const refining = job.currentVersion !== null;
  const moved = await db.$transaction(async (tx) => {
    const ok = await transitionJob(tx, jobId, job.status, refining ? "completed" : "canceled", {
      userId,
      // failedStage keeps where it stopped, so its progress stays put instead of dropping to 0%.
      data: {
        error: null,
        failedStage: refining ? null : job.status,
        pausedReason: null,
        pausedAt: null,
        leaseToken: null,
        leaseOwner: null,
        leaseExpiresAt: null,
      },
    });
    if (!ok) return false;
    if (refining) await endDraftVersion(tx, jobId, "canceled");
    // Steps that were in flight will not finish: the lease is gone, so their runner can write nothing more.
    await tx.scene.updateMany({ where: { jobId, stillStatus: "generating" }, data: { stillStatus: "pending" } });
    await tx.scene.updateMany({ where: { jobId, clipStatus: "generating" }, data: { clipStatus: "pending" } });
    // A redraw cut short keeps the still it had.
    if (refining) {
      await tx.scene.updateMany({
        where: { jobId, stillStatus: "pending", stillKey: { not: null } },
        data: { stillStatus: "ready" },
      });
    }
    return true;
  });
  // The status changed between our read and write (the runner advanced it): try once more from there.
  if (!moved) return cancelJob(userId, jobId);
  // Wakes this process's runner, which sees the lease gone and kills the job's running step.
  notifyWorkAvailable();
  // A runner that died mid-step left its temp files; a live one removes its own as it stops.
  await discardPartialFiles(jobId);
}

/**
 * Cancels every job of this person that is not over yet, each through cancelJob (holds released, running steps
 * stopped), so an account that was disabled spends nothing more: queued and auto-approved videos would otherwise
 * go on rendering for nobody. A job that ended on its own meanwhile is left as it ended.
 */
export async function cancelUnfinishedJobsOf(userId: string): Promise<number> {
  const jobs = await getDb().job.findMany({
    where: { userId, status: { notIn: [...FINAL_STATUSES] } },
    select: { id: true },
  });
  let canceled = 0;
  for (const { id } of jobs) {
    try {
      await cancelJob(userId, id);
      canceled++;
    } catch (error) {
      if (!(error instanceof AppError && error.code === "conflict")) throw error;
    }
  }
  return canceled;
}

const RESUME_AT: Partial<Record<JobStatus, JobStatus>> = {
  storyboarding: "storyboarding",
  rendering: "rendering",
  stitching: "stitching",
};

/** Resumes a failed job from the step that failed: finished stills and clips are kept, failed ones redone. */
export async function retryFailedJob(userId: string, jobId: string): Promise<void> {
  const db = getDb();
  const job = await db.job.findUnique({ where: { id: jobId }, select: { status: true, userId: true, failedStage: true } });
  if (!job || job.userId !== userId) throw notFound();
  if (job.status !== "failed") await explainRefusal(userId, jobId, "be retried");
  let resumeAt = (job.failedStage && RESUME_AT[job.failedStage]) || "parsing";
  const moved = await alertingRefusals(() =>
    db.$transaction(async (tx) => {
      // Scenes edited since the render failed: their clips are planned again, as a new version's are.
      const plan = resumeAt === "rendering" || resumeAt === "stitching" ? await planVersion(tx, jobId) : null;
      if (plan?.clips.some((c) => c.render)) resumeAt = "rendering";
      const ok = await transitionJob(tx, jobId, "failed", resumeAt, { userId, data: { error: null, failedStage: null } });
      if (!ok) return false;
      if (plan) await applyClipPlan(tx, plan);
      await assertActiveJobLimit(tx, userId);
      await tx.scene.updateMany({ where: { jobId, stillStatus: "failed" }, data: { stillStatus: "pending", error: null } });
      await tx.scene.updateMany({ where: { jobId, clipStatus: "failed" }, data: { clipStatus: "pending", error: null } });
      await reserveForStage(tx, jobId, resumeAt);
      return true;
    }),
  );
  if (!moved) await explainRefusal(userId, jobId, "be retried");
  notifyWorkAvailable();
}
