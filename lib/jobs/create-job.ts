import { randomInt } from "node:crypto";
import { alertingRefusals } from "@/lib/costs/budget-alerts";
import { assertWithinJobBudget } from "@/lib/costs/job-budget";
import { reserveForStage } from "@/lib/costs/reserve-work";
import { quoteNewJob } from "@/lib/costs/quote-new-job";
import { getDb } from "@/lib/db/client";
import { DEFAULT_VOICE } from "@/lib/vocabulary";
import { copyAttachments } from "./job-attachments";
import { notifyWorkAvailable } from "@/lib/queue/work-signal";
import { getJobView } from "./queries";
import { assertActiveJobLimit } from "./active-jobs";
import type { CreateJobInput } from "./schemas";
import type { JobView } from "./job-view";

/** Writes a queued job with the models and estimate of today's configuration, and returns at once; the runner does the work. */
export async function createJob(userId: string, input: CreateJobInput): Promise<JobView> {
  const quote = quoteNewJob({ ...input, reference: input.referenceUploadId !== undefined });
  assertWithinJobBudget(quote);
  const attachments = await copyAttachments(userId, input);
  const job = await alertingRefusals(() =>
    getDb().$transaction(async (tx) => {
      const created = await tx.job.create({
        data: {
          userId,
          prompt: input.prompt,
          style: input.style,
          aspectRatio: input.aspectRatio,
          sceneCount: input.sceneCount,
          targetSeconds: input.targetSeconds ?? null,
          seed: input.seed ?? randomInt(0, 2 ** 31 - 1),
          autoApprove: input.autoApprove,
          backend: quote.backend,
          writerModel: quote.models?.writer ?? null,
          stillModel: quote.models?.still ?? null,
          clipModel: quote.models?.clip ?? null,
          clipResolution: quote.clips?.resolution ?? null,
          continuity: quote.clips?.continuity ?? "none",
          estimatedCostUsd: quote.totalUsd,
          voice: input.narration ? (input.voice ?? DEFAULT_VOICE) : null,
          narratorModel: quote.models?.narrator ?? null,
          musicKey: attachments.musicKey,
          referenceKey: attachments.referenceKey,
        },
        select: { id: true },
      });
      await assertActiveJobLimit(tx, userId);
      // The scene writer and the stills; the clips are held when the storyboard is approved.
      await reserveForStage(tx, created.id, "parsing");
      return created;
    }),
  ).catch(async (error: unknown) => {
    // Refused (a limit, the budget): the job was rolled back, and the copies of its uploads go too.
    await attachments.discard();
    throw error;
  });
  notifyWorkAvailable();
  return getJobView(userId, job.id);
}
