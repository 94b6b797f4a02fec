import fsp from "node:fs/promises";
import { FRAME_RATE, frameSize, h264OutputArgs } from "@/lib/media/frame-size";
import { runFfmpeg } from "@/lib/media/run-ffmpeg";
import { NO_HOOKS, type AnimateInput, type Animator, type CallHooks } from "../types";
import { clipCost } from "./billing";
import { downloadOutput, firstOutputUrl } from "./download-output";
import { snapDuration, type ClipModel } from "./model-table";
import { ReplicateError } from "./replicate-errors";
import type { ReplicateRuntime } from "./runtime";
import { runPrediction } from "./run-prediction";

const MOTION_PROMPTS: Record<string, string> = {
  "zoom-in": "slow push-in camera move",
  "zoom-out": "slow pull-back camera move",
  "pan-left": "slow camera pan to the left",
  "pan-right": "slow camera pan to the right",
  "pan-up": "slow camera tilt upward",
  "pan-down": "slow camera tilt downward",
};

/**
 * The model's clip, made to fit the pipeline: our frame size and rate, H.264, and exactly the scene's
 * length (trimmed, or held on its last frame when the model's allowed lengths are shorter).
 */
async function normalizeClip(source: string, input: AnimateInput, signal: AbortSignal): Promise<void> {
  const { width, height } = frameSize(input.aspectRatio);
  const filter = [
    `scale=${width}:${height}:force_original_aspect_ratio=increase`,
    `crop=${width}:${height}`,
    `fps=${FRAME_RATE}`,
    `tpad=stop_mode=clone:stop_duration=${input.durationSec.toFixed(3)}`,
    "format=yuv420p",
  ].join(",");
  await runFfmpeg(
    [
      "-y",
      "-loglevel",
      "error",
      "-i",
      source,
      "-vf",
      filter,
      "-t",
      input.durationSec.toFixed(3),
      ...h264OutputArgs(input.outPath),
    ],
    signal,
  ).catch((error) => {
    if (signal.aborted) throw error;
    throw new ReplicateError("output", "The model's video could not be read.", { cause: error });
  });
}

/** The scene's still as a file on Replicate, retried like any other call. */
async function uploadStill(runtime: ReplicateRuntime, input: AnimateInput, signal: AbortSignal) {
  const bytes = await fsp.readFile(input.stillPath);
  return runtime.resilience.run(
    () => runtime.resilience.guard(() => runtime.api.uploadFile(bytes, "image/jpeg", { purpose: "storyreel still" }), signal),
    { maxRetries: 3, signal },
  );
}

export function replicateAnimator(runtime: ReplicateRuntime, model: ClipModel): Animator {
  return {
    model: model.ref,
    async animate(input: AnimateInput, signal: AbortSignal, hooks: CallHooks = NO_HOOKS): Promise<void> {
      const durationSec = snapDuration(model, input.durationSec);
      const source = `${input.outPath}.source.part.mp4`;
      const still = await uploadStill(runtime, input, signal);
      try {
        await runPrediction(
          runtime.api,
          runtime.resilience,
          {
            model: model.ref,
            input: model.input({
              image: still.url,
              prompt: MOTION_PROMPTS[input.motion] ?? "slow camera move",
              durationSec,
              aspectRatio: input.aspectRatio,
              seed: input.seed,
            }),
            deadlineSec: runtime.deadlines.clipSec,
            pollMs: runtime.pollMs ?? model.pollMs,
            maxRetries: 2,
            cost: () => clipCost(model, durationSec),
            accept: async (prediction) => {
              const bytes = await downloadOutput(
                runtime.resilience,
                firstOutputUrl(prediction.output),
                "video",
                runtime.requestTimeoutMs,
                signal,
              );
              await fsp.writeFile(source, bytes);
              await normalizeClip(source, input, signal);
            },
          },
          hooks,
          signal,
        );
      } finally {
        await fsp.rm(source, { force: true });
        // The prediction has read it (or will never run): it need not wait on Replicate to expire.
        await runtime.api.deleteFile(still.id).catch(() => undefined);
      }
    },
  };
}
