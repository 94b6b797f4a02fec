import { alertingRefusals } from "@/lib/costs/budget-alerts";
import { reserveForStage } from "@/lib/costs/reserve-work";
import { getDb } from "@/lib/db/client";
import { conflict, notFound } from "@/lib/errors";
import { assertActiveJobLimit } from "@/lib/jobs/active-jobs";
import { STAGE_LABELS } from "@/lib/jobs/status";
import { transitionJob } from "@/lib/jobs/transition-job";
import { notifyWorkAvailable } from "@/lib/queue/work-signal";
import { applyClipPlan, planVersion, type VersionPlan } from "./plan-version";

/** Jobs a new version can start from: a finished video, or a failed render. */
const STARTS_FROM = ["completed", "failed"] as const;

async function ownJob(userId: string, jobId: string) {
  const job = await getDb().job.findUnique({
    where: { id: jobId },
    select: { userId: true, status: true, draftVersion: true },
  });
  if (!job || job.userId !== userId) throw notFound();
  return job;
}

function refuseUnlessStartable(status: string, draftVersion: number): void {
  if (status === "rendering" || status === "stitching") {
    throw conflict(`Version ${draftVersion} is rendering; wait for it to finish (or cancel it) before starting another.`);
  }
  if (status === "storyboarding") throw conflict("A still is being drawn; the new version can start once it is ready.");
  if (!(STARTS_FROM as readonly string[]).includes(status)) {
    throw conflict(
      `A new version can be rendered once the video is finished; this job is "${STAGE_LABELS[status as keyof typeof STAGE_LABELS].toLowerCase()}".`,
    );
  }
}

function refuseUnlessRenderable(plan: VersionPlan): void {
  if (plan.clips.length === 0) throw conflict("This video has no scenes to render yet: retry it to write them.");
  if (plan.stillsMissing.length > 0) {
    throw conflict(`Scene ${plan.stillsMissing[0]} has no still yet: redraw it or give it an image first.`);
  }
  if (plan.basedOn !== null && plan.changes.length === 0 && !plan.musicChanged) {
    throw conflict(`Nothing changed since version ${plan.basedOn}: edit a scene or the music first.`);
  }
}

/** What the next version will cost: only the scenes whose clip or narration must be made again. */
export async function estimateNextVersion(userId: string, jobId: string): Promise<VersionPlan> {
  await ownJob(userId, jobId);
  return planVersion(getDb(), jobId);
}

/**
 * Renders the draft as the job's next version on the same runner as the first cut: scenes whose clip inputs are
 * unchanged keep their clip, the rest are marked to render, and the money for exactly those is held (402 when a
 * cap would be crossed, which rolls it all back). A second click, or a version already rendering, is a 409.
 */
export async function startNewVersion(userId: string, jobId: string): Promise<{ number: number; plan: VersionPlan }> {
  const job = await ownJob(userId, jobId);
  refuseUnlessStartable(job.status, job.draftVersion);
  const result = await alertingRefusals(() =>
    getDb().$transaction(async (tx) => {
      // The status write comes first: it takes SQLite's write lock, so the plan below cannot change under us.
      const moved = await transitionJob(tx, jobId, STARTS_FROM, "rendering", {
        userId,
        data: { error: null, failedStage: null, note: null },
      });
      if (!moved) {
        const now = await tx.job.findUniqueOrThrow({ where: { id: jobId }, select: { status: true, draftVersion: true } });
        refuseUnlessStartable(now.status, now.draftVersion);
        throw conflict("The job changed meanwhile; try again.");
      }
      const plan = await planVersion(tx, jobId);
      refuseUnlessRenderable(plan);
      await applyClipPlan(tx, plan);
      await assertActiveJobLimit(tx, userId);
      const held = await reserveForStage(tx, jobId, "rendering");
      const fields = {
        status: "rendering",
        basedOn: plan.basedOn,
        changes: JSON.stringify(plan.changes),
        estimatedCostUsd: held,
        createdAt: new Date(),
      };
      await tx.jobVersion.upsert({
        where: { jobId_number: { jobId, number: plan.number } },
        create: { jobId, number: plan.number, ...fields },
        update: fields,
      });
      return { number: plan.number, plan };
    }),
  );
  notifyWorkAvailable();
  return result;
}
