import { CROSSFADE_SECONDS } from "@/lib/media/frame-size";
import { tokenCost } from "@/lib/providers/replicate/billing";
import { snapDuration } from "@/lib/providers/replicate/model-table";
import type { Models } from "@/lib/providers/replicate/configured-models";

export interface CostEstimate {
  totalUsd: number;
  lines: { label: string; usd: number }[];
}

// Before the scenes are written their lengths are unknown; the local writer aims at about this.
const DEFAULT_SCENE_SECONDS = 3.5;

/**
 * What a job will cost before anything is spent, from the same price table the ledger records with.
 * Retries, a repaired scene-writer answer and regenerated stills come on top. `models` is null on the
 * local back end, which costs nothing.
 */
export function estimateJobCost(input: {
  models: Models | null;
  sceneCount: number;
  targetSeconds?: number | null;
}): CostEstimate {
  const { models } = input;
  if (!models) return { totalUsd: 0, lines: [{ label: "Local back end", usd: 0 }] };
  const sceneSeconds = input.targetSeconds ? input.targetSeconds / input.sceneCount : DEFAULT_SCENE_SECONDS;
  const clipSeconds = snapDuration(models.clip, sceneSeconds + CROSSFADE_SECONDS);
  const lines = [
    // Billed per token; before the writer answers, a typical request's tokens are the best guess.
    { label: `Scene writer (${models.writer.ref})`, usd: tokenCost(models.writer, models.writer.typicalTokens) },
    { label: `${input.sceneCount} stills (${models.still.ref})`, usd: input.sceneCount * models.still.perImageUsd },
    {
      label: `${input.sceneCount} clips of ${clipSeconds} s (${models.clip.ref})`,
      usd: input.sceneCount * clipSeconds * models.clip.perSecondUsd,
    },
  ];
  return { totalUsd: lines.reduce((sum, l) => sum + l.usd, 0), lines };
}
