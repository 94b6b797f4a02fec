import { transitionJob } from "@/lib/jobs/transition-job";
import { frameSize } from "@/lib/media/frame-size";
import { assertVideo } from "@/lib/media/probe-video";
import { stitchVideo } from "@/lib/media/stitch-video";
import { commitTemp, createTempPath, discardTemp, pathForKey } from "@/lib/storage/file-storage";
import { versionPosterKey, versionVideoKey } from "@/lib/storage/keys";
import { completeVersion } from "@/lib/versions/version-rows";
import { runGeneration } from "./ledger";
import { LeaseLostError, StepError, type StepContext } from "./step-context";

/** A scene's narration, when the job has a voice and the scene is spoken. */
const spoken = (s: { narrate: boolean; narrationKey: string | null }) => (s.narrate ? s.narrationKey : null);

/** stitching -> completed: clips + captions -> final.mp4 and a poster, both renamed into place only when verified. */
export async function stitchStep(ctx: StepContext): Promise<void> {
  const job = await ctx.db.job.findUniqueOrThrow({ where: { id: ctx.jobId } });
  const scenes = await ctx.db.scene.findMany({ where: { jobId: ctx.jobId }, orderBy: { position: "asc" } });
  const missing = scenes.find((s) => !s.clipKey || s.clipStatus !== "ready");
  if (missing) throw new StepError(`Scene ${missing.position + 1} has no rendered clip to stitch.`, missing.id);
  // Each version has files of its own, so stitching v2 never touches what v1 plays.
  const finalKey = versionVideoKey(ctx.jobId, job.draftVersion);
  const thumbKey = versionPosterKey(ctx.jobId, job.draftVersion);
  const [videoTemp, posterTemp] = await Promise.all([createTempPath(finalKey), createTempPath(thumbKey)]);
  const total = scenes.reduce((sum, s) => sum + s.durationSec, 0);
  const cost = await ctx.db.generation.aggregate({ where: { jobId: ctx.jobId }, _sum: { costUsd: true } });
  try {
    await runGeneration(
      ctx,
      {
        kind: "stitch",
        backend: "local",
        model: "local/ffmpeg-stitch-v1",
        input: [scenes.map((s) => [s.clipKey, s.caption, s.durationSec, spoken(s)]), job.musicKey, job.draftVersion],
      },
      async () => {
        await stitchVideo({
          scenes: scenes.map((s) => ({ clipPath: pathForKey(s.clipKey!), caption: s.caption, durationSec: s.durationSec })),
          aspectRatio: job.aspectRatio,
          sound: {
            narrations: scenes.map((s) => {
              const key = spoken(s);
              return key ? pathForKey(key) : null;
            }),
            musicPath: job.musicKey ? pathForKey(job.musicKey) : null,
          },
          outPath: videoTemp,
          posterPath: posterTemp,
          signal: ctx.signal,
        });
        await assertVideo(videoTemp, { ...frameSize(job.aspectRatio), durationSec: total, tolerance: 0.05, audio: true });
        await commitTemp(posterTemp, thumbKey);
        await commitTemp(videoTemp, finalKey);
      },
      async (tx) => {
        await completeVersion(tx, ctx.jobId, { videoKey: finalKey, posterKey: thumbKey, durationSec: total });
        return transitionJob(tx, ctx.jobId, "stitching", "completed", {
          leaseToken: ctx.leaseToken,
          data: {
            videoKey: finalKey,
            posterKey: thumbKey,
            durationSec: total,
            completedAt: new Date(),
            costUsd: cost._sum.costUsd ?? 0,
          },
        });
      },
      finalKey,
    );
  } catch (error) {
    await Promise.all([discardTemp(videoTemp), discardTemp(posterTemp)]);
    if (error instanceof LeaseLostError || ctx.signal.aborted) throw error;
    throw new StepError("Stitching the final video failed.", undefined, { cause: error });
  }
}
