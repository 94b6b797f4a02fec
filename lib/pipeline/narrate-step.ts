import { commitTemp, createTempPath, discardTemp, statKey } from "@/lib/storage/file-storage";
import { removeUnlessKept } from "@/lib/versions/kept-files";
import { narrationKey } from "@/lib/storage/keys";
import { asVoice } from "@/lib/vocabulary";
import { runGeneration } from "./ledger";
import { narrationFingerprint, needsNarration } from "@/lib/media/narration-fingerprint";
import { explainFailure, fencedWrite, LeaseLostError, StepError, type StepContext } from "./step-context";

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
    if (!needsNarration(voice, scene)) continue;
    const madeOf = narrationFingerprint(voice, scene.caption);
    const key = narrationKey(ctx.jobId, scene.id, madeOf);
    // Spoken before (an earlier version's caption, back again): that file is used, never written over.
    if (await statKey(key)) {
      await fencedWrite(ctx, (tx) =>
        tx.scene.update({ where: { id: scene.id }, data: { narrationKey: key, narrationOf: madeOf } }),
      );
      continue;
    }
    const temp = await createTempPath(key);
    try {
      const narrator = ctx.backend.narrator;
      const input = { text: scene.caption, voice };
      await runGeneration(
        ctx,
        { sceneId: scene.id, kind: "narration", backend: ctx.backend.name, model: narrator.model, input },
        async (hooks) => {
          const seconds = await narrator.speak(input, temp, ctx.signal, hooks);
          await commitTemp(temp, key);
          return seconds;
        },
        (tx, seconds) => {
          const needed = roundUpToHalf(seconds + TAIL_SECONDS);
          return tx.scene.update({
            where: { id: scene.id },
            data: {
              narrationKey: key,
              narrationSec: seconds,
              narrationOf: madeOf,
              ...(needed > scene.durationSec && scene.clipStatus !== "ready" ? { durationSec: needed } : {}),
            },
          });
        },
        key,
      );
    } catch (error) {
      await discardTemp(temp);
      if (error instanceof LeaseLostError || ctx.signal.aborted) throw error;
      const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
      throw new StepError(
        missing
          ? "Narration needs espeak-ng on the server (Debian: apt-get install espeak-ng, or set ESPEAK_PATH)."
          : explainFailure(`Speaking the caption of scene ${scene.position + 1} failed.`, error),
        scene.id,
        { cause: error },
      );
    }
    if (scene.narrationKey && scene.narrationKey !== key) await removeUnlessKept(ctx.db, ctx.jobId, scene.narrationKey);
  }
}
