import sharp from "@/lib/media/sharp";
import { NO_HOOKS, type CallHooks, type DrawStillInput, type Illustrator } from "../types";
import { stillCost } from "./billing";
import { downloadOutput, firstOutputUrl } from "./download-output";
import type { StillModel } from "./model-table";
import { ReplicateError } from "./replicate-errors";
import type { ReplicateRuntime } from "./runtime";
import { runPrediction } from "./run-prediction";
import { uploadFrame } from "./upload-frame";

export function replicateIllustrator(runtime: ReplicateRuntime, model: StillModel): Illustrator {
  function draw(input: DrawStillInput, referenceUrl: string | undefined, signal: AbortSignal, hooks: CallHooks) {
    return runPrediction(
      runtime.api,
      runtime.resilience,
      {
        model: model.ref,
        input: model.input({
          prompt: `${input.imagePrompt}. ${input.style} style.`,
          aspectRatio: input.aspectRatio,
          seed: input.seed,
          referenceUrl,
        }),
        deadlineSec: runtime.deadlines.stillSec,
        pollMs: runtime.pollMs ?? model.pollMs,
        maxRetries: 3,
        cost: () => stillCost(model),
        maxCostUsd: stillCost(model).usd,
        accept: async (prediction) => {
          const bytes = await downloadOutput(
            runtime.resilience,
            firstOutputUrl(prediction.output),
            "image",
            runtime.download,
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
  }

  return {
    model: model.ref,
    async drawStill(input: DrawStillInput, signal: AbortSignal, hooks: CallHooks = NO_HOOKS): Promise<Buffer> {
      if (!input.referencePath) return draw(input, undefined, signal, hooks);
      if (!model.takesReference) throw new ReplicateError("input", `${model.ref} does not draw from a reference image.`);
      // The reference goes up as a file (a URL in the input, not the image itself), and is deleted once read.
      const reference = await uploadFrame(runtime, input.referencePath, signal);
      try {
        return await draw(input, reference.url, signal, hooks);
      } finally {
        await runtime.api.deleteFile(reference.id).catch(() => undefined);
      }
    },
  };
}
