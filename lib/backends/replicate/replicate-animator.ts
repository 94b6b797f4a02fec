import fsp from "node:fs/promises";
import { assertStitchableClip } from "@/lib/media/probe-video";
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
 * The model's clip kept as it came once ffprobe can read it: the stitch scales it to our frame, paces it and holds
 * its last frame when the model's allowed lengths are shorter, so it is encoded only there.
 */
async function acceptClip(source: string, outPath: string): Promise<void> {
  await assertStitchableClip(source).catch((error) => {
    throw new ReplicateError("output", "The model's video could not be read.", { cause: error });
  });
  await fsp.rename(source, outPath);
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
              await acceptClip(source, input.outPath);
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
