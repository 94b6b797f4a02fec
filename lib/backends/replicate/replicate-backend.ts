import type { GenerationBackend } from "../types";
import { resolveModels, type ModelNames } from "./configured-models";
import { replicateAnimator } from "./replicate-animator";
import { replicateIllustrator } from "./replicate-illustrator";
import { replicateNarrator } from "./replicate-narrator";
import { replicateSceneWriter } from "./replicate-scene-writer";
import { getReplicateRuntime } from "./runtime";

/** The Replicate back end for one job, with the models it was created with. */
export function replicateBackend(names: ModelNames, clipResolution: string | null): GenerationBackend {
  const runtime = getReplicateRuntime();
  const models = resolveModels(names);
  return {
    name: "replicate",
    sceneWriter: replicateSceneWriter(runtime, models.writer),
    illustrator: replicateIllustrator(runtime, models.still),
    animator: replicateAnimator(runtime, models.clip, clipResolution ?? models.clip.defaultResolution),
    narrator: replicateNarrator(runtime, models.narrator),
  };
}
