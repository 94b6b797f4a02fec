import fsp from "node:fs/promises";
import { FRAME_RATE, frameSize, h264OutputArgs } from "@/lib/media/frame-size";
import { runFfmpeg } from "@/lib/media/run-ffmpeg";
import { ownEntry } from "@/lib/util/own-entry";
import { NO_HOOKS, type AnimateInput, type Animator, type CallHooks } from "../types";
import { clipCost } from "./billing";
import { downloadOutput, firstOutputUrl } from "./download-output";
import { allowedDurations, snapDuration, type ClipModel } from "./model-table";
import { ReplicateError } from "./replicate-errors";
import type { ReplicateRuntime } from "./runtime";
import { uploadFrame } from "./upload-frame";
import { runPrediction } from "./run-prediction";

const MOTION_PROMPTS: Record<string, string> = {
  "zoom-in": "slow push-in camera move",
  "zoom-out": "slow pull-back camera move",
  "pan-left": "slow camera pan to the left",
  "pan-right": "slow camera pan to the right",
  "pan-up": "slow camera tilt upward",
  "pan-down": "slow camera tilt downward",
};

/** The scene in words, then what the camera does: a clip model that only saw the camera move would invent the rest. */
function clipPrompt(input: AnimateInput): string {
  return `${input.scenePrompt.replace(/[.\s]+$/, "")}. ${ownEntry(MOTION_PROMPTS, input.motion) ?? "slow camera move"}.`;
}

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

export function replicateAnimator(runtime: ReplicateRuntime, model: ClipModel, resolution: string): Animator {
  const choice = { model, resolution };
  return {
    model: model.ref,
    async animate(input: AnimateInput, signal: AbortSignal, hooks: CallHooks = NO_HOOKS): Promise<void> {
      const endFrame = input.endStillPath !== undefined;
      if (endFrame && !ownEntry(model.tiers, resolution)?.endFrame) {
        throw new ReplicateError("input", `${model.label} at ${resolution} cannot end a clip on a chosen frame.`);
      }
      const durationSec = snapDuration(allowedDurations(model, resolution, endFrame), input.durationSec);
      const source = `${input.outPath}.source.part.mp4`;
      const uploaded = [await uploadFrame(runtime, input.stillPath, signal)];
      try {
        if (input.endStillPath) uploaded.push(await uploadFrame(runtime, input.endStillPath, signal));
        const [still, end] = uploaded;
        await runPrediction(
          runtime.api,
          runtime.resilience,
          {
            model: model.ref,
            input: model.input({
              image: still!.url,
              endImage: end?.url,
              prompt: clipPrompt(input),
              durationSec,
              resolution,
              aspectRatio: input.aspectRatio,
              seed: input.seed,
            }),
            deadlineSec: runtime.deadlines.clipSec,
            pollMs: runtime.pollMs ?? model.pollMs,
            maxRetries: 2,
            cost: () => clipCost(choice, durationSec),
            maxCostUsd: clipCost(choice, durationSec).usd,
            accept: async (prediction) => {
              const bytes = await downloadOutput(
                runtime.resilience,
                firstOutputUrl(prediction.output),
                "video",
                runtime.download,
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
        // The prediction has read them (or will never run): they need not wait on Replicate to expire.
        await Promise.all(uploaded.map((file) => runtime.api.deleteFile(file.id).catch(() => undefined)));
      }
    },
  };
}
