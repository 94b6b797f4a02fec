import { getEnv } from "@/lib/env";
import type { GenerationBackend } from "../types";
import { CLIP_MODELS, STILL_MODELS, WRITER_MODELS } from "./model-table";
import { replicateAnimator } from "./replicate-animator";
import { replicateIllustrator } from "./replicate-illustrator";
import { replicateSceneWriter } from "./replicate-scene-writer";
import { getReplicateRuntime } from "./runtime";

export function replicateBackend(): GenerationBackend {
  const env = getEnv();
  const runtime = getReplicateRuntime();
  return {
    name: "replicate",
    sceneWriter: replicateSceneWriter(runtime, WRITER_MODELS[env.REPLICATE_WRITER_MODEL]),
    illustrator: replicateIllustrator(runtime, STILL_MODELS[env.REPLICATE_STILL_MODEL]),
    animator: replicateAnimator(runtime, CLIP_MODELS[env.REPLICATE_CLIP_MODEL]),
  };
}
