import type { Backend } from "@/lib/db/generated/enums";
import { getEnv } from "@/lib/env";
import { localAnimator } from "./local/local-animator";
import { localIllustrator } from "./local/local-illustrator";
import { localNarrator } from "./local/local-narrator";
import { localSceneWriter } from "./local/local-scene-writer";
import { assertModelsConfigured, configuredModelNames } from "./replicate/configured-models";
import { forgetBreakersOfDeadLocalProcesses } from "./replicate/breaker-record";
import { replicateBackend } from "./replicate/replicate-backend";
import { forgetReplicateRuntime } from "./replicate/runtime";
import { withSimulatedLatency } from "./simulated-latency";
import type { GenerationBackend } from "./types";

export const localBackend: GenerationBackend = {
  name: "local",
  sceneWriter: localSceneWriter,
  illustrator: localIllustrator,
  animator: localAnimator,
  narrator: localNarrator,
};

/** What a job records about how it is made; its back end is built from this, not from today's configuration. */
export interface JobBackendChoice {
  backend: Backend;
  writerModel: string | null;
  stillModel: string | null;
  clipModel: string | null;
  clipResolution: string | null;
  narratorModel: string | null;
}

export function getBackend(job: JobBackendChoice): GenerationBackend {
  if (job.backend === "local") return withSimulatedLatency(localBackend, getEnv().LOCAL_BACKEND_DELAY_MS);
  const configured = configuredModelNames();
  return replicateBackend(
    {
      writer: job.writerModel ?? configured.writer,
      still: job.stillModel ?? configured.still,
      clip: job.clipModel ?? configured.clip,
      narrator: job.narratorModel ?? configured.narrator,
    },
    job.clipResolution,
  );
}

/** Every process checks the configured back end before it serves or works: a bad model name stops start-up. */
export function assertBackendConfigured(): void {
  if (getEnv().backend === "replicate") assertModelsConfigured();
}

/** A process that will call the back ends: checks the configuration and clears what dead processes left behind. */
export async function prepareBackends(): Promise<void> {
  assertBackendConfigured();
  await forgetBreakersOfDeadLocalProcesses();
}

/** On shutdown: this process's breaker state no longer speaks for anything. */
export async function releaseBackends(): Promise<void> {
  await forgetReplicateRuntime();
}
