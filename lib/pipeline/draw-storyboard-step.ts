import { alertingRefusals } from "@/lib/costs/budget-alerts";
import { BudgetRefusal } from "@/lib/costs/daily-budget";
import { reserveForStage } from "@/lib/costs/reserve-work";
import { asAspectRatio, asMotion, asStyle } from "@/lib/vocabulary";
import { transitionJob } from "@/lib/jobs/transition-job";
import { pathForKey, writeFileAtomic } from "@/lib/storage/file-storage";
import { removeUnlessKept } from "@/lib/versions/kept-files";
import { stillKey } from "@/lib/storage/keys";
import { runGeneration } from "./ledger";
import { explainFailure, fencedWrite, LeaseLostError, StepError, type StepContext } from "./step-context";

/** storyboarding -> awaiting_approval (or rendering when auto-approved): one still per scene not yet drawn. */
export async function drawStoryboardStep(ctx: StepContext): Promise<void> {
  const job = await ctx.db.job.findUniqueOrThrow({ where: { id: ctx.jobId } });
  const scenes = await ctx.db.scene.findMany({
    where: { jobId: ctx.jobId, stillStatus: { not: "ready" } },
    orderBy: { position: "asc" },
  });
  for (const scene of scenes) {
    await fencedWrite(ctx, (tx) =>
      tx.scene.update({ where: { id: scene.id }, data: { stillStatus: "generating", error: null } }),
    );
    const key = stillKey(ctx.jobId, scene.id, scene.stillRevision);
    const input = {
      imagePrompt: scene.imagePrompt,
      style: asStyle(job.style),
      aspectRatio: asAspectRatio(job.aspectRatio),
      seed: job.seed + scene.stillRevision * 7919,
      storyPrompt: job.prompt,
      motion: asMotion(scene.motion),
      ...(job.referenceKey ? { referencePath: pathForKey(job.referenceKey) } : {}),
    };
    const illustrator = ctx.backend.illustrator;
    try {
      await runGeneration(
        ctx,
        { sceneId: scene.id, kind: "still", backend: ctx.backend.name, model: illustrator.model, input },
        async (hooks) => writeFileAtomic(key, await illustrator.drawStill(input, ctx.signal, hooks)),
        (tx) => tx.scene.update({ where: { id: scene.id }, data: { stillStatus: "ready", stillKey: key } }),
        key,
      );
    } catch (error) {
      if (error instanceof LeaseLostError || ctx.signal.aborted) throw error;
      throw new StepError(explainFailure(`Drawing the still for scene ${scene.position + 1} failed.`, error), scene.id, {
        cause: error,
      });
    }
    if (scene.stillKey && scene.stillKey !== key) await removeUnlessKept(ctx.db, ctx.jobId, scene.stillKey);
  }
  // A still redrawn on a finished video: the job rests at completed, the redraw part of its next version's draft.
  if (job.currentVersion !== null) {
    await fencedWrite(ctx, (tx) => transitionJob(tx, ctx.jobId, "storyboarding", "completed", { leaseToken: ctx.leaseToken }));
    return;
  }
  if (job.autoApprove) return startRenderingUnattended(ctx);
  await fencedWrite(ctx, (tx) =>
    transitionJob(tx, ctx.jobId, "storyboarding", "awaiting_approval", { leaseToken: ctx.leaseToken }),
  );
}

/**
 * An auto-approved job goes on to its clips when the day's budget can hold them; otherwise it waits for
 * approval like any other, with a note saying why, rather than failing.
 */
async function startRenderingUnattended(ctx: StepContext): Promise<void> {
  try {
    await alertingRefusals(() =>
      fencedWrite(ctx, async (tx) => {
        await transitionJob(tx, ctx.jobId, "storyboarding", "rendering", { leaseToken: ctx.leaseToken });
        await reserveForStage(tx, ctx.jobId, "rendering");
      }),
    );
  } catch (error) {
    if (!(error instanceof BudgetRefusal)) throw error;
    await fencedWrite(ctx, (tx) =>
      transitionJob(tx, ctx.jobId, "storyboarding", "awaiting_approval", {
        leaseToken: ctx.leaseToken,
        data: { note: `The clips were not started by themselves: ${error.message}` },
      }),
    );
  }
}
