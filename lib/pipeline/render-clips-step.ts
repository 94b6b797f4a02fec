import { asAspectRatio, asMotion } from "@/lib/vocabulary";
import { transitionJob } from "@/lib/jobs/transition-job";
import { CROSSFADE_SECONDS, frameSize } from "@/lib/media/frame-size";
import { assertVideo } from "@/lib/media/probe-video";
import { commitTemp, createTempPath, discardTemp, pathForKey } from "@/lib/storage/file-storage";
import { clipKey } from "@/lib/storage/keys";
import { runGeneration } from "./ledger";
import { explainFailure, fencedWrite, LeaseLostError, StepError, type StepContext } from "./step-context";

/** rendering -> stitching: a motion clip per approved scene, each checked with ffprobe before it counts. */
export async function renderClipsStep(ctx: StepContext): Promise<void> {
  const job = await ctx.db.job.findUniqueOrThrow({ where: { id: ctx.jobId } });
  const all = await ctx.db.scene.findMany({ where: { jobId: ctx.jobId }, orderBy: { position: "asc" } });
  const lastId = all[all.length - 1]?.id;
  const animator = ctx.backend.animator;
  for (const scene of all.filter((s) => s.clipStatus !== "ready")) {
    if (!scene.stillKey) throw new StepError(`Scene ${scene.position + 1} has no storyboard still to animate.`, scene.id);
    await fencedWrite(ctx, (tx) => tx.scene.update({ where: { id: scene.id }, data: { clipStatus: "generating", error: null } }));
    const key = clipKey(ctx.jobId, scene.id, scene.stillRevision);
    // Every clip but the last carries the crossfade's overlap so each scene keeps its full length.
    const durationSec = scene.durationSec + (scene.id === lastId ? 0 : CROSSFADE_SECONDS);
    const temp = await createTempPath(key);
    const input = {
      stillPath: pathForKey(scene.stillKey),
      motion: asMotion(scene.motion),
      durationSec,
      aspectRatio: asAspectRatio(job.aspectRatio),
      seed: job.seed + scene.position * 104_729 + scene.stillRevision * 7919,
      outPath: temp,
    };
    try {
      await runGeneration(
        ctx,
        {
          sceneId: scene.id,
          kind: "clip",
          backend: ctx.backend.name,
          model: animator.model,
          input: { ...input, outPath: undefined },
        },
        async (hooks) => {
          await animator.animate(input, ctx.signal, hooks);
          await assertVideo(temp, { ...frameSize(job.aspectRatio), durationSec });
          await commitTemp(temp, key);
        },
        (tx) => tx.scene.update({ where: { id: scene.id }, data: { clipStatus: "ready", clipKey: key } }),
        key,
      );
    } catch (error) {
      await discardTemp(temp);
      if (error instanceof LeaseLostError || ctx.signal.aborted) throw error;
      throw new StepError(explainFailure(`Rendering the clip for scene ${scene.position + 1} failed.`, error), scene.id, {
        cause: error,
      });
    }
  }
  await fencedWrite(ctx, (tx) => transitionJob(tx, ctx.jobId, "rendering", "stitching", { leaseToken: ctx.leaseToken }));
}
