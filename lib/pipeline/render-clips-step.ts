import type { Continuity } from "@/lib/db/generated/enums";
import { extractLastFrame } from "@/lib/media/last-frame";
import { asAspectRatio, asMotion } from "@/lib/vocabulary";
import { transitionJob } from "@/lib/jobs/transition-job";
import { assertStitchableClip } from "@/lib/media/probe-video";
import { assertMove, isMovePath, MOVE_EXTENSION, readMove } from "@/lib/media/scene-move";
import { moveLastFrame } from "@/lib/backends/local/local-animator";
import { commitTemp, createTempPath, discardTemp, pathForKey, statKey } from "@/lib/storage/file-storage";
import { ensureRenderingVersion } from "@/lib/versions/version-rows";
import { planClips } from "./clip-recipe";
import { runGeneration } from "./ledger";
import { narrateScenes } from "./narrate-step";
import { explainFailure, fencedWrite, LeaseLostError, StepError, type StepContext } from "./step-context";

type SceneRow = { position: number; stillKey: string | null; clipKey: string | null; clipStatus: string };

/**
 * Where scene `index`'s clip starts and ends. Chained: it starts on the previous clip's last frame (that clip
 * is rendered first; on a resumed job it is read back from storage). Continuous: it ends on the next still.
 */
async function clipFrames(
  ctx: StepContext,
  continuity: Continuity,
  scenes: SceneRow[],
  index: number,
  firstFramePath: string,
): Promise<{ stillPath: string; endStillPath?: string }> {
  const scene = scenes[index]!;
  const next = scenes[index + 1];
  let stillPath = pathForKey(scene.stillKey!);
  if (continuity === "chained" && index > 0) {
    const previous = scenes[index - 1]!;
    if (previous.clipStatus !== "ready" || !previous.clipKey) {
      throw new StepError(`Scene ${scene.position + 1} is chained to scene ${previous.position + 1}, whose clip is not made.`);
    }
    const previousPath = pathForKey(previous.clipKey);
    if (isMovePath(previousPath)) await moveLastFrame(await readMove(previousPath), firstFramePath, ctx.signal);
    else await extractLastFrame(previousPath, firstFramePath, ctx.signal);
    stillPath = firstFramePath;
  }
  if (continuity === "continuous" && next?.stillKey) return { stillPath, endStillPath: pathForKey(next.stillKey) };
  return { stillPath };
}

/**
 * rendering -> stitching: a clip per approved scene. A model's clip is checked with ffprobe before it counts; the
 * local back end records a camera move instead, drawn by the stitch.
 */
export async function renderClipsStep(ctx: StepContext): Promise<void> {
  const job = await ctx.db.job.findUniqueOrThrow({ where: { id: ctx.jobId } });
  await fencedWrite(ctx, (tx) => ensureRenderingVersion(tx, job));
  if (job.voice) await narrateScenes(ctx, job.voice);
  const all = await ctx.db.scene.findMany({ where: { jobId: ctx.jobId }, orderBy: { position: "asc" } });
  const plans = planClips(job, all);
  const animator = ctx.backend.animator;
  for (const [index, scene] of all.entries()) {
    if (scene.clipStatus === "ready") continue;
    if (!scene.stillKey) throw new StepError(`Scene ${scene.position + 1} has no storyboard still to animate.`, scene.id);
    const { key, durationSec, seed } = plans[index]!;
    // Made before from the same inputs (an earlier version's clip): used as it is, never paid for or written over.
    if (await statKey(key)) {
      await fencedWrite(ctx, (tx) => tx.scene.update({ where: { id: scene.id }, data: { clipStatus: "ready", clipKey: key } }));
      all[index] = { ...scene, clipStatus: "ready", clipKey: key };
      continue;
    }
    await fencedWrite(ctx, (tx) => tx.scene.update({ where: { id: scene.id }, data: { clipStatus: "generating", error: null } }));
    const temp = await createTempPath(key);
    // A move draws from its first frame when the stitch runs, so a chained move's is kept beside it.
    const keepsFirstFrame = animator.recordsMoves === true;
    const firstFrame = keepsFirstFrame ? pathForKey(key.replace(MOVE_EXTENSION, ".first.jpg")) : `${temp}.first-frame.jpg`;
    try {
      const input = {
        ...(await clipFrames(ctx, job.continuity, all, index, firstFrame)),
        scenePrompt: scene.imagePrompt,
        motion: asMotion(scene.motion),
        durationSec,
        aspectRatio: asAspectRatio(job.aspectRatio),
        seed,
        outPath: temp,
      };
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
          if (animator.recordsMoves) await assertMove(temp, durationSec);
          else await assertStitchableClip(temp);
          await commitTemp(temp, key);
        },
        (tx) => tx.scene.update({ where: { id: scene.id }, data: { clipStatus: "ready", clipKey: key } }),
        key,
      );
      all[index] = { ...scene, clipStatus: "ready", clipKey: key };
      if (!keepsFirstFrame) await discardTemp(firstFrame);
    } catch (error) {
      await discardTemp(temp);
      await discardTemp(firstFrame);
      if (error instanceof LeaseLostError || ctx.signal.aborted) throw error;
      throw new StepError(explainFailure(`Rendering the clip for scene ${scene.position + 1} failed.`, error), scene.id, {
        cause: error,
      });
    }
  }
  await fencedWrite(ctx, (tx) => transitionJob(tx, ctx.jobId, "rendering", "stitching", { leaseToken: ctx.leaseToken }));
}
