import { getEnv } from "@/lib/env";
import { CROSSFADE_SECONDS } from "@/lib/media/frame-size";
import { CLIP_MODELS, STILL_MODELS, WRITER_MODELS, snapDuration } from "@/lib/providers/replicate/model-table";

export interface CostEstimate {
  totalUsd: number;
  lines: { label: string; usd: number }[];
}

// Before the scenes are written their lengths are unknown; the local writer aims at about this.
const DEFAULT_SCENE_SECONDS = 3.5;

/**
 * What a job will cost before anything is spent, from the same price table the ledger records with.
 * Retries, a repaired scene-writer answer and regenerated stills come on top.
 */
export function estimateJobCost(input: { provider: string; sceneCount: number; targetSeconds?: number | null }): CostEstimate {
  if (input.provider !== "replicate") return { totalUsd: 0, lines: [{ label: "Local back end", usd: 0 }] };
  const env = getEnv();
  const writer = WRITER_MODELS[env.REPLICATE_WRITER_MODEL];
  const still = STILL_MODELS[env.REPLICATE_STILL_MODEL];
  const clip = CLIP_MODELS[env.REPLICATE_CLIP_MODEL];
  const sceneSeconds = input.targetSeconds ? input.targetSeconds / input.sceneCount : DEFAULT_SCENE_SECONDS;
  const clipSeconds = snapDuration(clip, sceneSeconds + CROSSFADE_SECONDS);
  const lines = [
    { label: `Scene writer (${writer.ref})`, usd: writer.perRunUsd },
    { label: `${input.sceneCount} stills (${still.ref})`, usd: input.sceneCount * still.perImageUsd },
    { label: `${input.sceneCount} clips of ${clipSeconds} s (${clip.ref})`, usd: input.sceneCount * clipSeconds * clip.perSecondUsd },
  ];
  return { totalUsd: lines.reduce((sum, l) => sum + l.usd, 0), lines };
}
