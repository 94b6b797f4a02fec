import fsp from "node:fs/promises";
import { probeDuration } from "@/lib/media/probe-video";
import { NO_HOOKS, type CallHooks, type Narrator } from "../types";
import { predictTimeCost, predictTimeMaxCostUsd } from "./billing";
import { downloadOutput, firstOutputUrl } from "./download-output";
import type { NarratorModel } from "./model-table";
import { ReplicateError } from "./replicate-errors";
import type { ReplicateRuntime } from "./runtime";
import { runPrediction } from "./run-prediction";

/** A caption spoken by a text-to-speech model on Replicate; the file is checked by reading its length. */
export function replicateNarrator(runtime: ReplicateRuntime, model: NarratorModel): Narrator {
  return {
    model: model.ref,
    async speak(input, outPath: string, signal: AbortSignal, hooks: CallHooks = NO_HOOKS): Promise<number> {
      return runPrediction(
        runtime.api,
        runtime.resilience,
        {
          model: model.ref,
          input: model.input(input),
          deadlineSec: model.maxPredictSec,
          pollMs: runtime.pollMs ?? model.pollMs,
          maxRetries: 2,
          cost: (prediction) => predictTimeCost(model, prediction),
          maxCostUsd: predictTimeMaxCostUsd(model),
          accept: async (prediction) => {
            const bytes = await downloadOutput(
              runtime.resilience,
              firstOutputUrl(prediction.output),
              "audio",
              runtime.download,
              signal,
            );
            await fsp.writeFile(outPath, bytes);
            return probeDuration(outPath).catch((error) => {
              throw new ReplicateError("output", "The model's speech file could not be read.", { cause: error });
            });
          },
        },
        hooks,
        signal,
      );
    },
  };
}
