import sharp from "sharp";
import { NO_HOOKS, type CallHooks, type DrawStillInput, type Illustrator } from "../types";
import { stillCost } from "./billing";
import { downloadOutput, firstOutputUrl } from "./download-output";
import type { StillModel } from "./model-table";
import { ReplicateError } from "./replicate-errors";
import type { ReplicateRuntime } from "./runtime";
import { runPrediction } from "./run-prediction";

export function replicateIllustrator(runtime: ReplicateRuntime, model: StillModel): Illustrator {
  return {
    model: model.ref,
    async drawStill(input: DrawStillInput, signal: AbortSignal, hooks: CallHooks = NO_HOOKS): Promise<Buffer> {
      return runPrediction(
        runtime.api,
        runtime.resilience,
        {
          model: model.ref,
          input: model.input({
            prompt: `${input.imagePrompt}. ${input.style} style.`,
            aspectRatio: input.aspectRatio,
            seed: input.seed,
          }),
          deadlineSec: runtime.deadlines.stillSec,
          pollMs: runtime.pollMs ?? model.pollMs,
          maxRetries: 3,
          cost: () => stillCost(model),
          accept: async (prediction) => {
            const bytes = await downloadOutput(
              runtime.resilience,
              firstOutputUrl(prediction.output),
              "image",
              runtime.requestTimeoutMs,
              signal,
            );
            // Decoding it proves the whole file is an image, not just its first bytes; stills are stored as JPEG.
            return sharp(bytes)
              .jpeg({ quality: 90 })
              .toBuffer()
              .catch((error) =>
                Promise.reject(new ReplicateError("output", "The model's image could not be read.", { cause: error })),
              );
          },
        },
        hooks,
        signal,
      );
    },
  };
}
