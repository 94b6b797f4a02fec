import { sceneDraftsSchema } from "@/lib/jobs/schemas";
import { asStyle } from "@/lib/vocabulary";
import { transitionJob } from "@/lib/jobs/transition-job";
import { runGeneration } from "./ledger";
import { explainFailure, LeaseLostError, StepError, type StepContext } from "./step-context";

/** parsing -> storyboarding: the prompt becomes ordered scenes. Re-running replaces a half-written set. */
export async function writeScenesStep(ctx: StepContext): Promise<void> {
  const job = await ctx.db.job.findUniqueOrThrow({ where: { id: ctx.jobId } });
  const input = {
    prompt: job.prompt,
    sceneCount: job.sceneCount,
    style: asStyle(job.style),
    targetSeconds: job.targetSeconds ?? undefined,
    seed: job.seed,
  };
  const writer = ctx.backend.sceneWriter;
  // Whatever wrote the scenes, the one scene schema checks them inside the call, so invalid output is a
  // failed generation, not a succeeded one.
  try {
    await runGeneration(
      ctx,
      { kind: "scenes", backend: ctx.backend.name, model: writer.model, input },
      async (hooks) => {
        const written = await writer.writeScenes(input, ctx.signal, hooks);
        const parsed = sceneDraftsSchema(job.sceneCount).safeParse(written.scenes);
        if (!parsed.success)
          throw new StepError("The scene writer returned scenes that could not be used.", undefined, { cause: parsed.error });
        return { scenes: parsed.data, note: written.note ?? null };
      },
      async (tx, { scenes, note }) => {
        await tx.scene.deleteMany({ where: { jobId: ctx.jobId } });
        await tx.scene.createMany({ data: scenes.map((draft, position) => ({ ...draft, jobId: ctx.jobId, position })) });
        await transitionJob(tx, ctx.jobId, "parsing", "storyboarding", { leaseToken: ctx.leaseToken, data: { note } });
      },
    );
  } catch (error) {
    if (error instanceof StepError || error instanceof LeaseLostError || ctx.signal.aborted) throw error;
    throw new StepError(explainFailure("Writing the scenes failed.", error), undefined, { cause: error });
  }
}
