import { getEnv } from "@/lib/env";
import { localAnimator } from "./local/local-animator";
import { localIllustrator } from "./local/local-illustrator";
import { localSceneWriter } from "./local/local-scene-writer";
import { replicateBackend } from "./replicate/replicate-backend";
import { withSimulatedLatency } from "./simulated-latency";
import type { GenerationBackend } from "./types";

export const localBackend: GenerationBackend = {
  name: "local",
  sceneWriter: localSceneWriter,
  illustrator: localIllustrator,
  animator: localAnimator,
};

export function getBackend(name: string = getEnv().provider): GenerationBackend {
  if (name === "local") return withSimulatedLatency(localBackend, getEnv().LOCAL_BACKEND_DELAY_MS);
  if (name === "replicate") return replicateBackend();
  throw new Error(`There is no "${name}" generation back end; use local or replicate.`);
}
