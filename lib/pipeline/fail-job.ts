import type { Db } from "@/lib/db/client";
import type { JobStatus } from "@/lib/jobs/status";
import { transitionJob } from "@/lib/jobs/transition-job";
import { endDraftVersion } from "@/lib/versions/version-rows";
import { StepError } from "./step-context";

/** Marks the job (and the scene at fault) failed with a sentence a person can read. */
export async function failJob(db: Db, jobId: string, leaseToken: string, status: JobStatus, error: unknown): Promise<void> {
  const message = error instanceof StepError ? error.message : "Something went wrong on the server while working on this job.";
  await db.$transaction(async (tx) => {
    const moved = await transitionJob(tx, jobId, status, "failed", {
      leaseToken,
      data: {
        error: message,
        failedStage: status,
        pausedReason: null,
        pausedAt: null,
        leaseToken: null,
        leaseOwner: null,
        leaseExpiresAt: null,
      },
    });
    if (moved) await endDraftVersion(tx, jobId, "failed");
    if (moved && error instanceof StepError && error.sceneId) {
      const field = status === "storyboarding" ? "stillStatus" : "clipStatus";
      await tx.scene.updateMany({ where: { id: error.sceneId, jobId }, data: { [field]: "failed", error: message } });
    }
  });
}
