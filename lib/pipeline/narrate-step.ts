import { createHash } from "node:crypto";
import { speak } from "@/lib/media/speak";
import { commitTemp, createTempPath, discardTemp, removeKey } from "@/lib/storage/file-storage";
import { narrationKey } from "@/lib/storage/keys";
import { asVoice } from "@/lib/vocabulary";
import { fencedWrite, LeaseLostError, StepError, type StepContext } from "./step-context";

// Room after the last word before the scene cuts.
const TAIL_SECONDS = 0.6;
const roundUpToHalf = (seconds: number) => Math.ceil(seconds * 2) / 2;

/**
 * Before the clips: each scene's caption spoken in the job's voice (again only when the caption changed), and a
 * scene shorter than its narration lengthened to hold it, so the clips are made at the final lengths.
 */
export async function narrateScenes(ctx: StepContext, voiceName: string): Promise<void> {
  const voice = asVoice(voiceName);
  const scenes = await ctx.db.scene.findMany({ where: { jobId: ctx.jobId }, orderBy: { position: "asc" } });
  for (const scene of scenes) {
    const madeOf = createHash("sha256").update(`${voice}\n${scene.caption}`).digest("hex").slice(0, 16);
    if (scene.narrationOf === madeOf && scene.narrationKey) continue;
    const key = narrationKey(ctx.jobId, scene.id, madeOf);
    const temp = await createTempPath(key);
    try {
      const seconds = await speak(scene.caption, voice, temp, ctx.signal);
      await commitTemp(temp, key);
      const needed = roundUpToHalf(seconds + TAIL_SECONDS);
      await fencedWrite(ctx, (tx) =>
        tx.scene.update({
          where: { id: scene.id },
          data: {
            narrationKey: key,
            narrationSec: seconds,
            narrationOf: madeOf,
            ...(needed > scene.durationSec && scene.clipStatus !== "ready" ? { durationSec: needed } : {}),
          },
        }),
      );
    } catch (error) {
      await discardTemp(temp);
      if (error instanceof LeaseLostError || ctx.signal.aborted) throw error;
      const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
      throw new StepError(
        missing
          ? "Narration needs espeak-ng on the server (Debian: apt-get install espeak-ng, or set ESPEAK_PATH)."
          : `Speaking the caption of scene ${scene.position + 1} failed.`,
        scene.id,
        { cause: error },
      );
    }
    if (scene.narrationKey && scene.narrationKey !== key) await removeKey(scene.narrationKey);
  }
}
