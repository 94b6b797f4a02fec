import type { Backend } from "@/lib/db/generated/enums";
import { getEnv } from "@/lib/env";
import { invalidInput } from "@/lib/errors";
import { chooseClips } from "@/lib/backends/replicate/clip-plan";
import { CLIP_MODELS } from "@/lib/backends/replicate/model-table";
import { configuredModelNames, resolveModels, type ModelNames } from "@/lib/backends/replicate/configured-models";
import { hasOwnEntry } from "@/lib/util/own-entry";
import type { AspectRatio, Continuity } from "@/lib/vocabulary";
import { estimateJobCost, type CostEstimate } from "./estimate-cost";

export interface JobQuote extends CostEstimate {
  backend: Backend;
  /** The models a job created now would use (null on the local back end). */
  models: ModelNames | null;
  /** How its clips would be made (null on the local back end). */
  clips: { resolution: string; continuity: Continuity } | null;
}

export interface QuoteRequest {
  sceneCount: number;
  targetSeconds?: number | null;
  aspectRatio?: AspectRatio;
  clipModel?: string | null;
  clipResolution?: string | null;
  continuity?: Continuity | null;
  narration?: boolean;
  /** A reference image: on Replicate the stills are drawn by a model that takes one. */
  reference?: boolean;
}

const CLIP_FIELDS = ["clipModel", "clipResolution", "continuity"] as const;

/**
 * How a job with these settings would be made today and what it would cost: shown by the wizard, kept by the job.
 * The clip model, its resolution and continuity are the person's to choose on Replicate; unknown or impossible
 * choices are refused with a sentence (400).
 */
export function quoteNewJob(input: QuoteRequest): JobQuote {
  const backend = getEnv().backend;
  if (backend === "local") {
    const chosen = CLIP_FIELDS.filter((f) => input[f] != null && input[f] !== "none");
    if (chosen.length) {
      throw invalidInput(
        `This studio renders on the local back end, which has no clip models to choose: leave out ${chosen.join(", ")}.`,
      );
    }
    return { backend, models: null, clips: null, ...estimateJobCost({ ...input, models: null }) };
  }
  const configured = configuredModelNames();
  const names = {
    writer: configured.writer,
    still: input.reference ? getEnv().REPLICATE_REFERENCE_STILL_MODEL : configured.still,
    clip: input.clipModel ?? configured.clip,
    ...(input.narration ? { narrator: configured.narrator } : {}),
  };
  if (input.clipModel != null && !hasOwnEntry(CLIP_MODELS, input.clipModel)) {
    throw invalidInput(
      `"${input.clipModel}" is not a clip model Storyreel offers; choose one of ${Object.keys(CLIP_MODELS).join(", ")}.`,
    );
  }
  const models = resolveModels(names);
  const clips = chooseClips(models.clip, { resolution: input.clipResolution, continuity: input.continuity }, input.aspectRatio);
  return {
    backend,
    models: names,
    clips: { resolution: clips.resolution, continuity: clips.continuity },
    ...estimateJobCost({ ...input, models, clips }),
  };
}
