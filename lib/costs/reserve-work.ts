import type { Prisma } from "@/lib/db/generated/client";
import type { JobStatus } from "@/lib/db/generated/enums";
import { narrationToMake } from "@/lib/media/narration-fingerprint";
import { reserveBudget } from "./daily-budget";
import { clipsCostUsd, draftCostUsd, PRICED_JOB_FIELDS, stillsCostUsd, type PricedJob } from "./work-cost";

type Tx = Prisma.TransactionClient;

/** What the work of this stage still costs: scenes and stills, the stills not drawn, or the clips not made. */
export async function costToFinish(tx: Pick<Tx, "scene">, job: PricedJob & { id: string }, stage: JobStatus): Promise<number> {
  if (stage === "queued" || stage === "parsing") return draftCostUsd(job);
  if (stage === "storyboarding") {
    return stillsCostUsd(job, await tx.scene.count({ where: { jobId: job.id, stillStatus: { not: "ready" } } }));
  }
  if (stage === "rendering") {
    const scenes = await tx.scene.findMany({
      where: { jobId: job.id },
      orderBy: { position: "asc" },
      select: {
        id: true,
        durationSec: true,
        clipStatus: true,
        narrate: true,
        caption: true,
        narrationKey: true,
        narrationOf: true,
      },
    });
    const work = await Promise.all(
      scenes.map(async (s) => ({ ...s, narrationDue: await narrationToMake(job.id, job.voice, s) })),
    );
    return clipsCostUsd(job, work);
  }
  return 0;
}

/**
 * Holds the money for the stage a job is entering (created, approved, redrawn, retried), in the caller's
 * transaction: refused with 402 when it would cross a daily cap, which rolls that transaction back.
 */
export async function reserveForStage(tx: Tx, jobId: string, stage: JobStatus, now = new Date()): Promise<number> {
  const job = await tx.job.findUniqueOrThrow({
    where: { id: jobId },
    select: { id: true, userId: true, ...PRICED_JOB_FIELDS },
  });
  const usd = await costToFinish(tx, job, stage);
  await reserveBudget(tx, job, usd, now);
  return usd;
}
