import { createHash } from "node:crypto";
import type { Continuity } from "@/lib/db/generated/enums";
import { CROSSFADE_SECONDS } from "@/lib/media/frame-size";
import { MOVE_EXTENSION } from "@/lib/media/scene-move";
import { clipKey } from "@/lib/storage/keys";

export interface RecipeJob {
  id: string;
  seed: number;
  aspectRatio: string;
  continuity: Continuity;
  backend: string;
  clipModel: string | null;
  clipResolution: string | null;
}

export interface RecipeScene {
  id: string;
  stillKey: string | null;
  motion: string;
  durationSec: number;
  clipStatus: string;
  clipKey: string | null;
}

export interface PlannedClip {
  /** Where the clip made from what the scene is now is kept: the same inputs always name the same file. */
  key: string;
  /** Every clip but the last carries the crossfade's overlap so each scene keeps its full length. */
  durationSec: number;
  seed: number;
}

const digest = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex");

/**
 * A clip's seed: from its scene and still, not its place, so moving a scene does not change its clip and a new
 * still gets a new seed.
 */
const clipSeed = (jobSeed: number, sceneId: string, stillKey: string | null) =>
  jobSeed + (parseInt(digest([sceneId, stillKey]).slice(0, 8), 16) % 1_000_003);

/**
 * What each scene's clip is made from, in order, and the key that names it. A clip is reused exactly when its
 * recipe is unchanged: the still, motion, length, model and seed, and what it joins to (chained clips start on the
 * previous clip's last frame, continuous ones end on the next still). `ready` scenes keep the clip they have.
 */
export function planClips(job: RecipeJob, scenes: readonly RecipeScene[]): PlannedClip[] {
  const plans: PlannedClip[] = [];
  let previousClip: string | null = null;
  scenes.forEach((scene, index) => {
    const last = index === scenes.length - 1;
    const durationSec = scene.durationSec + (last ? 0 : CROSSFADE_SECONDS);
    const seed = clipSeed(job.seed, scene.id, scene.stillKey);
    const recipe = {
      model: `${job.backend}:${job.clipModel ?? "default"}@${job.clipResolution ?? "default"}`,
      still: scene.stillKey,
      motion: scene.motion,
      durationSec,
      aspectRatio: job.aspectRatio,
      seed,
      from: job.continuity === "chained" && index > 0 ? previousClip : null,
      to: job.continuity === "continuous" ? (scenes[index + 1]?.stillKey ?? null) : null,
    };
    // The local back end records each clip as a camera move that the stitch draws (lib/media/scene-move.ts).
    const ext = job.backend === "local" ? MOVE_EXTENSION : ".mp4";
    const planned = { key: clipKey(job.id, scene.id, digest(recipe).slice(0, 16), ext), durationSec, seed };
    plans.push(planned);
    previousClip = scene.clipStatus === "ready" && scene.clipKey ? scene.clipKey : planned.key;
  });
  return plans;
}
