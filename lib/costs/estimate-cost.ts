import { CROSSFADE_SECONDS } from "@/lib/media/frame-size";
import { tokenCost } from "@/lib/backends/replicate/billing";
import { clipDurations, tierOf, type ClipChoice } from "@/lib/backends/replicate/clip-plan";
import { snapDuration, type NarratorModel } from "@/lib/backends/replicate/model-table";
import type { Models } from "@/lib/backends/replicate/configured-models";

export interface CostEstimate {
  totalUsd: number;
  lines: { label: string; usd: number }[];
}

// Before the scenes are written their lengths are unknown; the local writer aims at about this.
const DEFAULT_SCENE_SECONDS = 3.5;

/** One caption spoken: billed by run time, so its typical time is the best guess before it runs. */
export const narrationUsd = (model: NarratorModel) => model.typicalPredictSec * model.perPredictSecondUsd;

/**
 * The billed length of each scene's clip: every clip but the last carries the crossfade, and with continuous
 * scenes every clip but the last ends on a given frame, which some models allow at fewer lengths.
 */
export function clipLengths(clips: ClipChoice, sceneSeconds: readonly number[]): number[] {
  return sceneSeconds.map((seconds, i) => {
    const last = i === sceneSeconds.length - 1;
    return snapDuration(clipDurations(clips, last), seconds + (last ? 0 : CROSSFADE_SECONDS));
  });
}

/**
 * What a job will cost before anything is spent, from the same price table the ledger records with.
 * Retries, a repaired scene-writer answer and regenerated stills come on top. `models` is null on the
 * local back end, which costs nothing; without `clips`, the clip model's default resolution, no continuity.
 */
export function estimateJobCost(input: {
  models: Models | null;
  clips?: ClipChoice;
  /** Each caption spoken by the narrator model. */
  narration?: boolean;
  sceneCount: number;
  targetSeconds?: number | null;
}): CostEstimate {
  const { models, sceneCount } = input;
  if (!models) return { totalUsd: 0, lines: [{ label: "Local back end", usd: 0 }] };
  const clips = input.clips ?? { model: models.clip, resolution: models.clip.defaultResolution, continuity: "none" };
  const sceneSeconds = input.targetSeconds ? input.targetSeconds / sceneCount : DEFAULT_SCENE_SECONDS;
  const lengths = clipLengths(clips, Array(sceneCount).fill(sceneSeconds));
  const clipSeconds = lengths.reduce((sum, s) => sum + s, 0);
  const distinct = [...new Set(lengths)].join(" or ");
  const lines = [
    // Billed per token; before the writer answers, a typical request's tokens are the best guess.
    { label: `Scene writer (${models.writer.ref})`, usd: tokenCost(models.writer, models.writer.typicalTokens) },
    { label: `${sceneCount} stills (${models.still.ref})`, usd: sceneCount * models.still.perImageUsd },
    {
      label: `${sceneCount} clips of ${distinct} s at ${clips.resolution} (${clips.model.ref})`,
      usd: clipSeconds * tierOf(clips).perSecondUsd,
    },
    ...(input.narration
      ? [
          {
            label: `Narration of ${sceneCount} captions (${models.narrator.ref.split(":")[0]})`,
            usd: sceneCount * narrationUsd(models.narrator),
          },
        ]
      : []),
  ];
  return { totalUsd: lines.reduce((sum, l) => sum + l.usd, 0), lines };
}
